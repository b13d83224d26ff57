import { BILLING_PLANS, PLAN_TERMS, USAGE_NOTICE_PCTS, type BillingInfo, type BillingPlan } from "@llmguard/domain/schemas";
import { errorCode, errorMessage } from "~/trpc/errors";

// Words and decisions of the Billing page (issue 11): plan and status labels, money in Stripe's minor
// units, the usage bar and its banners, which actions the account has, the plan-change dialog's text,
// and what "Stripe confirmed" means while the page waits for a webhook.

export type Tone = "gray" | "green" | "amber" | "red" | "indigo" | "blue";

const NUMBER = new Intl.NumberFormat("en");

function isPlan(plan: string): plan is BillingPlan {
  return (BILLING_PLANS as readonly string[]).includes(plan);
}

/** "Free", "Pro", "Enterprise"; an unknown plan as sent. */
export function planLabel(plan: string): string {
  return isPlan(plan) ? PLAN_TERMS[plan].label : plan;
}

/** "$0 / month", "$49.00 / month", "Custom pricing". */
export function planPriceText(plan: BillingPlan): string {
  const cents = PLAN_TERMS[plan].priceCents;
  if (cents === null) return "Custom pricing";
  // "$0" reads better than "$0.00" for the free plan.
  const amount = cents === 0 ? formatAmount(0, "usd").replace(/\.00$/, "") : formatAmount(cents, "usd");
  return `${amount} / month`;
}

/** "10,000 requests a month, hard cap" and the like: what the plan includes, in one line. */
export function planVolumeText(plan: BillingPlan, limit: number = PLAN_TERMS[plan].monthlyRequests): string {
  const terms = PLAN_TERMS[plan];
  const volume = `${NUMBER.format(limit)} requests a month`;
  if (terms.hardCap) return `${volume}, hard cap`;
  if (terms.meteredOverage) return `${volume} included, overage billed`;
  return `${volume} included`;
}

// ---- statuses

const SUBSCRIPTION_STATUSES: Record<string, { label: string; tone: Tone }> = {
  active: { label: "Active", tone: "green" },
  trialing: { label: "Trial", tone: "blue" },
  past_due: { label: "Past due", tone: "red" },
  unpaid: { label: "Unpaid", tone: "red" },
  canceled: { label: "Canceled", tone: "gray" },
  incomplete: { label: "Incomplete", tone: "amber" },
  incomplete_expired: { label: "Expired", tone: "gray" },
  paused: { label: "Paused", tone: "amber" },
};

function humanize(s: string): string {
  const t = s.replace(/_/g, " ").trim();
  return t ? t[0]!.toUpperCase() + t.slice(1) : "Unknown";
}

/** Stripe's subscription status as a badge: "Active", "Past due", "Canceled"; others humanized, gray. */
export function subscriptionStatus(status: string): { label: string; tone: Tone } {
  return SUBSCRIPTION_STATUSES[status] ?? { label: humanize(status), tone: "gray" };
}

const INVOICE_STATUSES: Record<string, { label: string; tone: Tone }> = {
  paid: { label: "Paid", tone: "green" },
  open: { label: "Open", tone: "amber" },
  draft: { label: "Draft", tone: "gray" },
  void: { label: "Void", tone: "gray" },
  uncollectible: { label: "Uncollectible", tone: "red" },
};

/** Stripe's invoice status as a badge; null (Stripe sends none) as "—". */
export function invoiceStatus(status: string | null): { label: string; tone: Tone } {
  if (!status) return { label: "—", tone: "gray" };
  return INVOICE_STATUSES[status] ?? { label: humanize(status), tone: "gray" };
}

// ---- money

/**
 * Currencies Stripe counts in whole units (no minor unit) and in thousandths, from Stripe's list of
 * supported currencies. Every other currency is in hundredths ("cents").
 */
const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"]);
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);

