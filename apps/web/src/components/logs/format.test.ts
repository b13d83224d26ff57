import { describe, expect, it } from "vitest";
import { formatCompact, formatCost, formatCostTick, formatInt, formatLatency, formatLatencyTick, formatLogTime, formatPercent } from "./format";

describe("number formats of the logs and metrics pages", () => {
  it("rounds integers and groups thousands", () => {
    expect(formatInt(1234.6)).toBe("1,235");
    expect(formatInt(0)).toBe("0");
  });

  it("writes compact figures with at most one decimal", () => {
    expect(formatCompact(950)).toBe("950");
    expect(formatCompact(1234)).toBe("1.2K");
    expect(formatCompact(3_400_000)).toBe("3.4M");
  });

  it.each([
    [null, "—"],
    [undefined, "—"],
    [Number.NaN, "—"],
    [Number.POSITIVE_INFINITY, "—"],
    [0, "0 ms"],
    [850.4, "850 ms"],
    [1250, "1.25 s"],
    [9_999, "10.00 s"],
    [12_345, "12.3 s"],
    [126_000, "2.1 min"],
  ])("latency %s reads %s", (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
  });

  it.each([
    [0, "$0.00"],
    [0.000123, "$0.00012"],
    [0.0042, "$0.0042"],
    [0.00999, "$0.01"],
    [0.1234, "$0.1234"],
    [0.125, "$0.125"],
    [0.5, "$0.50"],
    [12.5, "$12.50"],
    [1234.5, "$1,234.50"],
  ])("cost %s reads %s (fractions of a cent keep two significant digits)", (usd, text) => {
    expect(formatCost(usd)).toBe(text);
  });

  it.each([
    [0, "0%"],
    [0.0005, "<0.1%"],
    [0.0123, "1.2%"],
    [0.5, "50%"],
    [1, "100%"],
  ])("rate %s reads %s", (rate, text) => {
    expect(formatPercent(rate)).toBe(text);
  });

  it("writes axis ticks without padding zeros", () => {
    expect([0, 250, 1500, 5000].map(formatLatencyTick)).toEqual(["0", "250 ms", "1.5 s", "5 s"]);
    expect([0, 0.005, 12.345, 2500].map(formatCostTick)).toEqual(["$0", "$0.005", "$12.3", "$2.5K"]);
  });

  it("shows this year's requests with their time and older ones with their year", () => {
    const now = new Date(2026, 11, 7, 9, 0);
    expect(formatLogTime(new Date(2026, 11, 6, 10, 25), now)).toBe("Dec 6, 10:25 AM");
    expect(formatLogTime(new Date(2025, 11, 6, 10, 25), now)).toBe("Dec 6, 2025");
  });
});
