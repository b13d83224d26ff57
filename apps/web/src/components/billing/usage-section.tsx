import type { BillingInfo } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { formatDay, usageTermsText, usageView } from "./billing-format";

const BAR_TONES = { ok: "bg-indigo-600", near: "bg-amber-500", over: "bg-red-600" } as const;

/** This period's requests against the plan's volume (every project the user owns counts). */
export function UsageSection({ billing, onRefresh, refreshing }: { billing: BillingInfo; onRefresh: () => void; refreshing: boolean }) {
  const view = usageView(billing.usage);
  const period = `${formatDay(billing.usage.periodStart)} – ${formatDay(billing.usage.periodEnd)}`;
  return (
    <Section
      id="usage"
      title="Usage this period"
      description={`Requests ingested by all the projects you own, ${period} (UTC).`}
      actions={
        <Button variant="secondary" size="sm" onClick={onRefresh} pending={refreshing}>
          Refresh
        </Button>
      }
    >
      <div data-testid="usage" data-level={view.level} className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <p className="text-sm font-medium text-slate-900" data-testid="usage-count">
            {view.countText}
          </p>
          <p className={cn("text-sm font-semibold", view.level === "over" ? "text-red-700" : view.level === "near" ? "text-amber-700" : "text-slate-700")} data-testid="usage-percent">
            {view.percentText}
          </p>
        </div>
        <div
          role="progressbar"
          aria-label="Requests used this period"
          aria-valuemin={0}
          aria-valuemax={billing.usage.limit}
          aria-valuenow={Math.min(billing.usage.requests, billing.usage.limit)}
          aria-valuetext={`${view.countText} (${view.percentText})`}
          className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
        >
          <div className={cn("h-full rounded-full transition-[width]", BAR_TONES[view.level])} style={{ width: `${view.barPercent}%` }} />
        </div>
        <p className="text-sm text-slate-600">{usageTermsText(billing)}</p>
        <p className="text-xs text-muted">Resets on {formatDay(billing.usage.periodEnd)}.</p>
      </div>
    </Section>
  );
}
