import type Stripe from "stripe";
import type { App } from "../app";
import { DomainError } from "../shared/errors";
import type { BillingInfo, ChangePlanInput, CheckoutInput, Invoice, PortalInput } from "./billing.schema";
import { billingPeriod, includedRequests, PLAN_TERMS, type BillingPlan } from "./plans";
import { billingConfigured, callStripe } from "./stripe-client";
import { usageOf } from "./usage";

/**
 * The account's billing (issue 11). Billing belongs to the signed-in user's own account (the design's
 * User → Billing), so every call here acts on `userId`'s account and nobody else's. The database is
 * changed only by Stripe's events (stripe-events.service.ts): a checkout or a plan change asks Stripe,
 * and the account follows when Stripe confirms.
 */

const billingPage = (app: App) => `${app.env.APP_URL.replace(/\/$/, "")}/billing`;

async function accountRow(app: App, userId: string) {
  return app.db.billingAccount.findUnique({ where: { userId } });
}

export async function getBilling(params: { app: App; userId: string; now?: Date }): Promise<BillingInfo> {
  const { app, userId } = params;
  const now = params.now ?? new Date();
  const account = await accountRow(app, userId);
  const plan = (account?.plan ?? "free") as BillingPlan;
  const period = billingPeriod(account, now);
  return {
    plan,
    status: account?.status ?? "active",
    usage: {
      requests: await usageOf(app.db, userId, period.start, period.end),
      limit: includedRequests(plan, account?.customMonthlyRequests ?? null),
      periodStart: period.start,
      periodEnd: period.end,
      hardCap: PLAN_TERMS[plan].hardCap,
    },
    nextBillingDate: plan !== "free" && account?.currentPeriodEnd && !account.cancelAtPeriodEnd ? account.currentPeriodEnd : null,
    cancelAtPeriodEnd: account?.cancelAtPeriodEnd ?? false,
    customerId: account?.stripeCustomerId ?? null,
    subscriptionId: account?.stripeSubscriptionId ?? null,
    billingConfigured: billingConfigured(app),
    enterpriseAvailable: billingConfigured(app) && app.env.STRIPE_PRICE_ENTERPRISE !== undefined,
  };
}

/**
 * The account's Stripe customer, created once: the row is claimed first, so two concurrent checkouts
 * cannot create two customers (the loser reads the winner's id). The idempotency key makes a retried
 * create return the same customer.
 */
