import Link from "next/link";
import { KeyIcon } from "~/components/ui/icons";
import { cn } from "~/components/ui/cn";

/** A `{{ secret:NAME }}` reference: the name as a chip linking to the secret, never its value. */
export function SecretChip({ name, projectId, missing = false }: { name: string; projectId?: string; missing?: boolean }) {
  const className = cn(
    "mx-0.5 inline-flex items-center gap-1 rounded-full px-2 py-0.5 align-baseline font-mono text-[11px] font-medium ring-1 ring-inset whitespace-nowrap",
    missing ? "bg-red-50 text-red-700 ring-red-600/20" : "bg-violet-50 text-violet-700 ring-violet-600/20 hover:bg-violet-100",
  );
  const title = missing ? `Secret ${name} does not exist yet` : `Secret ${name}: the value is never shown here`;
  const body = (
    <>
      <KeyIcon />
      <span>{name}</span>
      <span className="sr-only">{missing ? " (secret reference, missing)" : " (secret reference)"}</span>
    </>
  );
  return projectId ? (
    <Link href={`/projects/${projectId}/secrets#secret-${encodeURIComponent(name)}`} data-testid="secret-ref" title={title} className={className}>
      {body}
    </Link>
  ) : (
    <span data-testid="secret-ref" title={title} className={className}>
      {body}
    </span>
  );
}
