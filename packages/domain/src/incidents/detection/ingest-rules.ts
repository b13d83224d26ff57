import { queryRows } from "@llmguard/db";
import type { App } from "../../app";
import { getGuardSettings } from "../../requests/guard-settings";
import type { IngestedRow } from "../../shared/events";
import type { DetectionSettings, IncidentScope, IncidentSeverity } from "../incident.schema";
import { recordDetection, type DetectionHit } from "../incident.service";

/**
 * The rules evaluated as requests are ingested (issue 9, design "Rule-Based Triggers"). They run after
 * the rows committed (a job: ingest never waits), and every rule reads its state from the database —
 * the last N requests of a scope, the hourly rollups — not from this process's memory, so a streak split
 * across instances still counts; the incident upsert makes the opening itself safe across instances.
 */

/** How often one instance re-reads the rollups per project and rule (the rows in between are covered by the next read). */
const WINDOW_RULE_INTERVAL_MS = { error_rate: 5_000, cost_spike: 30_000 } as const;
const lastWindowCheck = new WeakMap<App, Map<string, number>>();

function due(app: App, projectId: string, rule: keyof typeof WINDOW_RULE_INTERVAL_MS, now: number): boolean {
  let seen = lastWindowCheck.get(app);
  if (!seen) lastWindowCheck.set(app, (seen = new Map()));
  const key = `${projectId}|${rule}`;
  if (now - (seen.get(key) ?? 0) < WINDOW_RULE_INTERVAL_MS[rule]) return false;
  seen.set(key, now);
  return true;
}

function latest(rows: IngestedRow[]): Date {
  let max = -Infinity;
  for (const r of rows) max = Math.max(max, Date.parse(r.timestamp));
  return new Date(max);
}

/** Latency: any request slower than `detection.latencyMs`, one incident per model. */
export function latencyHits(projectId: string, rows: IngestedRow[], s: DetectionSettings): DetectionHit[] {
  // In place and without spreading: a coalesced run can hold tens of thousands of slow rows.
  const byModel = new Map<string, IngestedRow[]>();
  for (const r of rows) {
    if (r.latencyMs <= s.latencyMs) continue;
    const list = byModel.get(r.model);
    if (list) list.push(r);
    else byModel.set(r.model, [r]);
  }
  return [...byModel].map(([model, slow]) => {
    let max = 0;
    for (const r of slow) max = Math.max(max, r.latencyMs);
    return {
      projectId,
      trigger: "latency",
      scope: { kind: "model", value: model },
      severity: max >= 4 * s.latencyMs ? "high" : "medium",
      title: `Latency above ${s.latencyMs} ms on ${model}`,
      description: `${slow.length} request(s) took longer than ${s.latencyMs} ms (slowest ${max} ms).`,
      evidence: { metric: "latencyMs", threshold: s.latencyMs, maxLatencyMs: max, slowRequests: slow.length, requestIds: slow.slice(0, 20).map((r) => r.id) },
      at: latest(slow),
    } satisfies DetectionHit;
  });
}

/**
 * The last `n` requests of each scope, newest first, in one statement (one index range scan per scope:
 * the project's, and the end-user and endpoint indexes). A busy project's batch names dozens of end
 * users: one Prisma query each was most of detection's cost. Each scan is in its index's order, with
 * no sort: the end-user and endpoint indexes end with the timestamp, not the id, and a sort by both read
 * every row of the scope whenever the planner had no statistics yet (28 ms a run on a new database).
 * Ties are common (a batch's records without their own timestamp share one): within a timestamp, the
 * end-user and endpoint scans take rows in index order, so which tied rows count toward a streak at its
 * edge, and which ids its evidence lists, is arbitrary (as it was before, with random v4 ids as the
 * tie-break).
 */
const LAST_OF_SCOPES_SQL = `
SELECT 'project' AS kind, NULL::text AS value, r.* FROM (
  SELECT l."id"::text AS id, l."riskScore", l."timestamp" FROM "LlmRequest" l
  WHERE l."projectId" = $1::uuid ORDER BY l."timestamp" DESC, l."id" DESC LIMIT $4) r
UNION ALL
SELECT 'endUser', u.v, r.* FROM unnest($2::text[]) AS u(v) CROSS JOIN LATERAL (
  SELECT l."id"::text AS id, l."riskScore", l."timestamp" FROM "LlmRequest" l
  WHERE l."projectId" = $1::uuid AND l."endUserId" = u.v ORDER BY l."timestamp" DESC LIMIT $4) r
UNION ALL
SELECT 'endpoint', e.v, r.* FROM unnest($3::text[]) AS e(v) CROSS JOIN LATERAL (
  SELECT l."id"::text AS id, l."riskScore", l."timestamp" FROM "LlmRequest" l
  WHERE l."projectId" = $1::uuid AND l."endpoint" = e.v ORDER BY l."timestamp" DESC LIMIT $4) r`;

