import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseStripeForm, startStripeDouble, type StripeDouble } from "./stripe-server";

/**
 * The Stripe double, driven by the real `stripe` SDK over real HTTP (ARCHITECTURE decision 3): every request
 * below goes through the SDK's own encoding, headers, error classes and webhook verification.
 */

const PRICES = {
  price_pro: { unitAmount: 4900, usageType: "licensed" as const },
  price_team: { unitAmount: 9900, usageType: "licensed" as const },
  price_overage_metered: { unitAmount: 2, usageType: "metered" as const, eventName: "llm_requests" },
};
const SECRET = "whsec_test_double_suite";
const DAY = 86_400;

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP endpoint standing in for our app: records every request, answers 200. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("received");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let double: StripeDouble;
let stripe: Stripe;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeEach(async () => {
  receiver = await startReceiver();
  double = await startStripeDouble({ webhookSecret: SECRET, prices: PRICES });
  stripe = double.client();
});

afterEach(async () => {
  await double.close();
  await receiver.close();
});

/** A customer with a completed Pro (+ metered overage) subscription. */
async function subscribedCustomer(lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = [{ price: "price_pro", quantity: 1 }]) {
  const customer = await stripe.customers.create({ email: "ada@example.test", metadata: { userId: "u1" } });
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customer.id,
    line_items: lineItems,
    success_url: `${receiver.url}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${receiver.url}/billing/cancel`,
    subscription_data: { metadata: { userId: "u1" } },
  });
  const done = await double.completeCheckout(session.id);
  return { customer, session, subscription: done.subscription, invoice: done.invoice, events: done.events };
}

async function expectStripeError(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Stripe.errors.StripeError);
  return err as Stripe.errors.StripeError;
}

describe("form encoding", () => {
  it("parses Stripe's bracket notation into nested objects and arrays", () => {
    const parsed = parseStripeForm(
      "line_items[0][price]=price_pro&line_items[0][quantity]=1&line_items[1][price]=price_overage_metered&metadata[userId]=u1&expand[0]=subscription&expand[1]=customer&success_url=http%3A%2F%2Fx%2F%3Fa%3D1%26b%3D2&name=Ada+Lovelace&tags[]=a&tags[]=b",
    );
    expect(parsed).toEqual({
      line_items: [{ price: "price_pro", quantity: "1" }, { price: "price_overage_metered" }],
      metadata: { userId: "u1" },
      expand: ["subscription", "customer"],
      success_url: "http://x/?a=1&b=2",
      name: "Ada Lovelace",
      tags: ["a", "b"],
    });
  });
});