/** An amount in Stripe's smallest unit of `currency`, formatted: 4900 usd → "$49.00", 4900 jpy → "¥4,900". */
export function formatAmount(amount: number, currency: string, locale = "en"): string {
  const code = currency.toLowerCase();
  const digits = ZERO_DECIMAL.has(code) ? 0 : THREE_DECIMAL.has(code) ? 3 : 2;
  const value = amount / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: code.toUpperCase(), minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  } catch {
    // A code Intl does not know: the number and the code as Stripe sent it.
    return `${value.toFixed(digits)} ${code.toUpperCase()}`;
  }
}

/** A day of a billing period, "Jan 1, 2027": UTC by default, where Free's periods (calendar months) begin and end. */
export function formatDay(d: Date | string, timeZone = "UTC"): string {
  return new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", timeZone }).format(new Date(d));
}

// ---- usage

export const USAGE_NEAR_PCT: number = USAGE_NOTICE_PCTS[0];

export type UsageLevel = "ok" | "near" | "over";

export interface UsageView {
  /** "1,234 of 10,000 requests" */
  countText: string;
  /** "12%", "<1%" for a little usage, "130%" past the limit. */
  percentText: string;
  /** 0–100: the bar's filled share (full past the limit). */
  barPercent: number;
  level: UsageLevel;
}

export function usageView(usage: Pick<BillingInfo["usage"], "requests" | "limit">): UsageView {
  const { requests, limit } = usage;
  const countText = `${NUMBER.format(requests)} of ${NUMBER.format(limit)} requests`;
  if (limit <= 0) return { countText, percentText: "100%", barPercent: 100, level: "over" };
  const exact = (requests / limit) * 100;
  const percentText = requests > 0 && exact < 1 ? "<1%" : `${Math.floor(exact)}%`;
  const level: UsageLevel = requests >= limit ? "over" : requests * 100 >= USAGE_NEAR_PCT * limit ? "near" : "ok";
  return { countText, percentText, barPercent: Math.min(100, exact), level };
}

/** The sentence under the bar: what happens at the limit on this plan. */
export function usageTermsText(billing: Pick<BillingInfo, "plan" | "usage">): string {
  const limit = NUMBER.format(billing.usage.limit);
  if (billing.usage.hardCap) return `Hard cap: at ${limit} requests, ingest pauses until the period ends (new requests are refused with 429 PLAN_LIMIT_EXCEEDED).`;
  if (isPlan(billing.plan) && PLAN_TERMS[billing.plan].meteredOverage) return `${limit} requests included; beyond that, requests are still accepted and the overage is billed on your next invoice.`;
  return `${limit} requests included; requests beyond that are still accepted.`;
}

export interface Banner {
  tone: "warning" | "danger";
  title: string;
  body: string;
}

/**
 * The banner near (≥ 80 %) and at or past the period's volume: on Free, ingest is paused until the
 * period ends; on Pro, the overage is billed; on Enterprise, traffic is still accepted.
 */
export function usageBanner(billing: Pick<BillingInfo, "plan" | "usage" | "billingConfigured">, timeZone = "UTC"): Banner | null {
  const view = usageView(billing.usage);
  if (view.level === "ok") return null;
  const limit = NUMBER.format(billing.usage.limit);
  const ends = formatDay(billing.usage.periodEnd, timeZone);
  const label = planLabel(billing.plan);
  if (billing.usage.hardCap) {
    const upgrade = billing.billingConfigured ? ` Upgrade to Pro for ${NUMBER.format(PLAN_TERMS.pro.monthlyRequests)} requests a month.` : "";
    if (view.level === "over") {
      return {
        tone: "danger",
        title: `${label} plan limit reached — ingest paused`,
        body: `Your projects have used all ${limit} requests included this period. New requests are refused (429 PLAN_LIMIT_EXCEEDED) until the period ends on ${ends}.${billing.billingConfigured ? " Upgrade to Pro to resume ingest now." : ""}`,
      };
    }
    return {
      tone: "warning",
      title: `${view.percentText} of the ${label} plan's ${limit} requests used`,
      body: `At ${limit} requests, ingest pauses until the period ends on ${ends}.${upgrade}`,
    };
  }
  const metered = isPlan(billing.plan) && PLAN_TERMS[billing.plan].meteredOverage;
  if (view.level === "over") {
    return {
      tone: "warning",
      title: `Past the ${limit} requests included in ${label}`,
      body: metered
        ? `Ingest continues. Requests beyond ${limit} this period are billed as overage on your next invoice.`
        : `Ingest continues. Requests beyond ${limit} this period are covered by your agreement.`,
    };
  }
  return {
    tone: "warning",
    title: `${view.percentText} of the ${limit} requests included in ${label} used`,
    body: metered ? `Beyond ${limit} requests, ingest continues and the overage is billed.` : `Beyond ${limit} requests, ingest continues.`,
  };
}