interface ScopeRow {
  kind: IncidentScope["kind"];
  value: string | null;
  id: string;
  riskScore: number;
  timestamp: Date;
}

/** High risk: the last `highRiskStreak` requests of the project, an end user or an endpoint all scored above `highRiskScore`. */
async function highRiskHits(app: App, projectId: string, rows: IngestedRow[], s: DetectionSettings): Promise<DetectionHit[]> {
  const risky = rows.filter((r) => r.riskScore > s.highRiskScore);
  if (risky.length === 0) return [];
  const users = [...new Set(risky.map((r) => r.endUserId).filter((x): x is string => !!x))];
  const endpoints = [...new Set(risky.map((r) => r.endpoint).filter((x): x is string => !!x))];
  const found = await queryRows<ScopeRow>(app.db, LAST_OF_SCOPES_SQL, [projectId, users, endpoints, s.highRiskStreak]);
  // Newest first within each scope (UNION ALL keeps each branch's order; sorted again to not rely on it).
  const byScope = new Map<string, ScopeRow[]>();
  for (const r of found) {
    const key = `${r.kind}\u0000${r.value ?? ""}`;
    const list = byScope.get(key);
    if (list) list.push(r);
    else byScope.set(key, [r]);
  }
  const scopes: IncidentScope[] = [{ kind: "project", value: null }, ...users.map((value) => ({ kind: "endUser" as const, value })), ...endpoints.map((value) => ({ kind: "endpoint" as const, value }))];
  const hits: DetectionHit[] = [];
  for (const scope of scopes) {
    const last = (byScope.get(`${scope.kind}\u0000${scope.value ?? ""}`) ?? []).sort(newestFirst);
    if (last.length < s.highRiskStreak || !last.every((r) => r.riskScore > s.highRiskScore)) continue;
    const mean = last.reduce((a, r) => a + r.riskScore, 0) / last.length;
    const who = scope.kind === "project" ? "the project" : scope.kind === "endUser" ? `end user ${scope.value}` : `endpoint ${scope.value}`;
    hits.push({
      projectId,
      trigger: "high_risk",
      scope,
      severity: mean >= 95 ? "critical" : "high",
      title: `${s.highRiskStreak} high-risk requests in a row from ${who}`,
      description: `The last ${s.highRiskStreak} requests of ${who} scored above ${s.highRiskScore} (mean ${Math.round(mean)}).`,
      evidence: { metric: "riskScore", threshold: s.highRiskScore, streak: s.highRiskStreak, scores: last.map((r) => r.riskScore), requestIds: last.map((r) => r.id) },
      at: new Date(last[0]!.timestamp),
    });
  }
  return hits;
}

