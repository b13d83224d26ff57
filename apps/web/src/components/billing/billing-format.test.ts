import { TRPCClientError } from "@trpc/client";
import type { BillingInfo } from "@llmguard/domain/schemas";
import { describe, expect, it } from "vitest";
import {
  billingActions,
  billingErrorMessage,
  changeDialogText,
  checkoutReturn,
  confirmedText,
  formatAmount,
  formatDay,
  invoiceStatus,
  isConfirmed,
  notConfiguredText,
  paymentBanner,
  planLabel,
  planPriceText,
  planVolumeText,
  renewalText,
  subscriptionStatus,
  timeoutText,
  usageBanner,
  usageTermsText,
  usageView,
  waitingText,
  type Awaiting,
  type PlanChange,
} from "./billing-format";

const FREE: BillingInfo = {
  plan: "free",
  status: "active",
  usage: { requests: 0, limit: 10_000, periodStart: new Date("2026-12-01T00:00:00Z"), periodEnd: new Date("2027-01-01T00:00:00Z"), hardCap: true },
  nextBillingDate: null,
  cancelAtPeriodEnd: false,
  customerId: null,
  subscriptionId: null,
  billingConfigured: true,
  enterpriseAvailable: true,
};

const PRO: BillingInfo = {
  plan: "pro",
  status: "active",
  usage: { requests: 0, limit: 1_000_000, periodStart: new Date("2026-12-06T10:00:00Z"), periodEnd: new Date("2027-01-06T10:00:00Z"), hardCap: false },
  nextBillingDate: new Date("2027-01-06T10:00:00Z"),
  cancelAtPeriodEnd: false,
  customerId: "cus_1",
  subscriptionId: "sub_1",
  billingConfigured: true,
  enterpriseAvailable: true,
};

const ENTERPRISE: BillingInfo = { ...PRO, plan: "enterprise", usage: { ...PRO.usage, limit: 10_000_000 } };

const withUsage = (b: BillingInfo, requests: number): BillingInfo => ({ ...b, usage: { ...b.usage, requests } });

describe("plan words", () => {
  it.each([
    ["free", "Free", "$0 / month", "10,000 requests a month, hard cap"],
    ["pro", "Pro", "$49.00 / month", "1,000,000 requests a month included, overage billed"],
    ["enterprise", "Enterprise", "Custom pricing", "10,000,000 requests a month included"],
  ] as const)("names %s, its price and its volume", (plan, label, price, volume) => {
    expect(planLabel(plan)).toBe(label);
    expect(planPriceText(plan)).toBe(price);
    expect(planVolumeText(plan)).toBe(volume);
  });

  it("shows an operator's Enterprise volume and an unknown plan as sent", () => {
    expect(planVolumeText("enterprise", 25_000_000)).toBe("25,000,000 requests a month included");
    expect(planLabel("team")).toBe("team");
  });
});

describe("statuses", () => {
  it.each([
    ["active", "Active", "green"],
    ["trialing", "Trial", "blue"],
    ["past_due", "Past due", "red"],
    ["unpaid", "Unpaid", "red"],
    ["canceled", "Canceled", "gray"],
    ["incomplete", "Incomplete", "amber"],
    ["incomplete_expired", "Expired", "gray"],
    ["paused", "Paused", "amber"],
    ["something_new", "Something new", "gray"],
  ])("shows the subscription status %s as %s (%s)", (status, label, tone) => {
    expect(subscriptionStatus(status)).toEqual({ label, tone });
  });

  it.each([
    ["paid", "Paid", "green"],
    ["open", "Open", "amber"],
    ["draft", "Draft", "gray"],
    ["void", "Void", "gray"],
    ["uncollectible", "Uncollectible", "red"],
    [null, "—", "gray"],
  ])("shows the invoice status %s as %s (%s)", (status, label, tone) => {
    expect(invoiceStatus(status)).toEqual({ label, tone });
  });
});