async function customerOf(app: App, userId: string): Promise<string> {
  const existing = await accountRow(app, userId);
  if (existing?.stripeCustomerId) return existing.stripeCustomerId;
  const user = await app.db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
  const customer = await callStripe(app, "create the customer", (s) =>
    s.customers.create({ email: user.email, name: user.name || undefined, metadata: { userId } }, { idempotencyKey: `llmguard-customer-${userId}` }),
  );
  await app.db.billingAccount.upsert({ where: { userId }, create: { userId, stripeCustomerId: customer.id }, update: {} });
  const claimed = await app.db.billingAccount.updateMany({ where: { userId, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
  if (claimed.count === 0) return (await app.db.billingAccount.findUniqueOrThrow({ where: { userId } })).stripeCustomerId!;
  return customer.id;
}

/** POST /billing/checkout: a Checkout Session in subscription mode for Pro; its id is stored on the account. */
export async function createCheckout(params: { app: App; userId: string; input: CheckoutInput }): Promise<{ url: string; sessionId: string }> {
  const { app, userId, input } = params;
  if (!billingConfigured(app)) throw notConfigured();
  const account = await accountRow(app, userId);
  if (account?.stripeSubscriptionId && account.plan !== "free" && account.status !== "canceled") {
    throw new DomainError("CONFLICT", `The account already has a ${account.plan} subscription; change the plan or manage it in the billing portal`, { details: { plan: account.plan } });
  }
  const customer = await customerOf(app, userId);
  const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = [{ price: app.env.STRIPE_PRICE_PRO, quantity: 1 }];
  // The metered price bills the overage Pro reports past its included volume.
  if (app.env.STRIPE_PRICE_PRO_OVERAGE) lineItems.push({ price: app.env.STRIPE_PRICE_PRO_OVERAGE });
  const page = billingPage(app);
  const session = await callStripe(app, "create the checkout session", (s) =>
    s.checkout.sessions.create({
      mode: "subscription",
      customer,
      client_reference_id: userId,
      line_items: lineItems,
      success_url: input.successUrl ?? `${page}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: input.cancelUrl ?? `${page}?checkout=canceled`,
      metadata: { userId, plan: input.plan },
      subscription_data: { metadata: { userId, plan: input.plan } },
    }),
  );
  if (!session.url) throw new DomainError("PAYMENT_PROVIDER_ERROR", "Stripe returned a checkout session without a URL");
  await app.db.billingAccount.update({ where: { userId }, data: { checkoutSessionId: session.id } });
  return { url: session.url, sessionId: session.id };
}

/** POST /billing/portal: Stripe's billing portal for the account's customer (card, cancellation, invoices). */
export async function createPortal(params: { app: App; userId: string; input: PortalInput }): Promise<{ url: string }> {
  const { app, userId } = params;
  if (!billingConfigured(app)) throw notConfigured();
  const customer = await customerOf(app, userId);
  const session = await callStripe(app, "open the billing portal", (s) => s.billingPortal.sessions.create({ customer, return_url: params.input.returnUrl ?? billingPage(app) }));
  return { url: session.url };
}

/** GET /billing/invoices: the customer's invoices from Stripe, newest first (none before a first checkout). */
export async function listInvoices(params: { app: App; userId: string }): Promise<{ items: Invoice[] }> {
  const { app, userId } = params;
  const account = await accountRow(app, userId);
  if (!account?.stripeCustomerId || !billingConfigured(app)) return { items: [] };
  const page = await callStripe(app, "list the invoices", (s) => s.invoices.list({ customer: account.stripeCustomerId!, limit: 100 }));
  return {
    items: page.data.map((i) => ({
      id: i.id ?? "",
      number: i.number ?? null,
      status: i.status ?? null,
      amountDue: i.amount_due,
      amountPaid: i.amount_paid,
      currency: i.currency,
      created: new Date(i.created * 1000),
      hostedInvoiceUrl: i.hosted_invoice_url ?? null,
      invoicePdf: i.invoice_pdf ?? null,
    })),
  };
}

function priceOf(app: App, plan: Exclude<BillingPlan, "free">): string {
  if (plan === "pro") return app.env.STRIPE_PRICE_PRO;
  if (!app.env.STRIPE_PRICE_ENTERPRISE) throw new DomainError("CONFLICT", "Enterprise is arranged with LLMGuard's team; this server has no Enterprise price (STRIPE_PRICE_ENTERPRISE)");
  return app.env.STRIPE_PRICE_ENTERPRISE;
}

/**
 * POST /billing/plan: upgrades or downgrades the subscription in Stripe with proration; to Free it is
 * cancelled at the period's end. Answers the billing as it stands: the plan itself changes when Stripe's
 * event confirms (seconds later).
 */
export async function changePlan(params: { app: App; userId: string; input: ChangePlanInput }): Promise<BillingInfo> {
  const { app, userId, input } = params;
  if (!billingConfigured(app)) throw notConfigured();
  const account = await accountRow(app, userId);
  const subscriptionId = account?.stripeSubscriptionId;
  if (!subscriptionId || account.status === "canceled") {
    if (input.plan === "free") throw new DomainError("CONFLICT", "The account is already on the free plan");
    throw new DomainError("CONFLICT", "The account has no subscription yet: start one with checkout (POST /api/v1/billing/checkout)");
  }
  if (input.plan === "free") {
    await callStripe(app, "cancel the subscription at the period's end", (s) => s.subscriptions.update(subscriptionId, { cancel_at_period_end: true }));
  } else {
    const subscription = await callStripe(app, "read the subscription", (s) => s.subscriptions.retrieve(subscriptionId));
    const price = priceOf(app, input.plan);
    const base = subscription.items.data.find((i) => i.price.recurring?.usage_type !== "metered") ?? subscription.items.data[0];
    if (!base) throw new DomainError("PAYMENT_PROVIDER_ERROR", "The subscription has no items");
    if (base.price.id === price && !subscription.cancel_at_period_end) throw new DomainError("CONFLICT", `The account is already on the ${input.plan} plan`);
    await callStripe(app, "change the plan", (s) =>
      s.subscriptions.update(subscriptionId, {
        items: [{ id: base.id, price }],
        proration_behavior: "create_prorations",
        cancel_at_period_end: false,
        metadata: { userId, plan: input.plan },
      }),
    );
  }
  return getBilling({ app, userId });
}

function notConfigured() {
  return new DomainError("BILLING_NOT_CONFIGURED", "Billing is not configured on this server (STRIPE_SECRET_KEY is not set)");
}

