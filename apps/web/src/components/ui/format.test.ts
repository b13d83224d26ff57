import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formatDate, formatDateTime, formatRelative } from "./format";

describe("dates", () => {
  it("writes a date, or a dash when there is none", () => {
    expect(formatDate(new Date(2026, 11, 6, 12))).toBe("Dec 6, 2026");
    expect(formatDate(new Date(2026, 11, 6, 12).toISOString())).toBe("Dec 6, 2026");
    expect(formatDate(null)).toBe("—");
    expect(formatDate(undefined)).toBe("—");
  });

  it("writes a date and time, or a dash when there is none", () => {
    expect(formatDateTime(new Date(2026, 11, 6, 9, 5))).toBe("Dec 6, 2026, 09:05 AM");
    expect(formatDateTime(null)).toBe("—");
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-12-06T12:00:00.000Z");
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(now);
  });
  afterEach(() => vi.useRealTimers());
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it.each([
    [10, "just now"],
    [-30, "just now"],
    [50, "50 seconds ago"],
    [3 * 60, "3 minutes ago"],
    [2 * 3600, "2 hours ago"],
    [-5 * 86_400, "in 5 days"],
    [86_400, "yesterday"],
    [65 * 86_400, "2 months ago"],
    [400 * 86_400, "last year"],
  ])("%s seconds ago reads %s", (seconds, text) => {
    expect(formatRelative(ago(seconds))).toBe(text);
  });

  it("accepts ISO strings and says Never (or the given word) for no date", () => {
    expect(formatRelative(ago(3 * 60).toISOString())).toBe("3 minutes ago");
    expect(formatRelative(null)).toBe("Never");
    expect(formatRelative(undefined, "Not yet")).toBe("Not yet");
  });
});
