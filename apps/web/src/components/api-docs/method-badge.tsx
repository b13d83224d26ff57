import { cn } from "~/components/ui/cn";

const COLORS: Record<string, string> = {
  GET: "bg-sky-100 text-sky-800",
  POST: "bg-emerald-100 text-emerald-800",
  PUT: "bg-amber-100 text-amber-800",
  PATCH: "bg-amber-100 text-amber-800",
  DELETE: "bg-red-100 text-red-800",
};

export function MethodBadge({ method, className }: { method: string; className?: string }) {
  const m = method.toUpperCase();
  return <span className={cn("inline-flex w-16 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-bold", COLORS[m] ?? "bg-chip text-chip-fg", className)}>{m}</span>;
}
