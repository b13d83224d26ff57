import { describe, expect, it } from "vitest";
import { billingPeriod, calendarMonth, includedRequests, PLAN_TERMS } from "./plans";

describe("plans", () => {
  it("Free is a hard cap of 10,000; Pro includes 1,000,000 and bills overage; Enterprise takes an operator's limit", () => {
    expect(PLAN_TERMS.free).toMatchObject({ monthlyRequests: 10_000, hardCap: true, meteredOverage: false });
    expect(PLAN_TERMS.pro).toMatchObject({ monthlyRequests: 1_000_000, hardCap: false, meteredOverage: true });
    expect(includedRequests("enterprise", 42_000_000)).toBe(42_000_000);
    expect(includedRequests("enterprise", null)).toBe(PLAN_TERMS.enterprise.monthlyRequests);
    expect(includedRequests("free", 42_000_000)).toBe(10_000);
  });

  it("the period is the subscription's while it holds now, else the calendar month (UTC)", () => {
    const now = new Date("2026-12-06T14:00:00Z");
    expect(calendarMonth(now)).toEqual({ start: new Date("2026-12-01T00:00:00Z"), end: new Date("2027-01-01T00:00:00Z") });
    const sub = { currentPeriodStart: new Date("2026-11-20T09:30:00Z"), currentPeriodEnd: new Date("2026-12-20T09:30:00Z") };
    expect(billingPeriod(sub, now)).toEqual({ start: sub.currentPeriodStart, end: sub.currentPeriodEnd });
    // Stripe has not confirmed the renewal yet: the calendar month until it does.
    expect(billingPeriod(sub, new Date("2026-12-21T00:00:00Z"))).toEqual(calendarMonth(new Date("2026-12-21T00:00:00Z")));
    expect(billingPeriod(null, now)).toEqual(calendarMonth(now));
  });
});
