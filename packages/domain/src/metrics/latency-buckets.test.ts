import { describe, expect, it } from "vitest";
import { bucketRange, emptyBuckets, latencyBucketIndex, LATENCY_BUCKET_COUNT, percentileFromBuckets } from "./latency-buckets";

describe("latency histogram", () => {
  it("puts each latency in the bucket whose upper bound is the first ≥ it", () => {
    expect(latencyBucketIndex(0)).toBe(0);
    expect(latencyBucketIndex(5)).toBe(0);
    expect(latencyBucketIndex(6)).toBe(1);
    expect(latencyBucketIndex(1_000_000)).toBe(LATENCY_BUCKET_COUNT - 1);
  });

  it("estimates percentiles inside the bucket of the true value", () => {
    const values = Array.from({ length: 1000 }, (_, i) => 20 + ((i * 7919) % 2000));
    const buckets = emptyBuckets();
    for (const v of values) buckets[latencyBucketIndex(v)]!++;
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99]) {
      const truth = sorted[Math.ceil(q * sorted.length) - 1]!;
      const [lo, hi] = bucketRange(truth);
      const est = percentileFromBuckets(buckets, q)!;
      expect(est).toBeGreaterThanOrEqual(lo);
      expect(est).toBeLessThanOrEqual(hi);
    }
    expect(percentileFromBuckets(emptyBuckets(), 0.5)).toBeNull();
  });
});