describe("formatAmount", () => {
  it.each([
    [4900, "usd", "$49.00"],
    [0, "usd", "$0.00"],
    [123456, "USD", "$1,234.56"],
    [1234, "eur", "€12.34"],
    [4900, "jpy", "¥4,900"],
    [1500, "kwd", "KWD 1.500"],
  ])("formats %d in Stripe's smallest unit of %s as %s", (amount, currency, expected) => {
    expect(formatAmount(amount, currency).replace(/\u00a0/g, " ")).toBe(expected);
  });

  it("falls back to the number and the code for a code Intl refuses", () => {
    expect(formatAmount(1234, "us")).toBe("12.34 US");
  });
});

describe("formatDay", () => {
  it("shows a period's day in UTC unless told otherwise", () => {
    expect(formatDay(new Date("2027-01-01T00:00:00Z"))).toBe("Jan 1, 2027");
    expect(formatDay("2027-01-01T00:00:00Z", "America/New_York")).toBe("Dec 31, 2026");
  });
});

describe("usageView", () => {
  it.each([
    [0, 10_000, "0 of 10,000 requests", "0%", 0, "ok"],
    [5, 10_000, "5 of 10,000 requests", "<1%", 0.05, "ok"],
    [7_999, 10_000, "7,999 of 10,000 requests", "79%", 79.99, "ok"],
    [8_000, 10_000, "8,000 of 10,000 requests", "80%", 80, "near"],
    [9_999, 10_000, "9,999 of 10,000 requests", "99%", 99.99, "near"],
    [10_000, 10_000, "10,000 of 10,000 requests", "100%", 100, "over"],
    [13_000, 10_000, "13,000 of 10,000 requests", "130%", 100, "over"],
    [1_200_000, 1_000_000, "1,200,000 of 1,000,000 requests", "120%", 100, "over"],
  ])("shows %d of %d as %s, %s, a bar at %d%%, level %s", (requests, limit, countText, percentText, barPercent, level) => {
    const v = usageView({ requests, limit });
    expect(v.countText).toBe(countText);
    expect(v.percentText).toBe(percentText);
    expect(v.barPercent).toBeCloseTo(barPercent, 5);
    expect(v.level).toBe(level);
  });

  it("treats a zero volume as used up", () => {
    expect(usageView({ requests: 0, limit: 0 })).toEqual({ countText: "0 of 0 requests", percentText: "100%", barPercent: 100, level: "over" });
  });

  it("says what happens at the limit: a hard cap on Free, billed overage on Pro", () => {
    expect(usageTermsText(FREE)).toBe("Hard cap: at 10,000 requests, ingest pauses until the period ends (new requests are refused with 429 PLAN_LIMIT_EXCEEDED).");
    expect(usageTermsText(PRO)).toBe("1,000,000 requests included; beyond that, requests are still accepted and the overage is billed on your next invoice.");
    expect(usageTermsText(ENTERPRISE)).toBe("10,000,000 requests included; requests beyond that are still accepted.");
  });
});

describe("usageBanner", () => {
  it("shows nothing below 80 %", () => {
    expect(usageBanner(withUsage(FREE, 7_999))).toBeNull();
    expect(usageBanner(withUsage(PRO, 799_999))).toBeNull();
  });

  it("warns a Free account near the cap that ingest will pause", () => {
    expect(usageBanner(withUsage(FREE, 8_500))).toEqual({
      tone: "warning",
      title: "85% of the Free plan's 10,000 requests used",
      body: "At 10,000 requests, ingest pauses until the period ends on Jan 1, 2027. Upgrade to Pro for 1,000,000 requests a month.",
    });
  });

  it("tells a Free account at the cap that ingest is paused until the period ends", () => {
    expect(usageBanner(withUsage(FREE, 10_000))).toEqual({
      tone: "danger",
      title: "Free plan limit reached — ingest paused",
      body: "Your projects have used all 10,000 requests included this period. New requests are refused (429 PLAN_LIMIT_EXCEEDED) until the period ends on Jan 1, 2027. Upgrade to Pro to resume ingest now.",
    });
  });

  it("offers no upgrade on a server without Stripe", () => {
    const off = { ...FREE, billingConfigured: false };
    expect(usageBanner(withUsage(off, 10_400))?.body).toBe(
      "Your projects have used all 10,000 requests included this period. New requests are refused (429 PLAN_LIMIT_EXCEEDED) until the period ends on Jan 1, 2027.",
    );
    expect(usageBanner(withUsage(off, 9_000))?.body).toBe("At 10,000 requests, ingest pauses until the period ends on Jan 1, 2027.");
  });

  it("tells Pro that the overage is billed, and Enterprise that ingest continues", () => {
    expect(usageBanner(withUsage(PRO, 900_000))).toEqual({
      tone: "warning",
      title: "90% of the 1,000,000 requests included in Pro used",
      body: "Beyond 1,000,000 requests, ingest continues and the overage is billed.",
    });
    expect(usageBanner(withUsage(PRO, 1_000_001))).toEqual({
      tone: "warning",
      title: "Past the 1,000,000 requests included in Pro",
      body: "Ingest continues. Requests beyond 1,000,000 this period are billed as overage on your next invoice.",
    });
    expect(usageBanner(withUsage(ENTERPRISE, 10_000_000))?.body).toBe("Ingest continues. Requests beyond 10,000,000 this period are covered by your agreement.");
  });
});

