/** Latency summaries: nearest-rank percentiles over all samples (no histogram approximation). */
export interface LatencySummary {
  count: number;
  minMs: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export function summarize(samples: ArrayLike<number>, count = samples.length): LatencySummary {
  const sorted = Float64Array.from({ length: count }, (_, i) => samples[i]!).sort();
  const at = (p: number) => (count === 0 ? 0 : sorted[Math.min(count - 1, Math.max(0, Math.ceil(p * count) - 1))]!);
  let sum = 0;
  for (let i = 0; i < count; i++) sum += sorted[i]!;
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    count,
    minMs: r(count ? sorted[0]! : 0),
    p50Ms: r(at(0.5)),
    p90Ms: r(at(0.9)),
    p95Ms: r(at(0.95)),
    p99Ms: r(at(0.99)),
    maxMs: r(count ? sorted[count - 1]! : 0),
    meanMs: r(count ? sum / count : 0),
  };
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString("en-US"),
  ms: (n: number) => `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n)} ms`,
  pct: (n: number) => `${Math.round(n)}%`,
  duration: (ms: number) => {
    const s = Math.round(ms / 1000);
    return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${(ms / 1000).toFixed(1)}s`;
  },
};