/** The banner of a subscription whose payment failed (past_due, unpaid) or never completed (incomplete). */
export function paymentBanner(billing: Pick<BillingInfo, "status" | "plan">): Banner | null {
  const label = planLabel(billing.plan);
  if (billing.status === "past_due") {
    return {
      tone: "danger",
      title: "Payment failed",
      body: `Stripe could not charge your payment method for the last ${label} invoice. Update it in Manage billing; Stripe retries the payment automatically.`,
    };
  }
  if (billing.status === "unpaid") {
    return {
      tone: "danger",
      title: "Invoice unpaid",
      body: `The last ${label} invoice is still unpaid after Stripe's retries. Pay it or update your payment method in Manage billing.`,
    };
  }
  if (billing.status === "incomplete") {
    return { tone: "warning", title: "First payment not completed", body: "The first payment of the subscription has not gone through yet. Complete it in Manage billing." };
  }
  return null;
}

/** Why plan changes are missing on a server without Stripe; null when billing is configured. */
export function notConfiguredText(billing: Pick<BillingInfo, "billingConfigured" | "plan">): string | null {
  if (billing.billingConfigured) return null;
  const unavailable = "Upgrades and plan changes are unavailable on this server: billing is not configured (no Stripe key).";
  if (billing.plan === "free") {
    return `${unavailable} Your account stays on Free with ${NUMBER.format(PLAN_TERMS.free.monthlyRequests)} requests a month. Ask the server's operator to configure Stripe to offer Pro.`;
  }
  return `${unavailable} Your ${planLabel(billing.plan)} plan was set by the server's operator; ask them to change it.`;
}

/** "Renews on Jan 1, 2027", "Cancels at period end — Pro ends on Jan 1, 2027", or null (Free). */
export function renewalText(billing: Pick<BillingInfo, "plan" | "status" | "cancelAtPeriodEnd" | "nextBillingDate" | "usage">, timeZone = "UTC"): string | null {
  if (billing.plan === "free") return null;
  if (billing.cancelAtPeriodEnd) return `Cancels at period end — ${planLabel(billing.plan)} ends on ${formatDay(billing.usage.periodEnd, timeZone)}, then the account returns to Free.`;
  if (billing.nextBillingDate) return `Renews on ${formatDay(billing.nextBillingDate, timeZone)}.`;
  return null;
}

// ---- actions

export type PlanChangeKind = "upgrade" | "downgrade" | "cancel" | "resume";

export interface PlanChange {
  to: BillingPlan;
  kind: PlanChangeKind;
  /** The button's words. */
  label: string;
}

export interface BillingActions {
  /** Upgrade to Pro through Stripe Checkout. */
  checkout: boolean;
  /** Manage billing: Stripe's portal (a customer exists). */
  portal: boolean;
  changes: PlanChange[];
}

const PLAN_RANK: Record<BillingPlan, number> = { free: 0, pro: 1, enterprise: 2 };