describe("paymentBanner", () => {
  it("asks to fix the payment method when a payment failed", () => {
    expect(paymentBanner({ ...PRO, status: "past_due" })).toEqual({
      tone: "danger",
      title: "Payment failed",
      body: "Stripe could not charge your payment method for the last Pro invoice. Update it in Manage billing; Stripe retries the payment automatically.",
    });
    expect(paymentBanner({ ...PRO, status: "unpaid" })?.title).toBe("Invoice unpaid");
    expect(paymentBanner({ ...PRO, status: "incomplete" })?.title).toBe("First payment not completed");
  });

  it.each(["active", "trialing", "canceled"])("shows nothing for %s", (status) => {
    expect(paymentBanner({ ...PRO, status })).toBeNull();
  });
});

describe("a server without Stripe", () => {
  const off: BillingInfo = { ...FREE, billingConfigured: false };

  it("explains that upgrades are unavailable and Free stays with its volume", () => {
    expect(notConfiguredText(off)).toBe(
      "Upgrades and plan changes are unavailable on this server: billing is not configured (no Stripe key). Your account stays on Free with 10,000 requests a month. Ask the server's operator to configure Stripe to offer Pro.",
    );
    expect(notConfiguredText({ ...ENTERPRISE, billingConfigured: false })).toBe(
      "Upgrades and plan changes are unavailable on this server: billing is not configured (no Stripe key). Your Enterprise plan was set by the server's operator; ask them to change it.",
    );
    expect(notConfiguredText(FREE)).toBeNull();
  });

  it("offers no checkout, portal or plan change, still showing the plan and usage words", () => {
    expect(billingActions(off)).toEqual({ checkout: false, portal: false, changes: [] });
    expect(billingActions({ ...PRO, billingConfigured: false })).toEqual({ checkout: false, portal: false, changes: [] });
    expect(billingActions({ ...PRO, enterpriseAvailable: false }).changes.map((c) => c.to)).toEqual(["free"]);
    expect(planLabel(off.plan)).toBe("Free");
    expect(usageView(withUsage(off, 42).usage).countText).toBe("42 of 10,000 requests");
  });
});

describe("renewalText", () => {
  it("shows the renewal, a scheduled cancellation, or nothing on Free", () => {
    expect(renewalText(PRO)).toBe("Renews on Jan 6, 2027.");
    expect(renewalText({ ...PRO, cancelAtPeriodEnd: true, nextBillingDate: null })).toBe("Cancels at period end — Pro ends on Jan 6, 2027, then the account returns to Free.");
    expect(renewalText(FREE)).toBeNull();
  });
});

