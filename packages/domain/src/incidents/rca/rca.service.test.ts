import { describe, expect, it } from "vitest";
import { rcaRetryDelayMs, readStoredRca } from "./rca.service";

describe("rcaRetryDelayMs", () => {
  it("backs off exponentially from the base delay, capped", () => {
    expect([1, 2, 3, 4].map((a) => rcaRetryDelayMs(a, null))).toEqual([1000, 2000, 4000, 8000]);
    expect(rcaRetryDelayMs(10, null)).toBe(30_000);
    expect(rcaRetryDelayMs(2, null, { baseDelayMs: 10, maxDelayMs: 15 })).toBe(15);
  });

  it("waits what the server's Retry-After asked for, capped", () => {
    expect(rcaRetryDelayMs(1, 2000)).toBe(2000);
    expect(rcaRetryDelayMs(1, 120_000)).toBe(30_000);
  });
});

describe("readStoredRca", () => {
  it("reads an analysis as stored in JSON (createdAt a string) and refuses anything else", () => {
    const stored = { source: "heuristic", severity: "high", rootCause: "r", recommendedFix: "f", affectedRequests: 2, recommendedActions: [], metadata: {}, createdAt: "2025-03-01T12:00:00.000Z" };
    expect(readStoredRca(stored)).toEqual({ ...stored, createdAt: new Date("2025-03-01T12:00:00.000Z") });
    expect(readStoredRca(null)).toBeNull();
    expect(readStoredRca({ ...stored, source: "guess" })).toBeNull();
  });
});