/** Whether the account has a live subscription (plan changes go to it; checkout would make a second one). */
export function hasSubscription(billing: Pick<BillingInfo, "plan" | "status" | "subscriptionId">): boolean {
  return billing.plan !== "free" && billing.subscriptionId !== null && billing.status !== "canceled";
}

/**
 * What the account can do: nothing on a server without Stripe; checkout for Pro without a live
 * subscription; with one, switching between paid plans, downgrading to Free (cancel at period end), or
 * keeping the plan when a cancellation is scheduled. Enterprise is offered as a change of a live
 * subscription only (it is arranged with an operator; the server answers 409 when it has no price).
 */
export function billingActions(billing: Pick<BillingInfo, "plan" | "status" | "subscriptionId" | "customerId" | "cancelAtPeriodEnd" | "billingConfigured"> & { enterpriseAvailable?: boolean }): BillingActions {
  if (!billing.billingConfigured) return { checkout: false, portal: false, changes: [] };
  if (!hasSubscription(billing)) return { checkout: true, portal: billing.customerId !== null, changes: [] };
  const current = billing.plan;
  if (billing.cancelAtPeriodEnd) return { checkout: false, portal: true, changes: [{ to: current, kind: "resume", label: `Keep ${planLabel(current)}` }] };
  const changes: PlanChange[] = [];
  for (const plan of BILLING_PLANS) {
    if (plan === current) continue;
    // Enterprise is offered only where the server has its price (else the change would answer 409).
    if (plan === "enterprise" && billing.enterpriseAvailable === false) continue;
    if (plan === "free") changes.push({ to: "free", kind: "cancel", label: "Downgrade to Free" });
    else changes.push({ to: plan, kind: PLAN_RANK[plan] > PLAN_RANK[current] ? "upgrade" : "downgrade", label: `${PLAN_RANK[plan] > PLAN_RANK[current] ? "Upgrade" : "Switch"} to ${planLabel(plan)}` });
  }
  // Paid plans first, the cancellation last.
  changes.sort((a, b) => Number(a.kind === "cancel") - Number(b.kind === "cancel"));
  return { checkout: false, portal: true, changes };
}

export interface ChangeDialogText {
  title: string;
  body: string[];
  confirmLabel: string;
  tone: "danger" | "primary";
}

/** The confirmation dialog of a plan change. */
export function changeDialogText(billing: Pick<BillingInfo, "plan" | "usage">, change: PlanChange, timeZone = "UTC"): ChangeDialogText {
  const from = planLabel(billing.plan);
  const to = planLabel(change.to);
  const ends = formatDay(billing.usage.periodEnd, timeZone);
  const confirmNote = "The change takes effect when Stripe confirms it, usually within seconds.";
  switch (change.kind) {
    case "cancel":
      return {
        title: "Downgrade to Free?",
        body: [
          `Your ${from} subscription is canceled at the end of the period: ${from} stays active until ${ends}, then the account returns to Free.`,
          `Free includes ${NUMBER.format(PLAN_TERMS.free.monthlyRequests)} requests a month with a hard cap: past it, ingest pauses until the next period.`,
        ],
        confirmLabel: "Downgrade at period end",
        tone: "danger",
      };
    case "resume":
      return {
        title: `Keep ${from}?`,
        body: [`The scheduled cancellation is withdrawn and ${from} renews on ${ends}.`, confirmNote],
        confirmLabel: `Keep ${from}`,
        tone: "primary",
      };
    default:
      return {
        title: `${change.kind === "upgrade" ? "Upgrade" : "Switch"} from ${from} to ${to}?`,
        body: [`${to}: ${planVolumeText(change.to)} (${planPriceText(change.to)}). Stripe prorates the difference for the rest of this period on your next invoice.`, confirmNote],
        confirmLabel: `${change.kind === "upgrade" ? "Upgrade" : "Switch"} to ${to}`,
        tone: change.kind === "upgrade" ? "primary" : "danger",
      };
  }
}