describe("billingActions", () => {
  it.each<[string, BillingInfo, { checkout: boolean; portal: boolean; changes: PlanChange[] }]>([
    ["Free without a customer: checkout only", FREE, { checkout: true, portal: false, changes: [] }],
    ["Free with a customer (a past subscription): checkout and the portal", { ...FREE, customerId: "cus_1", status: "canceled", subscriptionId: "sub_old" }, { checkout: true, portal: true, changes: [] }],
    ["a canceled Pro subscription: checkout again", { ...PRO, status: "canceled" }, { checkout: true, portal: true, changes: [] }],
    [
      "Pro: Enterprise or Free",
      PRO,
      {
        checkout: false,
        portal: true,
        changes: [
          { to: "enterprise", kind: "upgrade", label: "Upgrade to Enterprise" },
          { to: "free", kind: "cancel", label: "Downgrade to Free" },
        ],
      },
    ],
    [
      "past-due Pro: the same changes",
      { ...PRO, status: "past_due" },
      {
        checkout: false,
        portal: true,
        changes: [
          { to: "enterprise", kind: "upgrade", label: "Upgrade to Enterprise" },
          { to: "free", kind: "cancel", label: "Downgrade to Free" },
        ],
      },
    ],
    [
      "Enterprise: Pro or Free",
      ENTERPRISE,
      {
        checkout: false,
        portal: true,
        changes: [
          { to: "pro", kind: "downgrade", label: "Switch to Pro" },
          { to: "free", kind: "cancel", label: "Downgrade to Free" },
        ],
      },
    ],
    ["Pro cancelling at period end: keep it", { ...PRO, cancelAtPeriodEnd: true }, { checkout: false, portal: true, changes: [{ to: "pro", kind: "resume", label: "Keep Pro" }] }],
  ])("%s", (_name, billing, expected) => {
    expect(billingActions(billing)).toEqual(expected);
  });
});

describe("changeDialogText", () => {
  it("explains that a downgrade to Free takes effect at the period's end", () => {
    expect(changeDialogText(PRO, { to: "free", kind: "cancel", label: "Downgrade to Free" })).toEqual({
      title: "Downgrade to Free?",
      body: [
        "Your Pro subscription is canceled at the end of the period: Pro stays active until Jan 6, 2027, then the account returns to Free.",
        "Free includes 10,000 requests a month with a hard cap: past it, ingest pauses until the next period.",
      ],
      confirmLabel: "Downgrade at period end",
      tone: "danger",
    });
  });

  it("names the prorated switch between paid plans", () => {
    expect(changeDialogText(PRO, { to: "enterprise", kind: "upgrade", label: "Upgrade to Enterprise" })).toEqual({
      title: "Upgrade from Pro to Enterprise?",
      body: [
        "Enterprise: 10,000,000 requests a month included (Custom pricing). Stripe prorates the difference for the rest of this period on your next invoice.",
        "The change takes effect when Stripe confirms it, usually within seconds.",
      ],
      confirmLabel: "Upgrade to Enterprise",
      tone: "primary",
    });
    const down = changeDialogText(ENTERPRISE, { to: "pro", kind: "downgrade", label: "Switch to Pro" });
    expect(down.title).toBe("Switch from Enterprise to Pro?");
    expect(down.body[0]).toBe("Pro: 1,000,000 requests a month included, overage billed ($49.00 / month). Stripe prorates the difference for the rest of this period on your next invoice.");
    expect(down.tone).toBe("danger");
  });

  it("withdraws a scheduled cancellation", () => {
    const cancelling: BillingInfo = { ...PRO, cancelAtPeriodEnd: true };
    expect(changeDialogText(cancelling, { to: "pro", kind: "resume", label: "Keep Pro" })).toEqual({
      title: "Keep Pro?",
      body: ["The scheduled cancellation is withdrawn and Pro renews on Jan 6, 2027.", "The change takes effect when Stripe confirms it, usually within seconds."],
      confirmLabel: "Keep Pro",
      tone: "primary",
    });
  });
});

