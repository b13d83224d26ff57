import type { App } from "../app";
import { isDomainError } from "../shared/errors";
import { USAGE_NOTICE_PCTS } from "./plans";
import { billingConfigured, callStripe } from "./stripe-client";
import { processStaleStripeEvents } from "./stripe-events.service";
import { readAllowance, type AllowanceView } from "./usage";

/**
 * The billing-usage job (issue 11), every minute: for each account with usage in the last month,
 * e-mails the owner at 80% and 100% of the included volume (once per period each), and reports Pro's
 * overage to Stripe's Billing Meter as one meter event per account with the requests added since the last
 * report. The meter event's identifier names the account, the period and the total, so a report repeated
 * after a crash is refused by Stripe as a duplicate instead of being billed twice. It also processes any
 * stored Stripe event whose job was lost.
 */
export interface BillingUsageSummary {
  accounts: number;
  notices: number;
  meterEvents: number;
  reportedRequests: number;
  staleEvents: number;
  failed: number;
}

const DAY_MS = 86_400_000;

export async function runBillingUsage(params: { app: App; now?: Date }): Promise<BillingUsageSummary> {
  const { app } = params;
  const now = params.now ?? new Date();
  const active = await app.db.usageHourly.groupBy({ by: ["accountId"], where: { hour: { gte: new Date(now.getTime() - 32 * DAY_MS) } } });
  const summary: BillingUsageSummary = { accounts: active.length, notices: 0, meterEvents: 0, reportedRequests: 0, staleEvents: 0, failed: 0 };
  for (const { accountId } of active) {
    try {
      const view = await readAllowance(app, accountId, now);
      if (await noticeIfDue(app, view)) summary.notices += 1;
      const reported = await reportOverage(app, view, now);
      if (reported > 0) {
        summary.meterEvents += 1;
        summary.reportedRequests += reported;
      }
    } catch (err) {
      summary.failed += 1;
      app.logger.warn({ err: isDomainError(err) ? err.message : err, accountId }, "billing usage: account failed");
    }
  }
  summary.staleEvents = await processStaleStripeEvents(app, now);
  return summary;
}

async function noticeIfDue(app: App, view: AllowanceView): Promise<boolean> {
  if (view.limit <= 0) return false;
  const pct = (view.stored / view.limit) * 100;
  const due = [...USAGE_NOTICE_PCTS].reverse().find((p) => pct >= p);
  if (!due) return false;
  const account = await app.db.billingAccount.findUnique({ where: { userId: view.accountId }, select: { usageNoticePct: true, usageNoticePeriod: true } });
  const sentThisPeriod = account?.usageNoticePeriod?.getTime() === view.periodStart.getTime() ? account.usageNoticePct : 0;
  if (due <= sentThisPeriod) return false;
  // Claim the notice first (one e-mail even when two instances run the job at once).
  await app.db.billingAccount.upsert({ where: { userId: view.accountId }, create: { userId: view.accountId }, update: {} });
  const claimed = await app.db.billingAccount.updateMany({
    where: { userId: view.accountId, OR: [{ usageNoticePeriod: { not: view.periodStart } }, { usageNoticePeriod: null }, { usageNoticePct: { lt: due } }] },
    data: { usageNoticePct: due, usageNoticePeriod: view.periodStart },
  });
  if (claimed.count === 0) return false;
  const user = await app.db.user.findUnique({ where: { id: view.accountId }, select: { email: true } });
  if (!user) return false;
  const used = `${view.stored.toLocaleString("en-US")} of ${view.limit.toLocaleString("en-US")} requests`;
  const until = view.periodEnd.toISOString().slice(0, 10);
  const what = view.terms.hardCap
    ? due >= 100
      ? `Ingest is paused: new requests answer 429 until the period ends on ${until}. Upgrade to Pro to continue now.`
      : `At 100%, ingest pauses until the period ends on ${until}. Upgrade to Pro to avoid it.`
    : due >= 100
      ? "Requests beyond the included volume are billed as overage."
      : "Requests beyond the included volume will be billed as overage.";
  await app.mailer.send({
    to: user.email,
    subject: `LLMGuard: ${due}% of your ${view.terms.label} plan's requests used`,
    text: `You have used ${used} this billing period (${view.periodStart.toISOString().slice(0, 10)} to ${until}).\n${what}\n\n${app.env.APP_URL.replace(/\/$/, "")}/billing\n`,
  });
  return true;
}

async function reportOverage(app: App, view: AllowanceView, now: Date): Promise<number> {
  if (!view.terms.meteredOverage || !billingConfigured(app)) return 0;
  const overage = Math.max(0, view.stored - view.limit);
  if (overage === 0) return 0;
  const account = await app.db.billingAccount.findUnique({ where: { userId: view.accountId } });
  if (!account?.stripeCustomerId) return 0;
  const reported = account.overagePeriod?.getTime() === view.periodStart.getTime() ? account.overageReported : 0;
  const delta = overage - reported;
  if (delta <= 0) return 0;
  const identifier = `llmguard-${view.accountId}-${view.periodStart.getTime()}-${overage}`;
  try {
    await callStripe(app, "report the overage", (s) =>
      s.billing.meterEvents.create({
        event_name: app.env.STRIPE_METER_EVENT_NAME,
        payload: { stripe_customer_id: account.stripeCustomerId!, value: String(delta) },
        identifier,
        timestamp: Math.floor(now.getTime() / 1000),
      }),
    );
  } catch (err) {
    // The same identifier was accepted before (the update below was lost): it is reported, move on.
    if (!/identifier/i.test((err as Error).message)) throw err;
  }
  await app.db.billingAccount.update({ where: { userId: view.accountId }, data: { overageReported: overage, overagePeriod: view.periodStart } });
  return delta;
}
