import Stripe from "stripe";
import type { Prisma } from "@llmguard/db";
import type { App } from "../app";
import { DomainError, isDomainError } from "../shared/errors";
import type { BillingPlan } from "./plans";
import { billingConfigured, callStripe, idOf, stripeOf } from "./stripe-client";
import { forgetAllowance } from "./usage";

/**
 * Stripe's webhooks (issue 11, requirement 9.2). `receiveStripeWebhook` verifies the raw body against
 * STRIPE_WEBHOOK_SECRET (signature and timestamp tolerance), stores the event once by its id and hands
 * it to the jobs; a redelivery stores and changes nothing. `processStripeEvent` (the job's handler) makes
 * the account match Stripe: for anything about a subscription it fetches the subscription as Stripe holds
 * it now, so events that arrive out of order, late or twice all converge to Stripe's latest state. Each
 * processed event writes one BillingTransaction row.
 */

/** Seconds a signature's timestamp may be old (Stripe's default tolerance). */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

const HANDLED = ["checkout.session.completed", "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted", "invoice.paid", "invoice.payment_failed"] as const;

/** Only the signature check needs a client; without a secret key it still verifies. */
const verifiers = new WeakMap<App, Stripe>();
function verifier(app: App): Stripe {
  if (billingConfigured(app)) return stripeOf(app);
  let v = verifiers.get(app);
  if (!v) verifiers.set(app, (v = new Stripe("sk_webhook_verification_only")));
  return v;
}

function customerOfObject(obj: unknown): string {
  const c = (obj as { customer?: string | { id: string } | null } | null)?.customer;
  return idOf(c ?? null) ?? "";
}