describe("waiting for Stripe", () => {
  const checkout: Awaiting = { kind: "checkout", sessionId: "cs_test_1" };
  const cancel: Awaiting = { kind: "change", change: { to: "free", kind: "cancel", label: "Downgrade to Free" } };
  const resume: Awaiting = { kind: "change", change: { to: "pro", kind: "resume", label: "Keep Pro" } };
  const toEnterprise: Awaiting = { kind: "change", change: { to: "enterprise", kind: "upgrade", label: "Upgrade to Enterprise" } };

  it.each<[string, Awaiting, BillingInfo, boolean]>([
    ["checkout, still Free", checkout, FREE, false],
    ["checkout, Pro active", checkout, PRO, true],
    ["checkout, Pro past due (the first payment failed later)", checkout, { ...PRO, status: "past_due" }, true],
    ["checkout, an old canceled Pro", checkout, { ...PRO, status: "canceled" }, false],
    ["cancel, not yet", cancel, PRO, false],
    ["cancel, scheduled", cancel, { ...PRO, cancelAtPeriodEnd: true }, true],
    ["cancel, already Free", cancel, FREE, true],
    ["resume, still cancelling", resume, { ...PRO, cancelAtPeriodEnd: true }, false],
    ["resume, withdrawn", resume, PRO, true],
    ["upgrade, still Pro", toEnterprise, PRO, false],
    ["upgrade, Enterprise", toEnterprise, ENTERPRISE, true],
  ])("%s: confirmed %s", (_name, awaiting, billing, expected) => {
    expect(isConfirmed(awaiting, billing)).toBe(expected);
  });

  it("says what it waits for, what Stripe confirmed, and what to do when it is slow", () => {
    expect(waitingText(checkout)).toBe("Payment received — activating your plan…");
    expect(waitingText(cancel)).toBe("Waiting for Stripe to confirm…");
    expect(confirmedText(checkout, PRO)).toBe("You're on Pro: 1,000,000 requests a month included, overage billed.");
    const cancelling: BillingInfo = { ...PRO, cancelAtPeriodEnd: true };
    expect(confirmedText(cancel, cancelling)).toBe("Downgrade scheduled: Pro stays active until Jan 6, 2027, then the account returns to Free.");
    expect(confirmedText(resume, PRO)).toBe("Cancellation withdrawn: Pro renews on Jan 6, 2027.");
    expect(confirmedText(toEnterprise, ENTERPRISE)).toBe("Your plan is now Enterprise.");
    expect(timeoutText(checkout)).toBe(
      "Stripe has not confirmed the subscription yet. Your payment went through; the plan usually activates within seconds. Check again in a minute, and if it stays on Free, contact support with checkout session cs_test_1.",
    );
    expect(timeoutText({ kind: "checkout", sessionId: null })).toBe(
      "Stripe has not confirmed the subscription yet. Your payment went through; the plan usually activates within seconds. Check again in a minute.",
    );
    expect(timeoutText(cancel)).toBe("Stripe has not confirmed the change yet. It may still arrive: check again in a minute, or look in Manage billing.");
  });

  it.each([
    ["checkout=success&session_id=cs_test_1", { outcome: "success", sessionId: "cs_test_1" }],
    ["checkout=success", { outcome: "success", sessionId: null }],
    ["checkout=canceled", { outcome: "canceled" }],
    ["checkout=cancelled", { outcome: "canceled" }],
    ["checkout=maybe", null],
    ["", null],
  ])("reads the return from Checkout in ?%s", (qs, expected) => {
    expect(checkoutReturn(new URLSearchParams(qs))).toEqual(expected);
  });
});

describe("billingErrorMessage", () => {
  const serverError = (message: string, code: string, httpStatus: number) => TRPCClientError.from({ error: { code: -32600, message, data: { code, httpStatus } } });

  it.each([
    ["the server has no Stripe key", serverError("Internal server error", "BILLING_NOT_CONFIGURED", 503), "Billing is not configured on this server (no Stripe key), so plans cannot be changed here."],
    ["Stripe failed", serverError("Internal server error", "PAYMENT_PROVIDER_ERROR", 502), "Stripe did not answer as expected, so nothing was changed. Try again in a moment."],
    [
      "a conflict, with the server's words",
      serverError("The account already has a pro subscription; change the plan or manage it in the billing portal", "CONFLICT", 409),
      "The account already has a pro subscription; change the plan or manage it in the billing portal",
    ],
    ["an internal error, generic", serverError("secret detail", "INTERNAL", 500), "Something went wrong. Please try again."],
  ])("shows %s", (_name, err, expected) => {
    expect(billingErrorMessage(err)).toBe(expected);
  });
});
