import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processStripeEvent, runBillingUsage, type App, type EventSink } from "@llmguard/domain";
import { startStripeDouble, type StripeDouble } from "@llmguard/domain/billing-testing";
import { createTestApp } from "@llmguard/domain/testing";
import { signedInCaller } from "../testing/caller";
import { projectOverRest } from "../testing/rest-fixtures";
import { restClient, serveRest } from "../testing/serve";

/**
 * Billing over real HTTP (issue 11). The real `stripe` SDK talks to a local server that speaks Stripe's
 * REST protocol (customers, checkout and portal sessions, subscriptions, invoices, meter events) and
 * delivers webhooks signed the way Stripe signs them. The event sink does what the process-stripe-event
 * job does (the jobs package tests its wiring); the usage job is called with its handler.
 */
const WEBHOOK_SECRET = "whsec_test_billing_int_0123456789abcdef";
const PRICES = { STRIPE_PRICE_PRO: "price_pro_monthly", STRIPE_PRICE_PRO_OVERAGE: "price_pro_metered", STRIPE_PRICE_ENTERPRISE: "price_enterprise_monthly" };

let stripe: StripeDouble;
let app: Awaited<ReturnType<typeof createTestApp>>;
let server: { url: string; close: () => Promise<void> };
let call: ReturnType<typeof restClient>;
let plain: Awaited<ReturnType<typeof createTestApp>>;
let plainServer: { url: string; close: () => Promise<void> };
const running = new Set<Promise<unknown>>();

const sink: EventSink = {
  emit(event) {
    if (event.name !== "billing/stripe-event.received") return;
    const p = processStripeEvent({ app: app as App, eventId: event.data.eventId })
      .catch((err) => console.error(err))
      .finally(() => running.delete(p));
    running.add(p);
  },
};

beforeAll(async () => {
  stripe = await startStripeDouble({ webhookSecret: WEBHOOK_SECRET });
  app = await createTestApp({ STRIPE_SECRET_KEY: "sk_test_billing", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url, ...PRICES, RATE_LIMIT_USER_PER_MINUTE: "100000" }, { events: sink });
  server = await serveRest(app);
  call = restClient(server.url);
  stripe.webhookUrl = `${server.url}/webhooks/stripe`;
  plain = await createTestApp({}, { database: app.database });
  plainServer = await serveRest(plain);
});
afterAll(async () => {
  await plainServer?.close();
  await plain?.close();
  await server?.close();
  await app?.close();
  await stripe?.close();
});

/** Stripe delivers an API call's events after answering it: wait for the double's deliveries, then their processing. */
async function settled() {
  await stripe.flush();
  for (let i = 0; i < 100 && running.size > 0; i++) await Promise.all([...running]);
}

async function account() {
  const p = await projectOverRest(call);
  const billing = async () => (await call("GET", "/api/v1/billing", { token: p.token })).body;
  return { ...p, billing };
}

/** An account that went through checkout: Pro, with its subscription id. */
async function proAccount() {
  const a = await account();
  const checkout = await call("POST", "/api/v1/billing/checkout", { token: a.token, body: { plan: "pro" } });
  expect(checkout.status, JSON.stringify(checkout.body)).toBe(200);
  await stripe.completeCheckout(checkout.body.sessionId);
  await settled();
  const b = await a.billing();
  expect(b.plan).toBe("pro");
  return { ...a, subscriptionId: b.subscriptionId as string, customerId: b.customerId as string };
}

describe("billing without Stripe keys", () => {
  it("shows Free with usage; checkout, portal and plan changes answer 503 BILLING_NOT_CONFIGURED", async () => {
    const c = restClient(plainServer.url);
    const p = await projectOverRest(c);
    const billing = await c("GET", "/api/v1/billing", { token: p.token });
    expect(billing.status).toBe(200);
    expect(billing.body).toMatchObject({ plan: "free", status: "active", billingConfigured: false, usage: { requests: 0, limit: 10_000, hardCap: true }, customerId: null });
    for (const [path, body] of [["/api/v1/billing/checkout", { plan: "pro" }], ["/api/v1/billing/portal", {}], ["/api/v1/billing/plan", { plan: "pro" }]] as const) {
      const res = await c("POST", path, { token: p.token, body });
      expect(res.status, path).toBe(503);
      expect(res.body.error.code).toBe("BILLING_NOT_CONFIGURED");
    }
    expect((await c("GET", "/api/v1/billing/invoices", { token: p.token })).body).toEqual({ items: [] });
    // Usage still counts on Free: stored records, once (an SDK's retry of the same id is not counted again).
    const body = { id: "0b9b6f5e-2f7c-4e55-9a55-0d6f0c2b3a11", prompt: "hi", response: "yo", model: "gpt-4o", latencyMs: 5, status: "success" };
    expect((await c("POST", "/api/v1/requests", { apiKey: p.ingestKey, body })).status).toBe(201);
    expect((await c("POST", "/api/v1/requests", { apiKey: p.ingestKey, body })).status).toBeLessThan(300);
    expect((await c("GET", "/api/v1/billing", { token: p.token })).body.usage.requests).toBe(1);
  });
});

