import type { ReactNode } from "react";
import { cn } from "~/components/ui/cn";

/** One headline number with its label and an optional note under it. */
export function MetricCard({ label, value, note, tone = "default" }: { label: string; value: ReactNode; note?: ReactNode; tone?: "default" | "warning" | "danger" }) {
  return (
    <div data-testid="metric-card" className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <p className="text-xs font-medium tracking-wide text-muted uppercase">{label}</p>
      <p className={cn("mt-1 text-2xl font-semibold tracking-tight tabular-nums", tone === "danger" ? "text-red-700" : tone === "warning" ? "text-amber-700" : "text-slate-900")}>
        {value}
      </p>
      {note ? <p className="mt-0.5 text-xs text-muted">{note}</p> : null}
    </div>
  );
}