export async function receiveStripeWebhook(params: { app: App; payload: Buffer | string; signature: string | null }): Promise<{ received: true; duplicate: boolean }> {
  const { app, payload, signature } = params;
  const secret = app.env.STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new DomainError("BILLING_NOT_CONFIGURED", "Stripe webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET is not set)");
  if (!signature) throw new DomainError("VALIDATION_FAILED", "Missing Stripe-Signature header");
  let event: Stripe.Event;
  try {
    event = verifier(app).webhooks.constructEvent(payload, signature, secret, STRIPE_WEBHOOK_TOLERANCE_SECONDS);
  } catch (err) {
    // Stripe's message says which check failed (no signature matched, timestamp outside the tolerance).
    throw new DomainError("VALIDATION_FAILED", `Invalid Stripe signature: ${(err as Error).message.split("\n")[0]}`);
  }
  const customerId = customerOfObject(event.data.object);
  const stored = await app.db.stripeEvent.createMany({
    data: [{ id: event.id, type: event.type, customerId: customerId || null, payload: JSON.parse(JSON.stringify(event)) as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
  if (stored.count === 0) return { received: true, duplicate: true };
  app.events.emit({ name: "billing/stripe-event.received", data: { eventId: event.id, customerId } });
  return { received: true, duplicate: false };
}

function planOf(app: App, sub: Stripe.Subscription): BillingPlan {
  if (sub.status === "canceled" || sub.status === "incomplete_expired") return "free";
  const prices = sub.items.data.map((i) => i.price.id);
  if (app.env.STRIPE_PRICE_ENTERPRISE && prices.includes(app.env.STRIPE_PRICE_ENTERPRISE)) return "enterprise";
  if (prices.includes(app.env.STRIPE_PRICE_PRO)) return "pro";
  const meta = sub.metadata?.plan;
  return meta === "enterprise" || meta === "pro" ? meta : "pro";
}

/** The subscription's current period: on its items since Stripe's 2025 API versions (earliest start, latest end). */
function periodOf(sub: Stripe.Subscription): { start: Date | null; end: Date | null } {
  const items = sub.items.data;
  if (items.length === 0) return { start: null, end: null };
  return { start: new Date(Math.min(...items.map((i) => i.current_period_start)) * 1000), end: new Date(Math.max(...items.map((i) => i.current_period_end)) * 1000) };
}

function subscriptionIdOf(event: Stripe.Event): string | null {
  const obj = event.data.object as unknown as Record<string, unknown>;
  if (event.type.startsWith("customer.subscription.")) return String(obj.id);
  if (event.type === "checkout.session.completed") return idOf(obj.subscription as string | null);
  if (event.type.startsWith("invoice.")) {
    const parent = obj.parent as { subscription_details?: { subscription?: string | { id: string } } | null } | null;
    return idOf(parent?.subscription_details?.subscription ?? null) ?? idOf((obj.subscription as string | null) ?? null);
  }
  return null;
}

async function accountOf(app: App, event: Stripe.Event, customerId: string, sub: Stripe.Subscription | null): Promise<string | null> {
  const obj = event.data.object as unknown as Record<string, unknown>;
  const candidates = [
    event.type === "checkout.session.completed" ? (obj.client_reference_id as string | null) : null,
    (obj.metadata as Record<string, string> | undefined)?.userId ?? null,
    sub?.metadata?.userId ?? null,
  ];
  if (customerId) {
    const byCustomer = await app.db.billingAccount.findUnique({ where: { stripeCustomerId: customerId }, select: { userId: true } });
    if (byCustomer) return byCustomer.userId;
  }
  for (const c of candidates) {
    if (c && (await app.db.user.findUnique({ where: { id: c }, select: { id: true } }).catch(() => null))) return c;
  }
  return null;
}

/** Stripe's subscription now, or (without a secret key) the event's own copy of it. */
async function currentSubscription(app: App, event: Stripe.Event, id: string | null): Promise<Stripe.Subscription | null> {
  if (!id) return null;
  if (billingConfigured(app)) return callStripe(app, "read the subscription", (s) => s.subscriptions.retrieve(id));
  return event.type.startsWith("customer.subscription.") ? (event.data.object as Stripe.Subscription) : null;
}

function describe(event: Stripe.Event, plan: BillingPlan | null, sub: Stripe.Subscription | null): { description: string; amount: number | null; currency: string | null; invoiceId: string | null } {
  const obj = event.data.object as unknown as Record<string, unknown>;
  if (event.type === "invoice.paid" || event.type === "invoice.payment_failed") {
    const paid = event.type === "invoice.paid";
    const amount = Number(paid ? obj.amount_paid : obj.amount_due) || 0;
    const currency = String(obj.currency ?? "usd");
    return {
      description: `${paid ? "Invoice paid" : "Payment failed"}: ${obj.number ?? obj.id} (${(amount / 100).toFixed(2)} ${currency.toUpperCase()})`,
      amount,
      currency,
      invoiceId: String(obj.id),
    };
  }
  const state = sub ? `${plan} plan, subscription ${sub.status}${sub.cancel_at_period_end ? ", cancels at period end" : ""}` : "no subscription";
  if (!(HANDLED as readonly string[]).includes(event.type)) return { description: `${event.type}: not used`, amount: null, currency: null, invoiceId: null };
  return { description: `${event.type}: ${state}`, amount: null, currency: null, invoiceId: null };
}

export async function processStripeEvent(params: { app: App; eventId: string }): Promise<{ status: "processed" | "already_processed" | "not_found"; userId?: string | null }> {
  const { app, eventId } = params;
  const row = await app.db.stripeEvent.findUnique({ where: { id: eventId } });
  if (!row) return { status: "not_found" };
  if (row.processedAt) return { status: "already_processed" };
  const event = row.payload as unknown as Stripe.Event;
  const handled = (HANDLED as readonly string[]).includes(event.type);
  const sub = handled ? await currentSubscription(app, event, subscriptionIdOf(event)) : null;
  const customerId = row.customerId ?? (sub ? (idOf(sub.customer) ?? "") : "");
  const userId = handled ? await accountOf(app, event, customerId, sub) : null;
  const plan = sub ? planOf(app, sub) : null;
  const what = describe(event, plan, sub);
  let paymentFailedFor: string | null = null;

  await app.db.$transaction(async (tx) => {
    const claimed = await tx.stripeEvent.updateMany({ where: { id: eventId, processedAt: null }, data: { processedAt: new Date(), error: null } });
    if (claimed.count === 0) return; // another run processed it meanwhile
    if (userId && sub) {
      const current = await tx.billingAccount.findUnique({ where: { userId } });
      // A canceled subscription that is not the account's current one (an old one) changes nothing.
      const replaces = !current?.stripeSubscriptionId || current.stripeSubscriptionId === sub.id || sub.status !== "canceled";
      if (replaces) {
        const period = periodOf(sub);
        const data = {
          plan: plan!,
          status: sub.status,
          stripeSubscriptionId: sub.id,
          currentPeriodStart: plan === "free" ? null : period.start,
          currentPeriodEnd: plan === "free" ? null : period.end,
          cancelAtPeriodEnd: sub.cancel_at_period_end,
          ...(customerId ? { stripeCustomerId: customerId } : {}),
        };
        await tx.billingAccount.upsert({ where: { userId }, create: { userId, ...data }, update: data });
      }
    }
    await tx.billingTransaction.create({ data: { userId, stripeEventId: eventId, type: event.type, ...what } });
    if (event.type === "invoice.payment_failed" && userId) paymentFailedFor = userId;
  });
  if (userId) forgetAllowance(app, userId);
  if (paymentFailedFor) await tellPaymentFailed(app, paymentFailedFor, what.description);
  app.logger.info({ eventId, type: event.type, userId, plan }, "Stripe event processed");
  return { status: "processed", userId };
}

async function tellPaymentFailed(app: App, userId: string, description: string) {
  const user = await app.db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return;
  try {
    await app.mailer.send({
      to: user.email,
      subject: "LLMGuard: your payment failed",
      text: `${description}.\n\nStripe will retry the payment. Update your card in the billing portal: ${app.env.APP_URL.replace(/\/$/, "")}/billing\n`,
    });
  } catch (err) {
    app.logger.warn({ err: isDomainError(err) ? err.message : err, userId }, "payment-failed e-mail could not be sent");
  }
}

/** Events stored but not processed a minute later (a job lost with its process): processed by the usage job. */
export async function processStaleStripeEvents(app: App, now = new Date()): Promise<number> {
  const stale = await app.db.stripeEvent.findMany({ where: { processedAt: null, receivedAt: { lt: new Date(now.getTime() - 60_000) } }, orderBy: { receivedAt: "asc" }, take: 100, select: { id: true } });
  let done = 0;
  for (const e of stale) {
    try {
      if ((await processStripeEvent({ app, eventId: e.id })).status === "processed") done += 1;
    } catch (err) {
      await app.db.stripeEvent.update({ where: { id: e.id }, data: { error: (err as Error).message.slice(0, 500) } }).catch(() => undefined);
      app.logger.warn({ err, eventId: e.id }, "stale Stripe event failed again");
    }
  }
  return done;
}
