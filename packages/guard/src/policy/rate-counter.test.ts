import { describe, expect, it } from "vitest";
import { LocalRateCounter } from "./rate-counter.ts";

/** "N calls per rolling minute", estimated from this minute's count and the previous minute's, weighted. */
const MINUTE = 60_000;
const START = Date.parse("2026-06-01T12:00:00.000Z");
const s = (seconds: number) => START + seconds * 1000;

describe("LocalRateCounter", () => {
  it("lets N calls through in a minute and refuses the next, counting nothing for it", () => {
    const c = new LocalRateCounter();
    for (let i = 0; i < 3; i++) expect(c.take("k", 3, s(5))).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(c.take("k", 3, s(5)).allowed).toBe(false);
    expect(c.take("k", 3, s(6)).allowed).toBe(false);
  });

  it("keeps keys apart", () => {
    const c = new LocalRateCounter();
    expect(c.take("a", 1, s(1)).allowed).toBe(true);
    expect(c.take("a", 1, s(1)).allowed).toBe(false);
    expect(c.take("b", 1, s(1)).allowed).toBe(true);
  });

  it("a full minute: retryAfter names the moment its calls have faded enough in the next minute, not just the next minute", () => {
    const c = new LocalRateCounter();
    for (let i = 0; i < 3; i++) c.take("k", 3, s(10));
    // 3 calls at 12:00:10. At 12:01:00 they still count fully (3 + 1 > 3); at 12:01:20 they count 2 (2 + 1 ≤ 3).
    expect(c.take("k", 3, s(10))).toEqual({ allowed: false, retryAfterSeconds: 70 });
    expect(c.take("k", 3, s(60)).allowed).toBe(false);
    expect(c.take("k", 3, s(79)).allowed).toBe(false);
    expect(c.take("k", 3, s(80))).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it("a limit of 1: the next call fits two minute boundaries later at the latest", () => {
    const c = new LocalRateCounter();
    expect(c.take("k", 1, s(30)).allowed).toBe(true);
    expect(c.take("k", 1, s(30))).toEqual({ allowed: false, retryAfterSeconds: 90 });
    expect(c.take("k", 1, s(119)).allowed).toBe(false);
    expect(c.take("k", 1, s(120)).allowed).toBe(true);
  });

  it("refused by the previous minute's share: retryAfter names when it has faded within this minute", () => {
    const c = new LocalRateCounter();
    for (let i = 0; i < 4; i++) expect(c.take("k", 4, s(50)).allowed).toBe(true);
    // 12:01:15: previous 4 × 45/60 = 3, this minute 0: 3 + 1 ≤ 4, allowed.
    expect(c.take("k", 4, s(75)).allowed).toBe(true);
    // Now 3 + 1 + 1 > 4. Room for one more once 4 × (1 − t/60) ≤ 4 − 1 − 1 = 2, at t = 30 s: 12:01:30.
    expect(c.take("k", 4, s(75))).toEqual({ allowed: false, retryAfterSeconds: 15 });
    expect(c.take("k", 4, s(89)).allowed).toBe(false);
    expect(c.take("k", 4, s(90)).allowed).toBe(true);
  });

  it("a minute with no calls in between forgets the older one", () => {
    const c = new LocalRateCounter();
    for (let i = 0; i < 2; i++) c.take("k", 2, s(59));
    expect(c.take("k", 2, s(59)).allowed).toBe(false);
    // 12:02:00: the 12:00 minute is two minutes old and no longer counts.
    for (let i = 0; i < 2; i++) expect(c.take("k", 2, START + 2 * MINUTE).allowed).toBe(true);
  });

  it("rounds retryAfter up to whole seconds, at least 1", () => {
    const c = new LocalRateCounter();
    for (let i = 0; i < 4; i++) c.take("k", 4, s(50));
    c.take("k", 4, s(75));
    // Room again at 12:01:30 (see above), half a second away.
    expect(c.take("k", 4, s(89.5))).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("keeps working past 10,000 keys (old windows are pruned, current ones kept)", () => {
    const c = new LocalRateCounter();
    for (let i = 0; i < 10_000; i++) c.take(`old-${i}`, 1, s(0));
    expect(c.take("live", 1, START + 3 * MINUTE).allowed).toBe(true);
    for (let i = 0; i < 10; i++) c.take(`new-${i}`, 1, START + 3 * MINUTE);
    // The pruned keys start afresh; the live one is still counted.
    expect(c.take("old-1", 1, START + 3 * MINUTE).allowed).toBe(true);
    expect(c.take("live", 1, START + 3 * MINUTE).allowed).toBe(false);
  });
});