describe("the upgrade journey", () => {
  it("checkout → Stripe's events → Pro with Stripe's period; one customer per account; invoices; transactions", async () => {
    const a = await account();
    expect(await a.billing()).toMatchObject({ plan: "free", billingConfigured: true, subscriptionId: null });
    const bad = await call("POST", "/api/v1/billing/checkout", { token: a.token, body: { plan: "gold" } });
    expect(bad.status).toBe(400);

    const first = await call("POST", "/api/v1/billing/checkout", { token: a.token, body: { plan: "pro" } });
    expect(first.status).toBe(200);
    expect(first.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const second = await call("POST", "/api/v1/billing/checkout", { token: a.token, body: { plan: "pro", successUrl: "https://app.example.com/ok" } });
    expect(second.body.sessionId).not.toBe(first.body.sessionId);
    const customers = [...stripe.state.customers.values()].filter((c) => (c as { metadata?: Record<string, string> }).metadata?.userId === a.userId);
    expect(customers).toHaveLength(1);
    const row = await app.db.billingAccount.findUniqueOrThrow({ where: { userId: a.userId } });
    expect(row.checkoutSessionId).toBe(second.body.sessionId);

    const { subscription } = await stripe.completeCheckout(second.body.sessionId);
    await settled();
    const b = await a.billing();
    expect(b).toMatchObject({ plan: "pro", status: "active", subscriptionId: subscription.id, customerId: customers[0]!.id, cancelAtPeriodEnd: false, usage: { limit: 1_000_000, hardCap: false } });
    const periodEnd = new Date(subscription.items.data[0]!.current_period_end * 1000).toISOString();
    expect(b.nextBillingDate).toBe(periodEnd);
    expect(b.usage.periodEnd).toBe(periodEnd);

    const invoices = await call("GET", "/api/v1/billing/invoices", { token: a.token });
    expect(invoices.body.items).toHaveLength(1);
    expect(invoices.body.items[0]).toMatchObject({ status: "paid", amountPaid: 4900, currency: "usd", hostedInvoiceUrl: expect.any(String) });

    const transactions = await app.db.billingTransaction.findMany({ where: { userId: a.userId }, orderBy: { createdAt: "asc" } });
    expect(transactions.map((t) => t.type).sort()).toEqual(["checkout.session.completed", "customer.subscription.created", "invoice.paid"]);
    expect(transactions.find((t) => t.type === "invoice.paid")).toMatchObject({ amount: 4900, currency: "usd" });

    // Checkout again while subscribed: 409, no new session.
    expect((await call("POST", "/api/v1/billing/checkout", { token: a.token, body: { plan: "pro" } })).status).toBe(409);
    // Someone else's billing is theirs alone.
    const other = await account();
    expect(await other.billing()).toMatchObject({ plan: "free", customerId: null, subscriptionId: null });
    // tRPC shares the contract.
    const caller = await signedInCaller(app as App, "trpc-billing");
    expect(await caller.trpc.billing.get()).toMatchObject({ plan: "free", usage: { limit: 10_000 } });
  });

  it("opens the billing portal for the account's customer", async () => {
    const a = await proAccount();
    const portal = await call("POST", "/api/v1/billing/portal", { token: a.token, body: { returnUrl: "https://app.example.com/billing" } });
    expect(portal.status).toBe(200);
    expect(portal.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const session = [...stripe.state.portalSessions.values()].at(-1) as { customer: string; return_url: string };
    expect(session).toMatchObject({ customer: a.customerId, return_url: "https://app.example.com/billing" });
  });

  it("changes plan with proration in Stripe and follows Stripe's confirmation; free cancels at the period's end", async () => {
    const a = await proAccount();
    const up = await call("POST", "/api/v1/billing/plan", { token: a.token, body: { plan: "enterprise" } });
    expect(up.status).toBe(200);
    const sub = stripe.state.subscriptions.get(a.subscriptionId) as { items: { data: { price: { id: string } }[] } };
    expect(sub.items.data.map((i) => i.price.id)).toContain(PRICES.STRIPE_PRICE_ENTERPRISE);
    expect(stripe.state.requests.some((r) => r.method === "POST" && r.path === `/v1/subscriptions/${a.subscriptionId}` && (r.body as Record<string, unknown>).proration_behavior === "create_prorations")).toBe(true);
    await settled();
    expect((await a.billing()).plan).toBe("enterprise");
    expect((await call("POST", "/api/v1/billing/plan", { token: a.token, body: { plan: "enterprise" } })).status).toBe(409);

    expect((await call("POST", "/api/v1/billing/plan", { token: a.token, body: { plan: "free" } })).status).toBe(200);
    await settled();
    expect(await a.billing()).toMatchObject({ plan: "enterprise", cancelAtPeriodEnd: true, nextBillingDate: null });

    const noSub = await account();
    expect((await call("POST", "/api/v1/billing/plan", { token: noSub.token, body: { plan: "pro" } })).status).toBe(409);
  });
});

describe("POST /webhooks/stripe", () => {
  it("answers 400 to a bad, missing or expired signature and stores nothing", async () => {
    const a = await proAccount();
    const event = stripe.events.find((e) => e.type === "invoice.paid" && (e.data.object as { customer?: string }).customer === a.customerId)!;
    const before = await app.db.stripeEvent.count();
    const post = (payload: string, signature?: string) =>
      fetch(`${server.url}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) }, body: payload });

    const wrong = stripe.signed(event, { secret: "whsec_not_ours" });
    const r1 = await post(wrong.payload, wrong.header);
    expect(r1.status).toBe(400);
    expect(((await r1.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
    const r2 = await post(JSON.stringify(event));
    expect(r2.status).toBe(400);
    const old = stripe.signed(event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    const r3 = await post(old.payload, old.header);
    expect(r3.status).toBe(400);
    expect(((await r3.json()) as { error: { message: string } }).error.message).toMatch(/timestamp/i);
    // A tampered body with a valid header for the original.
    const good = stripe.signed(event);
    expect((await post(good.payload.replace('"paid"', '"void"'), good.header)).status).toBe(400);
    expect(await app.db.stripeEvent.count()).toBe(before);
  });

  it("stores a redelivered event once and changes nothing", async () => {
    const a = await proAccount();
    const event = stripe.events.find((e) => e.type === "customer.subscription.created" && (e.data.object as { id: string }).id === a.subscriptionId)!;
    const transactions = await app.db.billingTransaction.count({ where: { userId: a.userId } });
    const again = await stripe.deliver(event);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toEqual({ received: true, duplicate: true });
    await settled();
    expect(await app.db.billingTransaction.count({ where: { userId: a.userId } })).toBe(transactions);
  });

  it("converges to Stripe's latest state whatever order the events arrive in", async () => {
    const a = await account();
    const checkout = await call("POST", "/api/v1/billing/checkout", { token: a.token, body: { plan: "pro" } });
    stripe.webhookUrl = null; // hold the events back, deliver them in reverse order
    let events;
    try {
      ({ events } = await stripe.completeCheckout(checkout.body.sessionId));
    } finally {
      stripe.webhookUrl = `${server.url}/webhooks/stripe`;
    }
    const subscriptionId = (events.find((e) => e.type === "customer.subscription.created")!.data.object as { id: string }).id;
    // Meanwhile the customer cancels at the period's end in the portal (this event arrives first).
    await call("POST", "/api/v1/billing/plan", { token: a.token, body: { plan: "free" } }).catch(() => undefined);
    await stripe.client().subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    await settled();
    for (const e of [...events].reverse()) expect((await stripe.deliver(e)).status).toBe(200);
    await settled();
    expect(await a.billing()).toMatchObject({ plan: "pro", status: "active", subscriptionId, cancelAtPeriodEnd: true });
  });

  it("a failed payment makes the subscription past_due and e-mails the owner", async () => {
    const a = await proAccount();
    await stripe.failNextPayment(a.subscriptionId);
    await settled();
    expect(await a.billing()).toMatchObject({ plan: "pro", status: "past_due" });
    const mail = await app.db.outboxEmail.findFirst({ where: { to: a.email, subject: { contains: "payment failed" } } });
    expect(mail?.text).toMatch(/Payment failed/);
    const failed = await app.db.billingTransaction.findFirst({ where: { userId: a.userId, type: "invoice.payment_failed" } });
    expect(failed).toMatchObject({ amount: 4900, currency: "usd" });
  });

  it("a deleted subscription puts the account back on Free", async () => {
    const a = await proAccount();
    await stripe.client().subscriptions.cancel(a.subscriptionId);
    await settled();
    expect(await a.billing()).toMatchObject({ plan: "free", status: "canceled", usage: { limit: 10_000, hardCap: true } });
  });
});

describe("usage and limits", () => {
  const record = { prompt: "Summarize the ticket", response: "Done.", model: "gpt-4o", latencyMs: 120, status: "success" };
  const thisHour = () => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);

  it("Free: e-mails at 80% and 100%, then answers 429 PLAN_LIMIT_EXCEEDED with Retry-After through the public ingest route, storing nothing", async () => {
    const a = await account();
    // The account's earlier traffic this month (8,000 requests), as the group commit counts it.
    await app.db.usageHourly.create({ data: { accountId: a.userId, hour: thisHour(), requests: 7_990 } });
    const batch = await call("POST", "/api/v1/requests/batch", { apiKey: a.ingestKey, body: { records: Array.from({ length: 10 }, () => record) } });
    expect(batch.status).toBe(200);
    expect((await a.billing()).usage.requests).toBe(8_000);

    expect((await runBillingUsage({ app: app as App })).notices).toBeGreaterThanOrEqual(1);
    const mails = async () => (await app.db.outboxEmail.findMany({ where: { to: a.email }, orderBy: { createdAt: "asc" } })).map((m) => m.subject);
    expect(await mails()).toEqual(["LLMGuard: 80% of your Free plan's requests used"]);
    await runBillingUsage({ app: app as App });
    expect(await mails()).toHaveLength(1); // once per period

    await app.db.usageHourly.update({ where: { accountId_hour: { accountId: a.userId, hour: thisHour() } }, data: { requests: { increment: 1_995 } } });
    await new Promise((r) => setTimeout(r, 2_100)); // the instance's view of the allowance refreshes
    const last = await call("POST", "/api/v1/requests/batch", { apiKey: a.ingestKey, body: { records: Array.from({ length: 5 }, () => record) } });
    expect(last.status).toBe(200);
    const refused = await call("POST", "/api/v1/requests", { apiKey: a.ingestKey, body: record });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "PLAN_LIMIT_EXCEEDED", details: { plan: "free", limit: 10_000, used: 10_000 } });
    const retryAfter = Number(refused.headers.get("retry-after"));
    const monthEnd = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1);
    expect(Math.abs(retryAfter - (monthEnd - Date.now()) / 1000)).toBeLessThan(5);
    expect((await call("POST", "/api/v1/requests/batch", { apiKey: a.ingestKey, body: { records: [record] } })).status).toBe(429);
    expect(await app.db.llmRequest.count({ where: { projectId: a.projectId } })).toBe(15);
    expect((await a.billing()).usage.requests).toBe(10_000);

    await runBillingUsage({ app: app as App });
    expect(await mails()).toEqual(["LLMGuard: 80% of your Free plan's requests used", "LLMGuard: 100% of your Free plan's requests used"]);
  });

  it("Pro: keeps accepting past the included volume and reports the overage to Stripe's meter once", async () => {
    const a = await proAccount();
    const b = await a.billing();
    await app.db.usageHourly.create({ data: { accountId: a.userId, hour: new Date(Math.max(new Date(b.usage.periodStart).getTime(), thisHour().getTime())), requests: 1_000_000 } });
    await new Promise((r) => setTimeout(r, 2_100));
    const batch = await call("POST", "/api/v1/requests/batch", { apiKey: a.ingestKey, body: { records: Array.from({ length: 250 }, () => record) } });
    expect(batch.status).toBe(200);
    expect(batch.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);

    const meter = () => stripe.state.meterEvents.filter((m) => m.payload.stripe_customer_id === a.customerId);
    await runBillingUsage({ app: app as App });
    expect(meter()).toHaveLength(1);
    expect(meter()[0]).toMatchObject({ event_name: "llmguard_requests", payload: { value: "250" } });
    await runBillingUsage({ app: app as App });
    expect(meter()).toHaveLength(1); // nothing new to report

    expect((await call("POST", "/api/v1/requests/batch", { apiKey: a.ingestKey, body: { records: Array.from({ length: 100 }, () => record) } })).status).toBe(200);
    await runBillingUsage({ app: app as App });
    expect(meter().map((m) => m.payload.value)).toEqual(["250", "100"]);
    expect(new Set(meter().map((m) => m.identifier)).size).toBe(2);
  });
});
