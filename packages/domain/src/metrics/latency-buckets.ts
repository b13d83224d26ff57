/**
 * Upper bounds (ms, inclusive) of the latency histogram kept in each hourly rollup; the last bucket is
 * open-ended. Roughly logarithmic, so percentile estimates stay within ~25% of the true value.
 * Changing the bounds needs a migration of existing rollups: append only.
 */
export const LATENCY_BUCKET_BOUNDS_MS = [
  5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 4000, 5000, 7500, 10000, 15000, 20000, 30000, 60000, 120000,
] as const;

export const LATENCY_BUCKET_COUNT = LATENCY_BUCKET_BOUNDS_MS.length + 1;

export function latencyBucketIndex(ms: number): number {
  let lo = 0;
  let hi: number = LATENCY_BUCKET_BOUNDS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms <= LATENCY_BUCKET_BOUNDS_MS[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function emptyBuckets(): number[] {
  return new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
}

/** Adds b into a (element-wise), growing a if b is longer. */
export function addBuckets(a: number[], b: readonly number[]): number[] {
  for (let i = 0; i < b.length; i++) a[i] = (a[i] ?? 0) + (b[i] ?? 0);
  return a;
}

/**
 * The q-quantile (0..1) estimated from bucket counts by linear interpolation inside the bucket that holds
 * it. The open last bucket reports its lower bound. Null without data.
 */
export function percentileFromBuckets(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((s, n) => s + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    const n = buckets[i] ?? 0;
    if (n > 0 && seen + n >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[i - 1]!;
      const upper = LATENCY_BUCKET_BOUNDS_MS[i];
      if (upper === undefined) return lower;
      return Math.round(lower + ((rank - seen) / n) * (upper - lower));
    }
    seen += n;
  }
  return LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_BOUNDS_MS.length - 1]!;
}

/** The bucket bounds [lower, upper] that contain a latency: what a percentile estimate can be off by. */
export function bucketRange(ms: number): [number, number] {
  const i = latencyBucketIndex(ms);
  return [i === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[i - 1]!, LATENCY_BUCKET_BOUNDS_MS[i] ?? Infinity];
}