function newestFirst(a: ScopeRow, b: ScopeRow): number {
  const dt = new Date(b.timestamp).getTime() - new Date(a.timestamp).getTime();
  return dt !== 0 ? dt : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

interface HourTotals {
  requests: number;
  errors: number;
  cost: number;
}

async function hourTotals(app: App, projectId: string, from: Date, to: Date): Promise<Map<number, HourTotals>> {
  const rows = await app.db.requestRollupHourly.groupBy({
    by: ["hour"],
    where: { projectId, hour: { gte: from, lt: to } },
    _sum: { requests: true, errors: true, costUsd: true },
  });
  return new Map(rows.map((r) => [r.hour.getTime(), { requests: r._sum.requests ?? 0, errors: r._sum.errors ?? 0, cost: Number(r._sum.costUsd ?? 0) }]));
}

function hourStart(t: number): number {
  return t - (t % 3_600_000);
}

/** Error rate over the last hour: the current hour's rollup plus the part of the previous hour still inside the window. */
async function errorRateHits(app: App, projectId: string, s: DetectionSettings, now: number): Promise<DetectionHit[]> {
  const cur = hourStart(now);
  const hours = await hourTotals(app, projectId, new Date(cur - 3_600_000), new Date(cur + 3_600_000));
  const weight = 1 - (now - cur) / 3_600_000; // share of the previous hour that is within the last 60 minutes
  const c = hours.get(cur) ?? { requests: 0, errors: 0, cost: 0 };
  const p = hours.get(cur - 3_600_000) ?? { requests: 0, errors: 0, cost: 0 };
  const total = c.requests + p.requests * weight;
  const errors = c.errors + p.errors * weight;
  if (total < s.minRequests || total === 0) return [];
  const ratePct = (100 * errors) / total;
  if (ratePct <= s.errorRatePct) return [];
  const severity: IncidentSeverity = ratePct >= 50 ? "critical" : ratePct >= 25 ? "high" : "medium";
  return [
    {
      projectId,
      trigger: "error_rate",
      scope: { kind: "project", value: null },
      severity,
      title: `Error rate ${ratePct.toFixed(1)}% over the last hour`,
      description: `${Math.round(errors)} of ${Math.round(total)} requests in the last hour failed or timed out (threshold ${s.errorRatePct}%).`,
      evidence: { metric: "errorRatePct", threshold: s.errorRatePct, value: Math.round(ratePct * 10) / 10, requests: Math.round(total), errors: Math.round(errors), minRequests: s.minRequests },
      at: new Date(now),
    },
  ];
}

/** Cost spike: the current hour's cost more than `costSpikePct` above the hourly average of the previous 7 days. */
async function costSpikeHits(app: App, projectId: string, s: DetectionSettings, now: number): Promise<DetectionHit[]> {
  const cur = hourStart(now);
  const hours = await hourTotals(app, projectId, new Date(cur - 7 * 24 * 3_600_000), new Date(cur + 3_600_000));
  const current = hours.get(cur)?.cost ?? 0;
  let baselineSum = 0;
  let hoursWithTraffic = 0;
  for (const [hour, t] of hours) {
    if (hour === cur) continue;
    baselineSum += t.cost;
    if (t.requests > 0) hoursWithTraffic++;
  }
  // A day of history at least, so a new project's first busy hour is not a "spike".
  if (hoursWithTraffic < 24) return [];
  const baseline = baselineSum / (7 * 24);
  if (current <= baseline * (1 + s.costSpikePct / 100) || current - baseline < 0.01) return [];
  const abovePct = baseline > 0 ? (100 * (current - baseline)) / baseline : Infinity;
  return [
    {
      projectId,
      trigger: "cost_spike",
      scope: { kind: "project", value: null },
      severity: abovePct >= 300 ? "high" : "medium",
      title: `Cost this hour ${Number.isFinite(abovePct) ? `${Math.round(abovePct)}%` : "far"} above the 7-day hourly average`,
      description: `$${current.toFixed(4)} so far this hour against an hourly average of $${baseline.toFixed(4)} over the last 7 days (threshold ${s.costSpikePct}%).`,
      evidence: { metric: "costUsd", threshold: s.costSpikePct, value: current, baseline, hoursWithTraffic },
      at: new Date(now),
    },
  ];
}

/**
 * Evaluates the ingest rules for rows of one project that were just committed, and opens or updates
 * incidents. The handler of the `requests/requests.ingested` job.
 */
export async function evaluateIngestRules(params: { app: App; projectId: string; rows: IngestedRow[]; now?: Date }): Promise<{ opened: number; updated: number }> {
  const { app, projectId, rows } = params;
  if (rows.length === 0) return { opened: 0, updated: 0 };
  const s = (await getGuardSettings(app, projectId)).detection;
  const off = new Set(s.disabledRules);
  const now = (params.now ?? new Date()).getTime();
  const hits: DetectionHit[] = [];
  if (!off.has("latency")) hits.push(...latencyHits(projectId, rows, s));
  if (!off.has("high_risk")) hits.push(...(await highRiskHits(app, projectId, rows, s)));
  if (!off.has("error_rate") && rows.some((r) => r.status === "error" || r.status === "timeout") && due(app, projectId, "error_rate", now)) hits.push(...(await errorRateHits(app, projectId, s, now)));
  if (!off.has("cost_spike") && rows.some((r) => (r.costUsd ?? 0) > 0) && due(app, projectId, "cost_spike", now)) hits.push(...(await costSpikeHits(app, projectId, s, now)));
  let opened = 0;
  let updated = 0;
  for (const hit of hits) {
    const r = await recordDetection({ app, hit });
    if (r.opened) opened++;
    else updated++;
  }
  return { opened, updated };
}