describe("authentication, errors and idempotency", () => {
  it("answers 401 in Stripe's shape without a secret test key", async () => {
    const err = await expectStripeError(double.client("sk_live_not_a_test_key").customers.create({ email: "x@example.test" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.statusCode).toBe(401);

    const res = await fetch(`${double.url}/v1/customers`, { method: "POST" });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toMatch(/^You did not provide an API key/);
  });

  it("answers 404 resource_missing for an unknown object and an unknown URL", async () => {
    const err = await expectStripeError(stripe.customers.retrieve("cus_doesnotexist"));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe("resource_missing");
    expect(err.param).toBe("id");
    // The SDK prefixes the request id: "[req_…] No such customer: …".
    expect(err.message).toMatch(/^\[req_\w+\] No such customer: 'cus_doesnotexist'$/);

    const unknown = await expectStripeError(stripe.rawRequest("GET", "/v1/not_a_resource"));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.message).toMatch(/\] Unrecognized request URL \(GET: \/v1\/not_a_resource\)/);
  });

  it("rejects unknown parameters with parameter_unknown", async () => {
    const err = await expectStripeError(stripe.customers.create({ email: "x@example.test", colour: "blue" } as Stripe.CustomerCreateParams));
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe("parameter_unknown");
    expect(err.param).toBe("colour");
  });

  it("replays the first answer for a repeated Idempotency-Key and refuses the key with other parameters", async () => {
    const first = await stripe.customers.create({ email: "once@example.test" }, { idempotencyKey: "create-once" });
    const second = await stripe.customers.create({ email: "once@example.test" }, { idempotencyKey: "create-once" });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(double.state.customers.size).toBe(1);

    const err = await expectStripeError(stripe.customers.create({ email: "other@example.test" }, { idempotencyKey: "create-once" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.statusCode).toBe(400);
    expect(double.state.customers.size).toBe(1);
  });
});

describe("customers", () => {
  it("creates and retrieves a customer", async () => {
    const created = await stripe.customers.create({ email: "ada@example.test", name: "Ada", metadata: { userId: "u1" } });
    expect(created.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    expect(created).toMatchObject({ object: "customer", email: "ada@example.test", name: "Ada", metadata: { userId: "u1" }, livemode: false, balance: 0 });
    expect(Math.abs(created.created - Date.now() / 1000)).toBeLessThan(60);

    const fetched = await stripe.customers.retrieve(created.id);
    expect(fetched).toMatchObject({ id: created.id, email: "ada@example.test" });
    expect(double.state.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v1/customers", `GET /v1/customers/${created.id}`]);
    expect(double.state.requests[0]?.body).toEqual({ email: "ada@example.test", name: "Ada", metadata: { userId: "u1" } });
  });
});

describe("checkout", () => {
  it("creates a subscription-mode session whose url is the double's hosted page", async () => {
    const customer = await stripe.customers.create({ email: "ada@example.test" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: "price_pro", quantity: 1 }, { price: "price_overage_metered" }],
      success_url: `${receiver.url}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${receiver.url}/billing/cancel`,
      client_reference_id: "project-7",
      metadata: { userId: "u1", plan: "pro" },
      subscription_data: { metadata: { userId: "u1" } },
    });
    expect(session.id).toMatch(/^cs_test_a1[A-Za-z0-9]{58}$/);
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "subscription",
      status: "open",
      payment_status: "unpaid",
      customer: customer.id,
      client_reference_id: "project-7",
      metadata: { userId: "u1", plan: "pro" },
      amount_total: 4900,
      currency: "usd",
      subscription: null,
      livemode: false,
      url: `${double.url}/c/pay/${session.id}`,
    });
    expect(session.expires_at - session.created).toBe(24 * 3600);

    const lines = await stripe.checkout.sessions.listLineItems(session.id);
    expect(lines.data.map((l) => [l.price?.id, l.quantity, l.amount_total])).toEqual([
      ["price_pro", 1, 4900],
      ["price_overage_metered", null, 0],
    ]);
  });

  it("validates quantities as Stripe does: required for licensed prices, forbidden for metered ones", async () => {
    const base = { mode: "subscription" as const, success_url: "http://app.test/ok" };
    const noQuantity = await expectStripeError(stripe.checkout.sessions.create({ ...base, line_items: [{ price: "price_pro" }] }));
    expect(noQuantity.statusCode).toBe(400);
    expect(noQuantity.param).toBe("line_items[0][quantity]");

    const meteredQuantity = await expectStripeError(stripe.checkout.sessions.create({ ...base, line_items: [{ price: "price_overage_metered", quantity: 1 }] }));
    expect(meteredQuantity.statusCode).toBe(400);
    expect(meteredQuantity.message).toMatch(/usage_type is `metered`/);

    const unknownCustomer = await expectStripeError(stripe.checkout.sessions.create({ ...base, customer: "cus_missing", line_items: [{ price: "price_pro", quantity: 1 }] }));
    expect(unknownCustomer.statusCode).toBe(400);
    expect(unknownCustomer.code).toBe("resource_missing");
    expect(unknownCustomer.param).toBe("customer");
  });

  it("completes through the hosted page: subscription, paid invoice, redirect to success_url", async () => {
    const customer = await stripe.customers.create({ email: "ada@example.test" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: "price_pro", quantity: 1 }, { price: "price_overage_metered" }],
      success_url: `${receiver.url}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${receiver.url}/billing/cancel`,
      subscription_data: { metadata: { userId: "u1" } },
    });

    const pageRes = await fetch(session.url ?? "");
    expect(pageRes.status).toBe(200);
    const html = await pageRes.text();
    expect(html).toContain("Pay and subscribe");
    expect(html).toContain(`<a href="${receiver.url}/billing/cancel">Cancel</a>`);
    expect(html).toContain("$49.00");

    const payRes = await fetch(`${double.url}/c/pay/${session.id}`, { method: "POST", redirect: "follow" });
    expect(payRes.status).toBe(200);
    expect(payRes.url).toBe(`${receiver.url}/billing/success?session_id=${session.id}`);
    expect(receiver.received.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /billing/success?session_id=${session.id}`]);

    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription"] });
    expect(done).toMatchObject({ status: "complete", payment_status: "paid", customer: customer.id, url: null });
    const sub = done.subscription as Stripe.Subscription;
    expect(sub.id).toMatch(/^sub_1[A-Za-z0-9]{23}$/);
    expect(sub).toMatchObject({ object: "subscription", customer: customer.id, status: "active", cancel_at_period_end: false, metadata: { userId: "u1" }, livemode: false });
    expect(typeof done.invoice).toBe("string");
    expect(sub.latest_invoice).toBe(done.invoice);

    const [licensed, metered] = sub.items.data;
    expect(licensed?.id).toMatch(/^si_/);
    expect(licensed).toMatchObject({ object: "subscription_item", quantity: 1, price: { id: "price_pro", object: "price", unit_amount: 4900, recurring: { interval: "month", usage_type: "licensed" } } });
    expect(metered).toMatchObject({ price: { id: "price_overage_metered", recurring: { interval: "month", usage_type: "metered" } } });
    expect(metered && "quantity" in metered).toBe(false);
    // API 2025-03-31.basil and later: the billing period lives on each item, not on the subscription.
    const periodDays = ((licensed?.current_period_end ?? 0) - (licensed?.current_period_start ?? 0)) / DAY;
    expect(periodDays).toBeGreaterThanOrEqual(28);
    expect(periodDays).toBeLessThanOrEqual(31);
    expect("current_period_end" in sub).toBe(false);

    const invoice = await stripe.invoices.retrieve(done.invoice as string);
    expect(invoice).toMatchObject({
      object: "invoice",
      status: "paid",
      billing_reason: "subscription_create",
      amount_due: 4900,
      amount_paid: 4900,
      amount_remaining: 0,
      currency: "usd",
      customer: customer.id,
      parent: { type: "subscription_details", subscription_details: { subscription: sub.id, metadata: { userId: "u1" } } },
    });
    expect(invoice.number).toMatch(/^[0-9A-F]{8}-0001$/);
    expect(invoice.lines.data.map((l) => [l.amount, l.quantity, l.pricing?.price_details?.price])).toEqual([[4900, 1, "price_pro"]]);
  });

  it("expands the customer, the invoice and the line items of a session", async () => {
    const { session, customer } = await subscribedCustomer();
    const expanded = await stripe.checkout.sessions.retrieve(session.id, { expand: ["customer", "invoice", "line_items", "subscription.latest_invoice"] });
    expect((expanded.customer as Stripe.Customer).email).toBe(customer.email);
    expect((expanded.invoice as Stripe.Invoice).status).toBe("paid");
    expect(expanded.line_items?.data.map((l) => l.price?.id)).toEqual(["price_pro"]);
    expect(((expanded.subscription as Stripe.Subscription).latest_invoice as Stripe.Invoice).object).toBe("invoice");

    const err = await expectStripeError(stripe.checkout.sessions.retrieve(session.id, { expand: ["mode"] }));
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/\] This property cannot be expanded \(mode\)\.$/);
  });

  it("emits customer.subscription.created, checkout.session.completed and invoice.paid, in that order", async () => {
    const { events, subscription, session, invoice } = await subscribedCustomer();
    expect(events.map((e) => e.type)).toEqual(["customer.subscription.created", "checkout.session.completed", "invoice.paid"]);
    expect(double.events).toEqual(events);
    for (const event of events) {
      expect(event.id).toMatch(/^evt_1[A-Za-z0-9]{23}$/);
      expect(event).toMatchObject({ object: "event", api_version: Stripe.API_VERSION, livemode: false, request: { id: null, idempotency_key: null } });
    }
    expect(events.map((e) => (e.data.object as { id: string }).id)).toEqual([subscription.id, session.id, invoice.id]);
    const completed = events[1]?.data.object as Stripe.Checkout.Session;
    expect(completed).toMatchObject({ status: "complete", payment_status: "paid", subscription: subscription.id });
  });

  it("creates the customer when the session names none", async () => {
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer_email: "new@example.test",
      line_items: [{ price: "price_pro", quantity: 1 }],
      success_url: "http://app.test/ok",
    });
    const done = await double.completeCheckout(session.id);
    expect(done.events.map((e) => e.type)).toEqual(["customer.created", "customer.subscription.created", "checkout.session.completed", "invoice.paid"]);
    const customer = await stripe.customers.retrieve(done.subscription.customer as string);
    expect((customer as Stripe.Customer).email).toBe("new@example.test");
  });
});

describe("trials", () => {
  it("starts a trialing subscription with a $0 invoice and charges when the trial ends", async () => {
    const customer = await stripe.customers.create({ email: "trial@example.test" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: "price_pro", quantity: 1 }],
      success_url: "http://app.test/ok",
      subscription_data: { trial_period_days: 14 },
    });
    expect(session.amount_total).toBe(0);
    const done = await double.completeCheckout(session.id);
    expect(done.subscription.status).toBe("trialing");
    expect((done.subscription.trial_end ?? 0) - (done.subscription.trial_start ?? 0)).toBe(14 * DAY);
    expect(done.invoice).toMatchObject({ status: "paid", amount_due: 0, billing_reason: "subscription_create" });
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe("no_payment_required");

    const [updated, paid] = await double.advancePeriod(done.subscription.id);
    expect(updated?.data.previous_attributes).toMatchObject({ status: "trialing" });
    expect((paid?.data.object as Stripe.Invoice).amount_paid).toBe(4900);
    const sub = await stripe.subscriptions.retrieve(done.subscription.id);
    expect(sub.status).toBe("active");
    expect(sub.items.data[0]?.current_period_start).toBe(done.subscription.trial_end);
  });
});

describe("billing portal", () => {
  it("creates a portal session whose page cancels the plan at period end and links back", async () => {
    const { customer, subscription } = await subscribedCustomer();
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: `${receiver.url}/settings/billing` });
    expect(portal.id).toMatch(/^bps_1/);
    expect(portal).toMatchObject({ object: "billing_portal.session", customer: customer.id, return_url: `${receiver.url}/settings/billing`, url: `${double.url}/p/session/${portal.id}`, livemode: false });

    const html = await (await fetch(portal.url)).text();
    expect(html).toContain(`data-subscription-id="${subscription.id}"`);
    expect(html).toContain("Cancel plan");
    expect(html).toContain(`<a href="${receiver.url}/settings/billing">Return</a>`);

    double.webhookUrl = `${receiver.url}/webhooks/stripe`;
    const cancel = await fetch(`${double.url}/p/session/${portal.id}/subscriptions/${subscription.id}/cancel`, { method: "POST", redirect: "manual" });
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get("location")).toBe(`/p/session/${portal.id}`);

    const after = await stripe.subscriptions.retrieve(subscription.id);
    expect(after.cancel_at_period_end).toBe(true);
    expect(after.cancel_at).toBe(after.items.data[0]?.current_period_end);
    expect(after.status).toBe("active");
    const delivered = receiver.received.filter((r) => r.path === "/webhooks/stripe");
    expect(delivered).toHaveLength(1);
    const event = stripe.webhooks.constructEvent(delivered[0]?.body ?? "", String(delivered[0]?.headers["stripe-signature"]), SECRET);
    expect(event.type).toBe("customer.subscription.updated");
    expect(event.data.previous_attributes).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    expect(await (await fetch(portal.url)).text()).toContain("Renew plan");
  });

  it("refuses a portal session for an unknown customer", async () => {
    const err = await expectStripeError(stripe.billingPortal.sessions.create({ customer: "cus_missing" }));
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe("customer");
  });
});

describe("subscriptions", () => {
  it("changes the price with prorations that land on the next renewal invoice", async () => {
    const { subscription } = await subscribedCustomer();
    const item = subscription.items.data[0];
    const start = item?.current_period_start ?? 0;
    const end = item?.current_period_end ?? 0;
    const halfway = start + (end - start) / 2; // period lengths are whole days, so this is an integer

    const updated = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item?.id, price: "price_team" }],
      proration_behavior: "create_prorations",
      proration_date: halfway,
    });
    expect(updated.items.data[0]).toMatchObject({ id: item?.id, price: { id: "price_team", unit_amount: 9900 }, quantity: 1 });
    const event = double.events.at(-1);
    expect(event?.type).toBe("customer.subscription.updated");
    expect(event?.request?.id).toMatch(/^req_/);
    const previousItems = (event?.data.previous_attributes as Partial<Stripe.Subscription>).items;
    expect(previousItems?.data[0]?.price.id).toBe("price_pro");

    const pending = [...double.state.invoiceItems.values()];
    expect(pending.map((ii) => [ii.amount, ii.proration, ii.invoice])).toEqual([
      [-2450, true, null],
      [4950, true, null],
    ]);

    const renewal = await double.advancePeriod(subscription.id);
    expect(renewal.map((e) => e.type)).toEqual(["customer.subscription.updated", "invoice.paid"]);
    const invoice = renewal[1]?.data.object as Stripe.Invoice;
    expect(invoice.billing_reason).toBe("subscription_cycle");
    expect(invoice.lines.data.map((l) => l.amount)).toEqual([9900, -2450, 4950]);
    expect(invoice.amount_paid).toBe(12400);
  });

  it("invoices a price change at once with always_invoice", async () => {
    const { subscription } = await subscribedCustomer();
    const item = subscription.items.data[0];
    const start = item?.current_period_start ?? 0;
    const halfway = start + ((item?.current_period_end ?? 0) - start) / 2;
    await stripe.subscriptions.update(subscription.id, { items: [{ id: item?.id, price: "price_team" }], proration_behavior: "always_invoice", proration_date: halfway });
    const after = await stripe.subscriptions.retrieve(subscription.id, { expand: ["latest_invoice"] });
    const invoice = after.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ billing_reason: "subscription_update", status: "paid", amount_due: 2500, amount_paid: 2500 });
    expect(double.events.slice(-2).map((e) => e.type)).toEqual(["customer.subscription.updated", "invoice.paid"]);
  });

  it("changes nothing when it refuses an update", async () => {
    const { subscription } = await subscribedCustomer();
    const itemId = subscription.items.data[0]?.id;
    const err = await expectStripeError(stripe.subscriptions.update(subscription.id, { items: [{ id: itemId, deleted: true }], metadata: { changed: "yes" } }));
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe("items");
    const after = await stripe.subscriptions.retrieve(subscription.id);
    expect(after.items.data.map((i) => i.id)).toEqual([itemId]);
    expect(after.metadata).toEqual({ userId: "u1" });
    expect(double.events.at(-1)?.type).toBe("invoice.paid");
  });

  it("makes no proration with proration_behavior none", async () => {
    const { subscription } = await subscribedCustomer();
    await stripe.subscriptions.update(subscription.id, { items: [{ id: subscription.items.data[0]?.id, price: "price_team" }], proration_behavior: "none" });
    expect(double.state.invoiceItems.size).toBe(0);
  });

  it("sets cancel_at_period_end, and the subscription ends when the period does", async () => {
    const { subscription } = await subscribedCustomer();
    const updated = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true, metadata: { reason: "too expensive" } });
    expect(updated).toMatchObject({ cancel_at_period_end: true, status: "active", metadata: { userId: "u1", reason: "too expensive" } });
    expect(updated.cancel_at).toBe(updated.items.data[0]?.current_period_end);
    expect(double.events.at(-1)?.data.previous_attributes).toMatchObject({ cancel_at_period_end: false, metadata: { userId: "u1" } });

    const end = await double.advancePeriod(subscription.id);
    expect(end.map((e) => e.type)).toEqual(["customer.subscription.deleted"]);
    const ended = await stripe.subscriptions.retrieve(subscription.id);
    expect(ended.status).toBe("canceled");
    expect(ended.ended_at).toBe(updated.items.data[0]?.current_period_end);
  });

  it("cancels now with DELETE and lists only live subscriptions by default", async () => {
    const { subscription, customer } = await subscribedCustomer();
    expect((await stripe.subscriptions.list({ customer: customer.id })).data.map((s) => s.id)).toEqual([subscription.id]);

    const canceled = await stripe.subscriptions.cancel(subscription.id);
    expect(canceled).toMatchObject({ id: subscription.id, status: "canceled", cancellation_details: { reason: "cancellation_requested" } });
    expect(double.events.at(-1)?.type).toBe("customer.subscription.deleted");

    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);
    expect((await stripe.subscriptions.list({ customer: customer.id, status: "all" })).data.map((s) => s.id)).toEqual([subscription.id]);
    const again = await expectStripeError(stripe.subscriptions.cancel(subscription.id));
    expect(again.statusCode).toBe(400);
  });

  it("fails a renewal payment: open invoice, past_due, then recovers", async () => {
    const { subscription } = await subscribedCustomer();
    const oldEnd = subscription.items.data[0]?.current_period_end;
    const failed = await double.failNextPayment(subscription.id);
    expect(failed.map((e) => e.type)).toEqual(["invoice.payment_failed", "customer.subscription.updated"]);
    const invoice = failed[0]?.data.object as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: "open", amount_due: 4900, amount_paid: 0, amount_remaining: 4900, attempted: true, attempt_count: 1 });
    expect(failed[1]?.data.previous_attributes).toMatchObject({ status: "active" });

    const sub = await stripe.subscriptions.retrieve(subscription.id);
    expect(sub.status).toBe("past_due");
    expect(sub.items.data[0]?.current_period_start).toBe(oldEnd);
    expect(sub.latest_invoice).toBe(invoice.id);

    const recovered = await double.payLatestInvoice(subscription.id);
    expect(recovered.map((e) => e.type)).toEqual(["invoice.paid", "customer.subscription.updated"]);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("active");
  });
});

describe("invoices", () => {
  it("lists a customer's invoices newest first, with pagination", async () => {
    const { subscription, customer, invoice: first } = await subscribedCustomer();
    await double.advancePeriod(subscription.id);
    await double.advancePeriod(subscription.id);
    await double.advancePeriod(subscription.id);

    const page1 = await stripe.invoices.list({ customer: customer.id, limit: 2 });
    expect(page1).toMatchObject({ object: "list", has_more: true, url: "/v1/invoices" });
    expect(page1.data.map((i) => i.number?.slice(-4))).toEqual(["0004", "0003"]);
    const page2 = await stripe.invoices.list({ customer: customer.id, limit: 2, starting_after: page1.data[1]?.id });
    expect(page2.has_more).toBe(false);
    expect(page2.data.map((i) => i.number?.slice(-4))).toEqual(["0002", "0001"]);
    expect(page2.data[1]?.id).toBe(first.id);

    const all = await stripe.invoices.list({ customer: customer.id, limit: 1 }).autoPagingToArray({ limit: 10 });
    expect(all).toHaveLength(4);
    expect((await stripe.invoices.list({ customer: "cus_someoneelse" })).data).toEqual([]);
  });

  it("gives renewal invoices the ended period and serves the hosted page and PDF", async () => {
    const { subscription } = await subscribedCustomer();
    const first = subscription.items.data[0];
    const [, paid] = await double.advancePeriod(subscription.id);
    const invoice = await stripe.invoices.retrieve((paid?.data.object as Stripe.Invoice).id);
    expect(invoice.period_start).toBe(first?.current_period_start);
    expect(invoice.period_end).toBe(first?.current_period_end);
    expect(invoice.lines.data[0]?.period.start).toBe(first?.current_period_end);

    const hosted = await fetch(invoice.hosted_invoice_url ?? "");
    expect(hosted.status).toBe(200);
    expect(await hosted.text()).toContain(`Invoice ${invoice.number}`);
    const pdf = await fetch(invoice.invoice_pdf ?? "");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("billing meter events", () => {
  it("records meter events and refuses a duplicate identifier", async () => {
    const { customer } = await subscribedCustomer();
    const event = await stripe.billing.meterEvents.create({ event_name: "llm_requests", payload: { stripe_customer_id: customer.id, value: "120" }, identifier: "usage-1" });
    expect(event).toMatchObject({ object: "billing.meter_event", event_name: "llm_requests", identifier: "usage-1", livemode: false, payload: { stripe_customer_id: customer.id, value: "120" } });
    expect(Math.abs(event.timestamp - Date.now() / 1000)).toBeLessThan(60);

    const dup = await expectStripeError(stripe.billing.meterEvents.create({ event_name: "llm_requests", payload: { stripe_customer_id: customer.id, value: "1" }, identifier: "usage-1" }));
    expect(dup).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(dup.statusCode).toBe(400);
    expect(dup.param).toBe("identifier");
    expect(double.state.meterEvents).toHaveLength(1);

    const old = await expectStripeError(stripe.billing.meterEvents.create({ event_name: "llm_requests", payload: { stripe_customer_id: customer.id, value: "1" }, timestamp: Math.floor(Date.now() / 1000) - 40 * DAY }));
    expect(old.param).toBe("timestamp");
  });

  it("bills reported usage on the renewal invoice of a metered item", async () => {
    const { customer, subscription } = await subscribedCustomer([{ price: "price_pro", quantity: 1 }, { price: "price_overage_metered" }]);
    for (const [i, value] of ["100", "250"].entries()) {
      await stripe.billing.meterEvents.create({ event_name: "llm_requests", payload: { stripe_customer_id: customer.id, value }, identifier: `u-${i}` });
    }
    await stripe.billing.meterEvents.create({ event_name: "other_meter", payload: { stripe_customer_id: customer.id, value: "999" } });

    const [, paid] = await double.advancePeriod(subscription.id);
    const invoice = paid?.data.object as Stripe.Invoice;
    expect(invoice.lines.data.map((l) => [l.pricing?.price_details?.price, l.quantity, l.amount])).toEqual([
      ["price_pro", 1, 4900],
      ["price_overage_metered", 350, 700],
    ]);
    expect(invoice.amount_paid).toBe(5600);

    const [, next] = await double.advancePeriod(subscription.id);
    expect((next?.data.object as Stripe.Invoice).lines.data.map((l) => l.amount)).toEqual([4900, 0]);
  });
});

describe("webhooks", () => {
  it("signs events so stripe.webhooks.constructEvent accepts them, and only with the right secret and a fresh timestamp", async () => {
    const { events } = await subscribedCustomer();
    const event = events[1] as Stripe.Event;
    const { payload, header } = double.signed(event);
    const verified = stripe.webhooks.constructEvent(payload, header, SECRET);
    expect(verified.id).toBe(event.id);
    expect(verified.type).toBe("checkout.session.completed");

    expect(() => stripe.webhooks.constructEvent(payload, header, "whsec_wrong")).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const stale = double.signed(event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(() => stripe.webhooks.constructEvent(stale.payload, stale.header, SECRET)).toThrow(/Timestamp outside the tolerance zone/);
    const otherSecret = double.signed(event, { secret: "whsec_other" });
    expect(stripe.webhooks.constructEvent(otherSecret.payload, otherSecret.header, "whsec_other").id).toBe(event.id);
  });

  it("delivers events automatically, signed and in order, when webhookUrl is set", async () => {
    double.webhookUrl = `${receiver.url}/webhooks/stripe`;
    const { events, subscription } = await subscribedCustomer();
    const posts = receiver.received.filter((r) => r.path === "/webhooks/stripe");
    expect(posts.map((r) => r.method)).toEqual(["POST", "POST", "POST"]);
    const verified = posts.map((r) => stripe.webhooks.constructEvent(r.body, String(r.headers["stripe-signature"]), SECRET));
    expect(verified.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(verified.every((e) => e.pending_webhooks === 1)).toBe(true);
    expect(posts[0]?.headers["content-type"]).toBe("application/json; charset=utf-8");

    // Events caused by an API call are delivered after its answer; flush() waits for them.
    await stripe.subscriptions.update(subscription.id, { metadata: { note: "x" } });
    await double.flush();
    const last = receiver.received.at(-1);
    const updated = stripe.webhooks.constructEvent(last?.body ?? "", String(last?.headers["stripe-signature"]), SECRET);
    expect(updated.type).toBe("customer.subscription.updated");
    expect(updated.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
    expect(double.state.deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200]);
  });

  it("delivers one event on demand with deliver()", async () => {
    const { events } = await subscribedCustomer();
    expect(receiver.received).toHaveLength(0);
    const answer = await double.deliver(events[0] as Stripe.Event, { url: `${receiver.url}/hook` });
    expect(answer).toEqual({ status: 200, body: "received" });
    expect(receiver.received[0]?.path).toBe("/hook");
  });
});

describe("the runnable entry (stripe-server.cli.ts)", () => {
  it("starts from env, prints a ready line, delivers signed events and obeys the control routes", async () => {
    const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));
    const cli = fileURLToPath(new URL("./stripe-server.cli.ts", import.meta.url));
    const child = spawn(tsx, [cli], {
      env: { ...process.env, STRIPE_DOUBLE_PORT: "0", STRIPE_WEBHOOK_SECRET: SECRET, STRIPE_DOUBLE_WEBHOOK_URL: `${receiver.url}/webhooks/stripe` },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const [ready] = (await once(lines, "line")) as [string];
      const match = /^stripe-double ready on (http:\/\/127\.0\.0\.1:(\d+)) \(webhooks to (.+)\)$/.exec(ready);
      expect(match?.[3]).toBe(`${receiver.url}/webhooks/stripe`);
      const url = match?.[1] ?? "";
      expect((await fetch(`${url}/health`)).status).toBe(200);

      const remote = new Stripe("sk_test_cli", { host: "127.0.0.1", port: Number(match?.[2]), protocol: "http", maxNetworkRetries: 0 });
      const customer = await remote.customers.create({ email: "cli@example.test" });
      const session = await remote.checkout.sessions.create({ mode: "subscription", customer: customer.id, line_items: [{ price: "price_pro", quantity: 1 }], success_url: "http://app.test/ok" });
      const completed = await fetch(`${url}/_double/checkout/sessions/${session.id}/complete`, { method: "POST" });
      expect(completed.status).toBe(200);
      const { subscription } = (await completed.json()) as { subscription: Stripe.Subscription };

      const failed = await fetch(`${url}/_double/subscriptions/${subscription.id}/fail_next_payment`, { method: "POST" });
      expect(((await failed.json()) as { events: Stripe.Event[] }).events.map((e) => e.type)).toEqual(["invoice.payment_failed", "customer.subscription.updated"]);
      expect((await remote.subscriptions.retrieve(subscription.id)).status).toBe("past_due");

      const types = receiver.received.map((r) => stripe.webhooks.constructEvent(r.body, String(r.headers["stripe-signature"]), SECRET).type);
      expect(types).toEqual(["customer.subscription.created", "checkout.session.completed", "invoice.paid", "invoice.payment_failed", "customer.subscription.updated"]);
    } finally {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    }
    expect(child.exitCode).toBe(0);
  });
});