// ---- waiting for Stripe

/** How often the page asks for the billing while it waits for Stripe's webhook, and for how long. */
export const CONFIRM_POLL_MS = 1_500;
export const CONFIRM_TIMEOUT_MS = 60_000;

/** What the page waits for: a checkout's subscription, or a plan change made on this page. */
export type Awaiting = { kind: "checkout"; sessionId: string | null } | { kind: "change"; change: PlanChange };

/** Whether the billing shows what the page waits for: the webhook arrived and was processed. */
export function isConfirmed(awaiting: Awaiting, billing: Pick<BillingInfo, "plan" | "status" | "cancelAtPeriodEnd">): boolean {
  if (awaiting.kind === "checkout") return billing.plan === "pro" && billing.status !== "canceled";
  const { change } = awaiting;
  if (change.kind === "cancel") return billing.cancelAtPeriodEnd || billing.plan === "free";
  if (change.kind === "resume") return !billing.cancelAtPeriodEnd;
  return billing.plan === change.to;
}

/** The progress line while waiting. */
export function waitingText(awaiting: Awaiting): string {
  return awaiting.kind === "checkout" ? "Payment received — activating your plan…" : "Waiting for Stripe to confirm…";
}

/** The notice once Stripe confirmed. */
export function confirmedText(awaiting: Awaiting, billing: Pick<BillingInfo, "plan" | "usage">, timeZone = "UTC"): string {
  const label = planLabel(billing.plan);
  if (awaiting.kind === "checkout") return isPlan(billing.plan) ? `You're on ${label}: ${planVolumeText(billing.plan, billing.usage.limit)}.` : `You're on ${label}.`;
  const { change } = awaiting;
  if (change.kind === "cancel") return `Downgrade scheduled: ${label} stays active until ${formatDay(billing.usage.periodEnd, timeZone)}, then the account returns to Free.`;
  if (change.kind === "resume") return `Cancellation withdrawn: ${label} renews on ${formatDay(billing.usage.periodEnd, timeZone)}.`;
  return `Your plan is now ${label}.`;
}

/** The message when Stripe has not confirmed within CONFIRM_TIMEOUT_MS. */
export function timeoutText(awaiting: Awaiting): string {
  if (awaiting.kind === "checkout") {
    return `Stripe has not confirmed the subscription yet. Your payment went through; the plan usually activates within seconds. Check again in a minute${awaiting.sessionId ? `, and if it stays on Free, contact support with checkout session ${awaiting.sessionId}` : ""}.`;
  }
  return "Stripe has not confirmed the change yet. It may still arrive: check again in a minute, or look in Manage billing.";
}

/** The return from Stripe Checkout: `?checkout=success&session_id=…` or `?checkout=canceled`. */
export function checkoutReturn(params: Pick<URLSearchParams, "get">): { outcome: "success"; sessionId: string | null } | { outcome: "canceled" } | null {
  const v = params.get("checkout");
  if (v === "success") return { outcome: "success", sessionId: params.get("session_id") || null };
  if (v === "canceled" || v === "cancelled") return { outcome: "canceled" };
  return null;
}

export const CHECKOUT_CANCELED_TEXT = "Checkout canceled — nothing was charged and your plan is unchanged.";

/** The marker on the portal's return URL: changes made there arrive by webhook, so the page checks for a while. */
export const PORTAL_RETURN_PARAM = "portal";

/** The message of a failed billing action: the 5xx codes of billing say what happened instead of a generic text. */
export function billingErrorMessage(err: unknown, fallback?: string): string {
  const code = errorCode(err);
  if (code === "BILLING_NOT_CONFIGURED") return "Billing is not configured on this server (no Stripe key), so plans cannot be changed here.";
  if (code === "PAYMENT_PROVIDER_ERROR") return "Stripe did not answer as expected, so nothing was changed. Try again in a moment.";
  return errorMessage(err, fallback);
}
