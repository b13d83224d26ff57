import type { App } from "../app";
import { latestConfigVersion } from "../config/config-store";
import { IncidentScopeSchema, type IncidentTrigger } from "../incidents/incident.schema";
import type { IncidentRow } from "../incidents/incident.service";
import { settingOrDefault } from "../settings/settings.schema";
import type { RemediationWatch } from "./remediation.schema";

/**
 * The regression watch (issue 10): after any action, manual or automatic, the incident's own metric is
 * measured over the `remediation.verifyMinutes` before the action and, when the watch ends, over the same
 * length after it. Worse by more than `remediation.verifyMarginPct` rolls the action back (the service
 * does that); better by the margin is "recovered". This file measures and judges; it writes nothing.
 */

export type WatchMetric = NonNullable<RemediationWatch["metric"]>;

/** The metric each detection trigger is about (higher is worse for all four). Datadog and manual incidents have none. */
export const WATCH_METRIC_OF: Partial<Record<IncidentTrigger, WatchMetric>> = {
  latency: "avg_latency_ms",
  error_rate: "error_rate",
  high_risk: "high_risk_rate",
  cost_spike: "cost_per_minute_usd",
};

/** Requests a window needs on each side before the watch judges anything (fewer is "inconclusive"). */
export const WATCH_MIN_SAMPLES = 5;

/** Below these absolute differences a change is noise, whatever the percentage says. */
const NOISE: Record<WatchMetric, number> = { avg_latency_ms: 1, error_rate: 0.01, high_risk_rate: 0.01, cost_per_minute_usd: 0.000001 };

const LABEL: Record<WatchMetric, string> = {
  avg_latency_ms: "average latency",
  error_rate: "error rate",
  high_risk_rate: "share of high-risk requests",
  cost_per_minute_usd: "cost per minute",
};

export function formatMetric(metric: WatchMetric, value: number): string {
  if (metric === "avg_latency_ms") return `${Math.round(value)} ms`;
  if (metric === "cost_per_minute_usd") return `$${value.toFixed(value < 0.01 ? 6 : 4)}`;
  return `${(value * 100).toFixed(1)}%`;
}

export interface WatchSettings {
  windowMinutes: number;
  marginPct: number;
  highRiskScore: number;
}

export async function watchSettings(db: App["db"], projectId: string): Promise<WatchSettings> {
  const values = (await latestConfigVersion(db, projectId))?.values ?? {};
  return {
    windowMinutes: settingOrDefault(values, "remediation.verifyMinutes"),
    marginPct: settingOrDefault(values, "remediation.verifyMarginPct"),
    highRiskScore: settingOrDefault(values, "detection.highRiskScore"),
  };
}

export interface MetricSample {
  value: number | null;
  samples: number;
}

/**
 * The metric over [from, to) for the incident's scope (its end user, endpoint or model; for a model the
 * calls that asked for it too, since switch_model sends them elsewhere). Calls an enforcement point
 * blocked count as requests that were neither risky nor failed (blocking them is what the action is
 * for), but not toward latency (they never waited for a provider).
 */
export async function measureMetric(db: App["db"], incident: IncidentRow, metric: WatchMetric, from: Date, to: Date, highRiskScore: number): Promise<MetricSample> {
  const scope = IncidentScopeSchema.parse(incident.scope);
  // Parameters rather than SQL fragments: one plain query, whatever the scope (the unused arms are constant-false).
  const kind = scope.value === null ? "project" : scope.kind;
  const value = scope.value ?? "";
  const [row] = await db.$queryRaw<{ all: number; passed: number; avgLatency: number | null; failed: number; risky: number; cost: number }[]>`
    SELECT count(*)::int AS "all",
      (count(*) FILTER (WHERE "status" <> 'blocked'))::int AS "passed",
      (avg("latencyMs") FILTER (WHERE "status" <> 'blocked'))::float8 AS "avgLatency",
      (count(*) FILTER (WHERE "status" IN ('error', 'timeout')))::int AS "failed",
      (count(*) FILTER (WHERE "status" <> 'blocked' AND "riskScore" > ${highRiskScore}))::int AS "risky",
      coalesce(sum("costUsd"), 0)::float8 AS "cost"
    FROM "LlmRequest"
    WHERE "projectId" = ${incident.projectId}::uuid AND "timestamp" >= ${from} AND "timestamp" < ${to}
      AND (${kind}::text <> 'endUser' OR "endUserId" = ${value})
      AND (${kind}::text <> 'endpoint' OR "endpoint" = ${value})
      AND (${kind}::text <> 'model' OR "model" = ${value} OR "requestedModel" = ${value})`;
  const r = row ?? { all: 0, passed: 0, avgLatency: null, failed: 0, risky: 0, cost: 0 };
  switch (metric) {
    case "avg_latency_ms":
      return { value: r.passed > 0 ? r.avgLatency : null, samples: r.passed };
    case "error_rate":
      return { value: r.all > 0 ? r.failed / r.all : null, samples: r.all };
    case "high_risk_rate":
      return { value: r.all > 0 ? r.risky / r.all : null, samples: r.all };
    case "cost_per_minute_usd":
      return { value: r.all > 0 ? r.cost / Math.max(1, (to.getTime() - from.getTime()) / 60_000) : null, samples: r.all };
  }
}

