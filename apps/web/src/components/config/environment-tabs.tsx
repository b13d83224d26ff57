import Link from "next/link";
import type { ReactNode } from "react";
import type { EnvironmentView } from "@llmguard/domain/schemas";
import { cn } from "~/components/ui/cn";
import { LockIcon } from "~/components/ui/icons";

/** One tab per environment (built-in first, then custom); protected ones carry a lock, unsaved ones a dot. */
export function EnvironmentTabs({
  environments,
  current,
  hrefFor,
  unsaved,
  actions,
}: {
  environments: EnvironmentView[];
  current: string;
  hrefFor: (environment: string) => string;
  unsaved: ReadonlySet<string>;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3 border-b border-slate-200">
      <nav aria-label="Environments" className="-mb-px flex gap-1 overflow-x-auto">
        {environments.map((e) => {
          const active = e.name === current;
          return (
            <Link
              key={e.name}
              href={hrefFor(e.name)}
              scroll={false}
              aria-current={active ? "page" : undefined}
              title={e.description || undefined}
              className={cn(
                "inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {e.protected ? <LockIcon className={active ? "text-indigo-500" : "text-muted"} /> : null}
              <span>{e.name}</span>
              {e.protected ? <span className="sr-only"> (protected)</span> : null}
              {unsaved.has(e.name) ? (
                <span className="size-1.5 rounded-full bg-amber-500" title="Unsaved changes">
                  <span className="sr-only"> (unsaved changes)</span>
                </span>
              ) : null}
            </Link>
          );
        })}
      </nav>
      {actions ? <div className="flex items-center gap-2 pb-2">{actions}</div> : null}
    </div>
  );
}
