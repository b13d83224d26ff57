import { BILLING_PLANS, type BillingInfo, type BillingPlan } from "@llmguard/domain/schemas";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { FormError } from "~/components/ui/field";
import { CancelsBadge, SubscriptionStatusBadge } from "./billing-badges";
import { billingActions, formatDay, notConfiguredText, planLabel, planPriceText, planVolumeText, renewalText, type PlanChange } from "./billing-format";

/**
 * The current plan (status, renewal or scheduled cancellation), Manage billing, and the three plans side
 * by side, each with what the account can do about it: upgrade through Checkout, switch or downgrade a
 * live subscription (after a confirmation), or keep a plan whose cancellation is scheduled.
 */
export function PlanSection({
  billing,
  busy,
  checkoutPending,
  portalPending,
  error,
  onCheckout,
  onPortal,
  onChange,
}: {
  billing: BillingInfo;
  /** Waiting for Stripe: no second change meanwhile. */
  busy: boolean;
  checkoutPending: boolean;
  portalPending: boolean;
  error: string | null;
  onCheckout: () => void;
  onPortal: () => void;
  onChange: (change: PlanChange) => void;
}) {
  const actions = billingActions(billing);
  const renewal = renewalText(billing);
  const unavailable = notConfiguredText(billing);
  const changeTo = (plan: BillingPlan) => actions.changes.find((c) => c.to === plan);

  return (
    <Section
      id="plan"
      title="Plan"
      actions={
        actions.portal ? (
          <Button variant="secondary" onClick={onPortal} pending={portalPending}>
            Manage billing
          </Button>
        ) : null
      }
    >
      <div className="space-y-4">
        <div>
          <div className="flex flex-wrap items-center gap-2">
            <p className="text-xl font-semibold text-slate-900" data-testid="current-plan" data-plan={billing.plan}>
              {planLabel(billing.plan)}
            </p>
            <SubscriptionStatusBadge status={billing.status} />
            {billing.cancelAtPeriodEnd ? <CancelsBadge /> : null}
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {planVolumeText(billing.plan, billing.usage.limit)} · {planPriceText(billing.plan)}
          </p>
          {renewal ? (
            <p className="mt-1 text-sm text-slate-600" data-testid="renewal">
              {renewal}
            </p>
          ) : null}
        </div>

        {unavailable ? (
          <p data-testid="billing-not-configured" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
            {unavailable}
          </p>
        ) : null}
        <FormError message={error} />

        <ul className="grid gap-3 md:grid-cols-3" aria-label="Plans">
          {BILLING_PLANS.map((plan) => {
            const current = plan === billing.plan;
            const change = changeTo(plan);
            return (
              <li key={plan} data-testid="plan-option" data-plan={plan} className={cn("flex flex-col rounded-lg border p-4", current ? "border-indigo-300 bg-indigo-50/40" : "border-slate-200")}>
                <div className="flex items-center justify-between gap-2">
                  <p className="font-semibold text-slate-900">{planLabel(plan)}</p>
                  {current ? <Badge tone="indigo">Current plan</Badge> : null}
                </div>
                <p className="mt-1 text-sm font-medium text-slate-700">{planPriceText(plan)}</p>
                <p className="mt-1 flex-1 text-sm text-slate-600">{planVolumeText(plan)}</p>
                <div className="mt-3">
                  {plan === "pro" && actions.checkout ? (
                    <Button onClick={onCheckout} pending={checkoutPending} disabled={busy}>
                      Upgrade to Pro
                    </Button>
                  ) : change ? (
                    <Button variant={change.kind === "upgrade" || change.kind === "resume" ? "primary" : "secondary"} onClick={() => onChange(change)} disabled={busy}>
                      {change.label}
                    </Button>
                  ) : plan === "free" && !current && billing.cancelAtPeriodEnd ? (
                    <p className="text-xs text-muted">From {formatDay(billing.usage.periodEnd)}, when {planLabel(billing.plan)} ends.</p>
                  ) : plan === "enterprise" && !current && billing.billingConfigured ? (
                    <p className="text-xs text-muted">Arranged with LLMGuard&apos;s team; available as a switch from Pro.</p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </Section>
  );
}