/** The watch as recorded when the action is applied: the "before" side measured, the end set. */
export async function startWatch(db: App["db"], incident: IncidentRow, appliedAt: Date, settings: WatchSettings): Promise<RemediationWatch> {
  const metric = WATCH_METRIC_OF[incident.trigger as IncidentTrigger] ?? null;
  const verifyAt = new Date(appliedAt.getTime() + settings.windowMinutes * 60_000);
  const base = { windowMinutes: settings.windowMinutes, marginPct: settings.marginPct, after: null, afterSamples: 0, judgedAt: null };
  if (!metric) {
    return { ...base, status: "not_measured", metric: null, before: null, beforeSamples: 0, verifyAt: null, message: `A ${incident.trigger} incident has no metric LLMGuard measures; nothing is watched.` };
  }
  const before = await measureMetric(db, incident, metric, new Date(appliedAt.getTime() - settings.windowMinutes * 60_000), appliedAt, settings.highRiskScore);
  const was = before.value === null ? "no traffic" : `${formatMetric(metric, before.value)} over ${before.samples} requests`;
  return { ...base, status: "watching", metric, before: before.value, beforeSamples: before.samples, verifyAt, message: `Watching the ${LABEL[metric]} for ${settings.windowMinutes} minutes (before the action: ${was}).` };
}

/** Pure: the verdict once both sides are measured. */
export function judgeWatch(watch: RemediationWatch, after: MetricSample, judgedAt: Date): RemediationWatch {
  const metric = watch.metric!;
  const done = { ...watch, after: after.value, afterSamples: after.samples, verifyAt: null, judgedAt };
  if (watch.before === null || after.value === null || watch.beforeSamples < WATCH_MIN_SAMPLES || after.samples < WATCH_MIN_SAMPLES) {
    return { ...done, status: "inconclusive", message: `Not enough traffic to judge the ${LABEL[metric]}: ${watch.beforeSamples} requests before the action, ${after.samples} after (${WATCH_MIN_SAMPLES} needed on each side).` };
  }
  const margin = watch.marginPct / 100;
  const change = `${formatMetric(metric, watch.before)} → ${formatMetric(metric, after.value)}`;
  if (after.value > watch.before * (1 + margin) && after.value - watch.before > NOISE[metric]) {
    return { ...done, status: "regressed", message: `The ${LABEL[metric]} got worse after the action: ${change} (more than the ${watch.marginPct}% margin).` };
  }
  if (after.value < watch.before && after.value <= watch.before * (1 - margin) && watch.before - after.value > NOISE[metric]) {
    return { ...done, status: "recovered", message: `The ${LABEL[metric]} recovered after the action: ${change}.` };
  }
  return { ...done, status: "unchanged", message: `No clear change in the ${LABEL[metric]} after the action: ${change} (margin ${watch.marginPct}%).` };
}

/** A watch that ends because the action did (rolled back or expired first). */
export function stopWatch(watch: RemediationWatch | null, at: Date): RemediationWatch | null {
  if (!watch || watch.status !== "watching") return watch;
  return { ...watch, status: "stopped", verifyAt: null, judgedAt: at, message: "The action ended before its watch did; nothing was judged." };
}

/** Stored JSON (dates as strings) back to the typed watch. */
export function readWatch(value: unknown): RemediationWatch | null {
  if (!value || typeof value !== "object") return null;
  const w = value as Record<string, unknown>;
  const date = (v: unknown) => (typeof v === "string" || v instanceof Date ? new Date(v) : null);
  return { ...(w as unknown as RemediationWatch), verifyAt: date(w.verifyAt), judgedAt: date(w.judgedAt) };
}
