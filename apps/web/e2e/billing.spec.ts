import { createHmac } from "node:crypto";
import { expectNoA11yViolations } from "./a11y";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

/**
 * Issue 11's journey against the production build and the Stripe test double
 * (packages/domain/src/billing/testing/stripe-server.ts, started by playwright.config.ts): sign up, Free
 * with its usage, ingest moves the usage, a canceled checkout, a paid one (its webhooks held back first,
 * so the page is seen waiting for Stripe, then delivered), Pro with the paid invoice, the billing portal's
 * cancellation, and both plan changes of the page itself (keep Pro, downgrade to Free) with their
 * confirmation dialog.
 */
const password = "correct-horse-42";
const DOUBLE = process.env.E2E_STRIPE_DOUBLE_URL!;
const WEBHOOK_SECRET = process.env.E2E_STRIPE_WEBHOOK_SECRET!;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/artifacts/billing-${name}.png`, fullPage: true });
}

type StripeEvent = { id: string; type: string };

async function doubleEvents(request: APIRequestContext): Promise<StripeEvent[]> {
  const res = await request.get(`${DOUBLE}/_double/events`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { events: StripeEvent[] }).events;
}

async function setDoubleWebhookUrl(request: APIRequestContext, url: string | null) {
  const res = await request.post(`${DOUBLE}/_double/webhook_url`, { data: { url } });
  expect(res.status()).toBe(200);
}

/** Stripe's signature scheme (t=…,v1=HMAC-SHA256 of "t.payload"), as Stripe signs a delivery. */
function stripeSignature(payload: string, secret: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${payload}`).digest("hex")}`;
}

test("billing: Free usage, checkout to Pro through Stripe, invoices, portal cancellation, plan changes", async ({ page, request, baseURL }) => {
  test.setTimeout(150_000);
  expect(DOUBLE, "playwright.config.ts starts the Stripe double and sets E2E_STRIPE_DOUBLE_URL").toBeTruthy();

  // Sign up through the form.
  const email = `billing-${Date.now()}@example.test`;
  await page.goto("/register");
  await page.getByLabel("Name").fill("Billing Owner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/projects/);
  const created = await page.request.post("/api/v1/projects", { data: { name: "Billed app" } });
  expect(created.status()).toBe(201);
  const apiKey = ((await created.json()) as { apiKey: { key: string } }).apiKey.key;

  // Free, nothing used yet.
  await page.goto("/billing");
  const mainNav = page.getByRole("navigation", { name: "Main" });
  await expect(mainNav.getByRole("link", { name: "Billing" })).toHaveAttribute("aria-current", "page");
  await expect(mainNav.getByRole("link", { name: "Billing" })).not.toContainText(/soon/i);
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await expect(page.getByTestId("subscription-status")).toHaveText(/Active/);
  await expect(page.getByTestId("usage-count")).toHaveText("0 of 10,000 requests");
  await expect(page.getByTestId("usage-percent")).toHaveText("0%");
  await expect(page.getByText(/Hard cap: at 10,000 requests, ingest pauses/)).toBeVisible();
  await expect(page.getByTestId("billing-not-configured")).toHaveCount(0);
  await expect(page.getByText("No invoices yet")).toBeVisible();
  await expect(page.getByRole("button", { name: "Manage billing" })).toHaveCount(0); // no Stripe customer yet
  await shot(page, "01-free");
  await expectNoA11yViolations(page, "billing (Free)");

  // Three calls through the public ingest route with the project's key count towards the period.
  for (let i = 0; i < 3; i++) {
    const res = await request.post("/api/v1/requests", {
      headers: { "x-api-key": apiKey },
      data: { prompt: `Summarise invoice ${i}`, response: "A short summary.", model: "gpt-4o-mini", latencyMs: 120, status: "success" },
    });
    expect(res.status()).toBe(201);
  }
  await page.locator("#usage").getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId("usage-count")).toHaveText("3 of 10,000 requests");
  await expect(page.getByTestId("usage-percent")).toHaveText("<1%");

  // Checkout, then back out of it: nothing changes.
  await page.getByRole("button", { name: "Upgrade to Pro" }).click();
  await page.waitForURL(/\/c\/pay\//);
  await expect(page.getByRole("button", { name: "Pay and subscribe" })).toBeVisible();
  await expect(page.getByTestId("amount-total")).toHaveText("$49.00");
  await page.getByRole("link", { name: "Cancel" }).click();
  await page.waitForURL(/\/billing\?checkout=canceled/);
  await expect(page.getByTestId("billing-notice")).toHaveText(/Checkout canceled — nothing was charged and your plan is unchanged\./);
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await expect(page).toHaveURL(/\/billing$/); // the marker is dropped once read
  await shot(page, "02-checkout-canceled");
  await expectNoA11yViolations(page, "billing after a canceled checkout");

  // Checkout again and pay, with Stripe's webhooks held back: the page waits for them.
  const before = (await doubleEvents(request)).length;
  await setDoubleWebhookUrl(request, null);
  try {
    await page.getByRole("button", { name: "Upgrade to Pro" }).click();
    await page.waitForURL(/\/c\/pay\//);
    await page.getByRole("button", { name: "Pay and subscribe" }).click();
    await page.waitForURL(/\/billing\?checkout=success&session_id=cs_/);
    await expect(page.getByTestId("billing-waiting")).toHaveText("Payment received — activating your plan…");
    await expect(page.getByTestId("current-plan")).toHaveText("Free");
    await shot(page, "03-activating");
    await expectNoA11yViolations(page, "billing while activating");
  } finally {
    await setDoubleWebhookUrl(request, `${baseURL}/webhooks/stripe`);
  }

  // Stripe delivers now (signed, in order); the page notices without a reload.
  const held = (await doubleEvents(request)).slice(before);
  expect(held.map((e) => e.type)).toContain("checkout.session.completed");
  for (const event of held) {
    const payload = JSON.stringify(event);
    const res = await request.post("/webhooks/stripe", { headers: { "content-type": "application/json", "stripe-signature": stripeSignature(payload, WEBHOOK_SECRET) }, data: payload });
    expect(res.status(), `webhook ${event.type}`).toBe(200);
  }
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByTestId("billing-notice")).toHaveText(/You're on Pro: 1,000,000 requests a month included, overage billed\./);
  await expect(page.getByTestId("billing-waiting")).toHaveCount(0);
  await expect(page).toHaveURL(/\/billing$/);
  await expect(page.getByTestId("subscription-status")).toHaveText(/Active/);
  await expect(page.getByTestId("renewal")).toHaveText(/^Renews on /);
  await expect(page.getByTestId("usage-count")).toHaveText("3 of 1,000,000 requests");
  await expect(page.getByText(/overage is billed on your next invoice/)).toBeVisible();

  // The paid invoice, with working links.
  const invoice = page.getByTestId("invoice-row");
  await expect(invoice).toHaveCount(1);
  await expect(invoice).toHaveAttribute("data-status", "paid");
  await expect(invoice).toContainText("$49.00");
  await expect(invoice).toContainText("Paid");
  const pdfHref = await invoice.getByRole("link", { name: /as PDF/ }).getAttribute("href");
  const pdf = await request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  await expect(invoice.getByRole("link", { name: /^View invoice/ })).toHaveAttribute("href", /^http/);
  await shot(page, "04-pro");
  await expectNoA11yViolations(page, "billing (Pro)");

  // Cancel in Stripe's billing portal and come back: the webhook arrives, the page shows it.
  await page.getByRole("button", { name: "Manage billing" }).click();
  await page.waitForURL(/\/p\/session\//);
  await page.getByRole("button", { name: "Cancel plan" }).click();
  await expect(page.getByText(/Cancels on/)).toBeVisible();
  await page.getByRole("link", { name: "Return" }).click();
  await page.waitForURL(/\/billing/);
  await expect(page.getByTestId("cancels-at-period-end")).toHaveText("Cancels at period end");
  await expect(page.getByTestId("renewal")).toHaveText(/^Cancels at period end — Pro ends on .+, then the account returns to Free\.$/);
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await shot(page, "05-cancels-at-period-end");
  await expectNoA11yViolations(page, "billing cancelling");

  // Keep Pro after all, from this page: a confirmation, then Stripe's confirmation.
  await page.getByRole("button", { name: "Keep Pro" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("The scheduled cancellation is withdrawn");
  await expectNoA11yViolations(page, "billing: keep Pro dialog open");
  await dialog.getByRole("button", { name: "Keep Pro" }).click();
  await expect(page.getByTestId("billing-notice")).toHaveText(/Cancellation withdrawn: Pro renews on /);
  await expect(page.getByTestId("cancels-at-period-end")).toHaveCount(0);
  await expect(page.getByTestId("renewal")).toHaveText(/^Renews on /);

  // Downgrade to Free from this page: cancels at the period's end.
  await page.getByRole("button", { name: "Downgrade to Free" }).click();
  await expect(dialog).toContainText("then the account returns to Free");
  await dialog.getByRole("button", { name: "Cancel" }).click(); // not yet
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("cancels-at-period-end")).toHaveCount(0);
  await page.getByRole("button", { name: "Downgrade to Free" }).click();
  await dialog.getByRole("button", { name: "Downgrade at period end" }).click();
  await expect(page.getByTestId("billing-notice")).toHaveText(/Downgrade scheduled: Pro stays active until .+, then the account returns to Free\./);
  await expect(page.getByTestId("cancels-at-period-end")).toBeVisible();
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await shot(page, "06-downgrade-scheduled");
  await expectNoA11yViolations(page, "billing with a downgrade scheduled");

  // Every delivery of the double was accepted by the server.
  const deliveries = ((await (await request.get(`${DOUBLE}/_double/deliveries`)).json()) as { deliveries: { type: string; status: number | null; error?: string }[] }).deliveries;
  expect(deliveries.length).toBeGreaterThan(0);
  expect(deliveries.filter((d) => d.status !== 200)).toEqual([]);
});
