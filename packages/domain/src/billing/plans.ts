/**
 * The plan table (issue 11), in one place: what each plan includes, whether its monthly volume is a hard
 * cap, and the per-minute ingest rate it allows per project (the project's own `limits.requestsPerMinute`
 * applies too; the lower one wins). Client-safe: the dashboard shows these numbers.
 */
export const BILLING_PLANS = ["free", "pro", "enterprise"] as const;
export type BillingPlan = (typeof BILLING_PLANS)[number];

export interface PlanTerms {
  label: string;
  /** Requests per billing period included in the plan (Enterprise: the default when an operator set none). */
  monthlyRequests: number;
  /** Free: past the volume, ingest answers 429 PLAN_LIMIT_EXCEEDED until the period resets. */
  hardCap: boolean;
  /** Pro: past the volume, requests keep being accepted and are reported to Stripe as metered usage. */
  meteredOverage: boolean;
  /** Ingested records per minute per project at most, whatever the project's settings say. */
  ingestPerMinute: number;
  /** Cents per month, for the dashboard (Stripe's price is the truth of what is charged). */
  priceCents: number | null;
}

export const PLAN_TERMS: Record<BillingPlan, PlanTerms> = {
  free: { label: "Free", monthlyRequests: 10_000, hardCap: true, meteredOverage: false, ingestPerMinute: 1_000, priceCents: 0 },
  pro: { label: "Pro", monthlyRequests: 1_000_000, hardCap: false, meteredOverage: true, ingestPerMinute: 300_000, priceCents: 4_900 },
  enterprise: { label: "Enterprise", monthlyRequests: 10_000_000, hardCap: false, meteredOverage: false, ingestPerMinute: 3_000_000, priceCents: null },
};

/** Usage e-mails go to the owner at these shares of the included volume. */
export const USAGE_NOTICE_PCTS = [80, 100] as const;

/** The calendar month (UTC) that holds `now`: Free's billing period. */
export function calendarMonth(now: Date): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
}

/**
 * The period usage counts in: the subscription's current period while it holds `now`, else the calendar
 * month (Free, or a subscription whose renewal Stripe has not confirmed yet).
 */
export function billingPeriod(account: { currentPeriodStart: Date | null; currentPeriodEnd: Date | null } | null, now: Date): { start: Date; end: Date } {
  if (account?.currentPeriodStart && account.currentPeriodEnd && account.currentPeriodStart <= now && now < account.currentPeriodEnd) {
    return { start: account.currentPeriodStart, end: account.currentPeriodEnd };
  }
  return calendarMonth(now);
}

/** The volume included for an account (an operator's Enterprise limit wins). */
export function includedRequests(plan: BillingPlan, customMonthlyRequests: number | null): number {
  return plan === "enterprise" && customMonthlyRequests !== null ? customMonthlyRequests : PLAN_TERMS[plan].monthlyRequests;
}
