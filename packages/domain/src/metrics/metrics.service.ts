import type { App } from "../app";
import { requireProjectAccess } from "../projects/permissions";
import { addBuckets, emptyBuckets, percentileFromBuckets } from "./latency-buckets";
import type { MetricsQuery, ProjectMetrics, SummaryPoint } from "./metrics.schema";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Acc {
  requests: number;
  errors: number;
  latencySum: number;
  tokens: number;
  cost: number;
  unpriced: number;
  flagged: number;
  blocked: number;
  riskSum: number;
  buckets: number[];
}

const emptyAcc = (): Acc => ({ requests: 0, errors: 0, latencySum: 0, tokens: 0, cost: 0, unpriced: 0, flagged: 0, blocked: 0, riskSum: 0, buckets: emptyBuckets() });
const round = (n: number, digits = 6) => Math.round(n * 10 ** digits) / 10 ** digits;

function floorTo(d: Date, granularity: "day" | "hour"): Date {
  const x = new Date(d.getTime());
  x.setUTCMinutes(0, 0, 0);
  if (granularity === "day") x.setUTCHours(0);
  return x;
}

/**
 * Requirement 6: usage, errors, latency percentiles, tokens and cost for a time range, read from the
 * hourly rollups maintained at ingest (ARCHITECTURE decision 7), never from raw requests. Defaults:
 * the last 30 days by day, or the last 48 hours by hour. Times are UTC; the range is widened to whole
 * hours (and whole days for daily series).
 */
export async function getProjectMetrics(params: { app: App; userId: string; query: MetricsQuery; now?: Date }): Promise<ProjectMetrics> {
  const { app, query } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: query.projectId, action: "project.read" });
  const g = query.granularity;
  const now = params.now ?? new Date();
  const end = query.endDate ?? now;
  const start = query.startDate ?? new Date(end.getTime() - (g === "day" ? 30 * DAY : 48 * HOUR));
  const from = floorTo(start, g);
  const step = g === "day" ? DAY : HOUR;

  const rollups = await app.db.requestRollupHourly.findMany({
    where: { projectId: query.projectId, hour: { gte: floorTo(start, "hour"), lte: end } },
  });

  const total = emptyAcc();
  const byModel = new Map<string, Acc>();
  const byPoint = new Map<number, Acc>();
  for (const r of rollups) {
    const add = (a: Acc) => {
      a.requests += r.requests;
      a.errors += r.errors;
      a.latencySum += Number(r.latencySumMs);
      a.tokens += Number(r.totalTokens);
      a.cost += Number(r.costUsd);
      a.unpriced += r.unpricedRequests;
      a.flagged += r.flagged;
      a.blocked += r.blocked;
      a.riskSum += Number(r.riskScoreSum);
      addBuckets(a.buckets, r.latencyBuckets);
    };
    add(total);
    let m = byModel.get(r.model);
    if (!m) byModel.set(r.model, (m = emptyAcc()));
    add(m);
    const key = floorTo(r.hour, g).getTime();
    let p = byPoint.get(key);
    if (!p) byPoint.set(key, (p = emptyAcc()));
    add(p);
  }

  const series: SummaryPoint[] = [];
  for (let t = from.getTime(); t <= end.getTime(); t += step) {
    const a = byPoint.get(t) ?? emptyAcc();
    series.push({
      date: g === "day" ? new Date(t).toISOString().slice(0, 10) : new Date(t).toISOString(),
      requests: a.requests,
      errors: a.errors,
      avgLatency: a.requests ? round(a.latencySum / a.requests, 2) : 0,
      tokens: a.tokens,
      cost: round(a.cost),
      flagged: a.flagged,
      blocked: a.blocked,
      p50Latency: percentileFromBuckets(a.buckets, 0.5),
      p95Latency: percentileFromBuckets(a.buckets, 0.95),
      p99Latency: percentileFromBuckets(a.buckets, 0.99),
    });
  }

  const models = [...byModel.entries()]
    .map(([model, a]) => ({
      model,
      requests: a.requests,
      errors: a.errors,
      tokens: a.tokens,
      cost: round(a.cost),
      avgLatency: a.requests ? round(a.latencySum / a.requests, 2) : 0,
      unpricedRequests: a.unpriced,
    }))
    .sort((x, y) => y.requests - x.requests);

  return {
    projectId: query.projectId,
    startDate: from,
    endDate: end,
    granularity: g,
    totalRequests: total.requests,
    errorCount: total.errors,
    errorRate: total.requests ? round(total.errors / total.requests, 4) : 0,
    averageLatency: total.requests ? round(total.latencySum / total.requests, 2) : 0,
    p50Latency: percentileFromBuckets(total.buckets, 0.5),
    p95Latency: percentileFromBuckets(total.buckets, 0.95),
    p99Latency: percentileFromBuckets(total.buckets, 0.99),
    totalTokens: total.tokens,
    estimatedCost: round(total.cost),
    unpricedRequests: total.unpriced,
    flaggedRequests: total.flagged,
    blockedRequests: total.blocked,
    averageRiskScore: total.requests ? round(total.riskSum / total.requests, 2) : 0,
    modelBreakdown: Object.fromEntries(models.map((m) => [m.model, m.requests])),
    models,
    dailySummary: series,
  };
}
