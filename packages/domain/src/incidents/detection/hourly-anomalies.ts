import type { App } from "../../app";
import { LATENCY_BUCKET_COUNT, percentileFromBuckets } from "../../metrics/latency-buckets";
import { requireProjectAccess } from "../../projects/permissions";
import { getGuardSettings } from "../../requests/guard-settings";
import { describeError } from "../../shared/errors";
import type { Incident, IncidentScope, IncidentSeverity } from "../incident.schema";
import { recordDetection, type DetectionHit } from "../incident.service";
import type { AnomalyMetric, DetectionRunResult } from "./detection.schema";

/**
 * Hourly statistical detection (issue 9, design "Anomaly Detection"): the last complete hour of each
 * active project, per project, per model and per endpoint, against the same hour-metric over the previous 7 days,
 * read from the hourly rollups only (never the raw requests). An hour more than `detection.anomalySigma`
 * standard deviations from its baseline, with enough data behind it and a change big enough to matter,
 * opens (or counts one more occurrence of) an incident with trigger "anomaly".
 *
 * Endpoints are not checked: the rollups have no endpoint dimension (docs/incidents.md).
 */

const HOUR = 3_600_000;
/** The baseline: the 168 hours before the checked hour. */
export const BASELINE_HOURS = 7 * 24;
/** A project is active (checked at all) with a rollup in the last 8 days: the baseline plus a day. */
const ACTIVE_WINDOW_MS = 8 * 24 * HOUR;

/**
 * Minimum sample sizes. A scope (the project or one model) needs 24 baseline hours with traffic — a day
 * of history, so a new project's or model's first busy hour is not an "anomaly" — and the rate metrics
 * (error rate, flagged rate, p95 latency) need 30 requests in the checked hour, below which one failed
 * request moves the rate by more than 3 points.
 */
export const MIN_BASELINE_HOURS_WITH_TRAFFIC = 24;
export const MIN_HOUR_REQUESTS_FOR_RATES = 30;

interface MetricRule {
  label: string;
  /** Which way is a problem: fewer requests may mean an outage upstream; lower errors, latency or cost never page. */
  directions: readonly ("up" | "down")[];
  /**
   * The smallest absolute change worth an incident, whatever its z-score: a quiet project whose hour
   * moves from 2 to 9 requests is many standard deviations away and still pages nobody.
   */
  minChange: number;
  /**
   * The standard deviation is never taken below this: a perfectly flat baseline (0% errors every hour)
   * would make any change infinitely many deviations away. Volume uses Poisson noise, √mean.
   */
  stdDevFloor: (mean: number) => number;
  /** Rates and p95: hours without traffic have no value (skipped), and the checked hour needs MIN_HOUR_REQUESTS_FOR_RATES. */
  rate: boolean;
  decimals: number;
  format: (v: number) => string;
}

const fmtInt = (v: number) => Math.round(v).toLocaleString("en-US");

/** The five metrics and their minimum absolute changes (requests, percentage points, ms, US dollars). */
export const ANOMALY_RULES: Record<AnomalyMetric, MetricRule> = {
  volume: { label: "Request volume", directions: ["up", "down"], minChange: 50, stdDevFloor: (mean) => Math.max(1, Math.sqrt(mean)), rate: false, decimals: 2, format: (v) => `${fmtInt(v)} requests` },
  errorRate: { label: "Error rate", directions: ["up"], minChange: 5, stdDevFloor: () => 1, rate: true, decimals: 2, format: (v) => `${v.toFixed(1)}%` },
  p95LatencyMs: { label: "p95 latency", directions: ["up"], minChange: 500, stdDevFloor: () => 50, rate: true, decimals: 1, format: (v) => `${fmtInt(v)} ms` },
  costUsd: { label: "Cost", directions: ["up"], minChange: 1, stdDevFloor: () => 0.1, rate: false, decimals: 4, format: (v) => `$${v.toFixed(2)}` },
  flaggedRate: { label: "Flagged rate", directions: ["up"], minChange: 5, stdDevFloor: () => 1, rate: true, decimals: 2, format: (v) => `${v.toFixed(1)}%` },
};

/**
 * Severity by how far the hour is from its baseline (the largest |z| of the scope's anomalies): below 4
 * standard deviations low (only reachable when `detection.anomalySigma` is below 4), 4 medium, 6 high,
 * 10 critical. A statistical signal is softer than a rule (it says "unusual", not "broken"), so it takes
 * a change ten times the baseline's spread to be critical.
 */
export function anomalySeverity(absZ: number): IncidentSeverity {
  if (absZ >= 10) return "critical";
  if (absZ >= 6) return "high";
  if (absZ >= 4) return "medium";
  return "low";
}

/** The hours of one check: the 168 baseline hours (index 0 = the oldest) and the checked hour (index 168). */
const WINDOW_HOURS = BASELINE_HOURS + 1;
const CHECKED = BASELINE_HOURS;

/**
 * One scope's (the project's or a model's) window of hourly totals, as dense arrays indexed by hour; an
 * hour without a rollup is zeros. `buckets` holds each hour's latency histogram at `hour * LATENCY_BUCKET_COUNT`.
 */
export interface HourlySeries {
  requests: Float64Array;
  errors: Float64Array;
  flagged: Float64Array;
  cost: Float64Array;
  /** Counts: 32-bit integers, half the memory of doubles (a pass holds 200 projects' worth). */
  buckets: Int32Array;
}

function emptySeries(): HourlySeries {
  return {
    requests: new Float64Array(WINDOW_HOURS),
    errors: new Float64Array(WINDOW_HOURS),
    flagged: new Float64Array(WINDOW_HOURS),
    cost: new Float64Array(WINDOW_HOURS),
    buckets: new Int32Array(WINDOW_HOURS * LATENCY_BUCKET_COUNT),
  };
}

/** A project's series (all models summed), one per model and one per endpoint (from RequestRollupEndpointHourly). */
interface ProjectSeries {
  project: HourlySeries;
  models: Map<string, HourlySeries>;
  endpoints: Map<string, HourlySeries>;
}

/** A metric of one scope whose change passed the sample-size and minimum-change checks (before the sigma check). */
export interface AnomalyCandidate {
  metric: AnomalyMetric;
  direction: "up" | "down";
  value: number;
  baselineMean: number;
  baselineStdDev: number;
  /** The standard deviation the z-score divides by: the baseline's, or the metric's floor if larger. */
  stdDevUsed: number;
  zScore: number;
  /** Baseline values compared against: 168 for volume and cost, the hours with traffic for the others. */
  baselineHours: number;
  baselineHoursWithTraffic: number;
  hourRequests: number;
  minChange: number;
}

/** The start of the last complete hour before `now`. */
export function lastCompleteHour(now: Date): number {
  const t = now.getTime();
  return t - (t % HOUR) - HOUR;
}

function meanAndStdDev(values: ArrayLike<number>): { mean: number; sd: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (values[i]! - mean) ** 2;
  // Sample standard deviation (n − 1): the baseline is a sample of the project's hours.
  return { mean, sd: n > 1 ? Math.sqrt(sq / (n - 1)) : 0 };
}

function compare(metric: AnomalyMetric, value: number, baseline: ArrayLike<number>, ctx: { trafficHours: number; hourRequests: number }): AnomalyCandidate | null {
  const rule = ANOMALY_RULES[metric];
  if (baseline.length < MIN_BASELINE_HOURS_WITH_TRAFFIC) return null;
  const { mean, sd } = meanAndStdDev(baseline);
  const change = value - mean;
  const direction = change >= 0 ? "up" : "down";
  if (!rule.directions.includes(direction) || Math.abs(change) < rule.minChange) return null;
  const stdDevUsed = Math.max(sd, rule.stdDevFloor(mean));
  return {
    metric,
    direction,
    value,
    baselineMean: mean,
    baselineStdDev: sd,
    stdDevUsed,
    zScore: change / stdDevUsed,
    baselineHours: baseline.length,
    baselineHoursWithTraffic: ctx.trafficHours,
    hourRequests: ctx.hourRequests,
    minChange: rule.minChange,
  };
}

/** The p95 of hour `h` of a series (percentileFromBuckets reads only `length`, indexes and `reduce`, which a typed-array view has). */
function p95Of(series: HourlySeries, h: number): number | null {
  const view = series.buckets.subarray(h * LATENCY_BUCKET_COUNT, (h + 1) * LATENCY_BUCKET_COUNT);
  return percentileFromBuckets(view as unknown as readonly number[], 0.95);
}

/**
 * The metrics of one scope's checked hour that changed enough against the 168 hours before it, with their
 * z-scores. Pure: the sigma threshold is applied by the caller (it is a per-project setting).
 */
export function anomalyCandidates(series: HourlySeries): AnomalyCandidate[] {
  const { requests, errors, flagged, cost } = series;
  const traffic: number[] = [];
  for (let h = 0; h < CHECKED; h++) if (requests[h]! > 0) traffic.push(h);
  if (traffic.length < MIN_BASELINE_HOURS_WITH_TRAFFIC) return [];
  const hourRequests = requests[CHECKED]!;
  const ctx = { trafficHours: traffic.length, hourRequests };
  // Volume and cost: all 168 hours, an hour without traffic counting as zero.
  const out: (AnomalyCandidate | null)[] = [compare("volume", hourRequests, requests.subarray(0, CHECKED), ctx), compare("costUsd", cost[CHECKED]!, cost.subarray(0, CHECKED), ctx)];
  if (hourRequests >= MIN_HOUR_REQUESTS_FOR_RATES) {
    // Rates and p95: the hours with traffic only. A value below its minimum change cannot be that far
    // above a baseline of non-negative values: its baseline is not computed.
    const errorRate = (100 * errors[CHECKED]!) / hourRequests;
    const flaggedRate = (100 * flagged[CHECKED]!) / hourRequests;
    if (errorRate >= ANOMALY_RULES.errorRate.minChange) out.push(compare("errorRate", errorRate, traffic.map((h) => (100 * errors[h]!) / requests[h]!), ctx));
    if (flaggedRate >= ANOMALY_RULES.flaggedRate.minChange) out.push(compare("flaggedRate", flaggedRate, traffic.map((h) => (100 * flagged[h]!) / requests[h]!), ctx));
    const p95 = p95Of(series, CHECKED);
    if (p95 !== null && p95 >= ANOMALY_RULES.p95LatencyMs.minChange) {
      const baseline: number[] = [];
      for (const h of traffic) {
        const v = p95Of(series, h);
        if (v !== null) baseline.push(v);
      }
      out.push(compare("p95LatencyMs", p95, baseline, ctx));
    }
  }
  return out.filter((c): c is AnomalyCandidate => c !== null);
}

function totalRequests(s: HourlySeries): number {
  let n = 0;
  for (let i = 0; i < s.requests.length; i++) n += s.requests[i]!;
  return n;
}

/** The scopes to check: the project, each model when there are several, and each endpoint with traffic of its own. */
function scopesOf(series: ProjectSeries): { scope: IncidentScope; series: HourlySeries }[] {
  const out: { scope: IncidentScope; series: HourlySeries }[] = [{ scope: { kind: "project", value: null }, series: series.project }];
  // With one model, its series is the project's: checking it again would open a second incident for the same change.
  if (series.models.size > 1) for (const [model, s] of series.models) out.push({ scope: { kind: "model", value: model }, series: s });
  // Likewise one endpoint that carries all the traffic is the project; the sample-size checks skip quiet endpoints.
  const projectTotal = totalRequests(series.project);
  for (const [endpoint, s] of series.endpoints) {
    if (series.endpoints.size > 1 || totalRequests(s) < projectTotal) out.push({ scope: { kind: "endpoint", value: endpoint }, series: s });
  }
  return out;
}

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

function evidenceOf(c: AnomalyCandidate) {
  const d = ANOMALY_RULES[c.metric].decimals;
  return {
    metric: c.metric,
    direction: c.direction,
    zScore: round(c.zScore, 2),
    value: round(c.value, d),
    baselineMean: round(c.baselineMean, d),
    baselineStdDev: round(c.baselineStdDev, d),
    stdDevUsed: round(c.stdDevUsed, d),
    minAbsoluteChange: c.minChange,
    hourRequests: c.hourRequests,
    baselineHours: c.baselineHours,
    baselineHoursWithTraffic: c.baselineHoursWithTraffic,
  };
}

/** One incident per scope: every anomalous metric of the scope's hour is in its evidence, the largest |z| first and in the title. */
function hitOf(projectId: string, scope: IncidentScope, anomalies: AnomalyCandidate[], hour: number, sigma: number): DetectionHit {
  const sorted = [...anomalies].sort((a, b) => Math.abs(b.zScore) - Math.abs(a.zScore));
  const top = sorted[0]!;
  const rule = ANOMALY_RULES[top.metric];
  const where = scope.kind === "project" ? "the project" : `${scope.kind === "endpoint" ? "endpoint" : "model"} ${scope.value}`;
  const hourIso = new Date(hour).toISOString();
  const more = sorted.length > 1 ? ` (+${sorted.length - 1} more metric${sorted.length > 2 ? "s" : ""})` : "";
  const line = (c: AnomalyCandidate) => {
    const r = ANOMALY_RULES[c.metric];
    return `${r.label} ${c.direction} to ${r.format(c.value)} (${c.hourRequests} requests in the hour) against a 7-day hourly mean of ${r.format(c.baselineMean)} ± ${round(c.baselineStdDev, r.decimals)} over ${c.baselineHours} hours: z = ${round(c.zScore, 2)} (threshold ${sigma}).`;
  };
  return {
    projectId,
    trigger: "anomaly",
    scope,
    severity: anomalySeverity(Math.abs(top.zScore)),
    title: `${rule.label} ${top.direction} on ${where}: ${rule.format(top.value)} vs ${rule.format(top.baselineMean)} hourly (z = ${round(top.zScore, 1)})${more}`,
    description: `Hour ${hourIso.slice(0, 13)}:00 UTC. ${sorted.map(line).join(" ")}`,
    evidence: { ...evidenceOf(top), hour: hourIso, sigma, anomalies: sorted.map(evidenceOf) },
    at: new Date(hour + HOUR), // the end of the anomalous hour: related requests are the hour's
  };
}

export interface DetectionOutcome {
  opened: number;
  updated: number;
  incidents: Incident[];
}

/** Checks one project's hour from its rollup rows; reads the settings only when some metric changed enough. */
async function detectFromRollups(app: App, projectId: string, series: ProjectSeries | undefined, hour: number): Promise<DetectionOutcome> {
  const outcome: DetectionOutcome = { opened: 0, updated: 0, incidents: [] };
  if (!series) return outcome;
  const scopes = scopesOf(series)
    .map(({ scope, series: s }) => ({ scope, candidates: anomalyCandidates(s) }))
    .filter((s) => s.candidates.length > 0);
  if (scopes.length === 0) return outcome;
  const s = (await getGuardSettings(app, projectId)).detection;
  if (s.disabledRules.includes("anomaly")) return outcome;
  for (const { scope, candidates } of scopes) {
    const anomalies = candidates.filter((c) => Math.abs(c.zScore) >= s.anomalySigma);
    if (anomalies.length === 0) continue;
    const r = await recordDetection({ app, hit: hitOf(projectId, scope, anomalies, hour, s.anomalySigma) });
    if (r.opened) outcome.opened++;
    else outcome.updated++;
    outcome.incidents.push(r.incident);
  }
  return outcome;
}

// One statement for many projects: the primary key (projectId, hour, model) serves each project's range.
// Each (project, model) comes back as one row whose hours are packed in a string ("i,requests,errors,
// flagged,cost,bucket0,bucket1,…;…", i the hour's index in the window): formatting them is PostgreSQL's
// C code, and a few thousand rows replace a few hundred thousand (parsing each row and its int[] is what a
// pass over 1,000 projects spent most of its time on).
const ROLLUPS_SQL = `
SELECT "projectId"::text AS "projectId", "model",
       string_agg(concat_ws(',', (extract(epoch FROM "hour" - $2::timestamptz) / 3600)::int, "requests", "errors", "flagged", "costUsd",
                            array_to_string("latencyBuckets", ',')), ';') AS "hours"
FROM "RequestRollupHourly"
WHERE "projectId" = ANY($1::uuid[]) AND "hour" >= $2::timestamptz AND "hour" <= $3::timestamptz
GROUP BY "projectId", "model"`;

/** The same packing per endpoint (RequestRollupEndpointHourly, written by the group commit beside the model rollups). */
const ENDPOINT_ROLLUPS_SQL = `
SELECT "projectId"::text AS "projectId", "endpoint",
       string_agg(concat_ws(',', (extract(epoch FROM "hour" - $2::timestamptz) / 3600)::int, "requests", "errors", "flagged", "costUsd",
                            array_to_string("latencyBuckets", ',')), ';') AS "hours"
FROM "RequestRollupEndpointHourly"
WHERE "projectId" = ANY($1::uuid[]) AND "hour" >= $2::timestamptz AND "hour" <= $3::timestamptz
GROUP BY "projectId", "endpoint"`;

/**
 * Adds one packed row ("i,requests,errors,flagged,cost,b0,b1,…;…") into the series of its model and of
 * its project, reading the digits in place: no string or object per hour (a pass over 1,000 projects
 * unpacks some 330,000 hours).
 */
function unpackHours(text: string, model: HourlySeries, project: HourlySeries | null): void {
  const modelColumns = [model.requests, model.errors, model.flagged, model.cost];
  // An endpoint's rows add to its own series only: the project's totals come from the model rollups.
  const sink = project ?? emptySeries();
  const projectColumns = [sink.requests, sink.errors, sink.flagged, sink.cost];
  let field = 0;
  let hour = -1;
  let num = 0;
  let div = 1;
  let frac = false;
  let neg = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 59; // a final ";"
    if (c >= 48 && c <= 57) {
      num = num * 10 + (c - 48);
      if (frac) div *= 10;
      continue;
    }
    if (c === 46) {
      frac = true;
      continue;
    }
    if (c === 45) {
      neg = true;
      continue;
    }
    if (c !== 44 && c !== 59) continue;
    const v = (neg ? -num : num) / div;
    if (field === 0) hour = v >= 0 && v < WINDOW_HOURS ? v : -1;
    else if (hour >= 0 && field <= 4) {
      const m = modelColumns[field - 1]!;
      const p = projectColumns[field - 1]!;
      m[hour] = m[hour]! + v;
      p[hour] = p[hour]! + v;
    } else if (hour >= 0 && field - 5 < LATENCY_BUCKET_COUNT) {
      const at = hour * LATENCY_BUCKET_COUNT + field - 5;
      model.buckets[at] = model.buckets[at]! + v;
      sink.buckets[at] = sink.buckets[at]! + v;
    }
    num = 0;
    div = 1;
    frac = false;
    neg = false;
    if (c === 44) field++;
    else field = 0;
  }
}

/** The rollups of the checked hour and the 168 before it, by project. */
async function loadRollups(app: App, projectIds: readonly string[], hour: number): Promise<Map<string, ProjectSeries>> {
  const from = hour - BASELINE_HOURS * HOUR;
  const range = [projectIds, new Date(from).toISOString(), new Date(hour).toISOString()] as const;
  const [rows, endpointRows] = await Promise.all([
    app.db.$queryRawUnsafe<{ projectId: string; model: string; hours: string }[]>(ROLLUPS_SQL, ...range),
    app.db.$queryRawUnsafe<{ projectId: string; endpoint: string; hours: string }[]>(ENDPOINT_ROLLUPS_SQL, ...range),
  ]);
  const byProject = new Map<string, ProjectSeries>();
  for (const r of rows) {
    let p = byProject.get(r.projectId);
    if (!p) byProject.set(r.projectId, (p = { project: emptySeries(), models: new Map(), endpoints: new Map() }));
    const m = emptySeries();
    p.models.set(r.model, m);
    unpackHours(r.hours, m, p.project);
  }
  for (const r of endpointRows) {
    const p = byProject.get(r.projectId);
    if (!p) continue; // no model rollups in the window: nothing to compare with
    const e = emptySeries();
    p.endpoints.set(r.endpoint, e);
    unpackHours(r.hours, e, null);
  }
  return byProject;
}

/**
 * Issue 9: the hourly statistical check of one project — its last complete hour (before `now`) against
 * the 7 days before, per project and per model. Honours `detection.anomalySigma` and
 * `detection.disabledRules` ("anomaly"). Returns the incidents it opened or counted an occurrence on.
 */
export async function detectHourlyAnomalies(params: { app: App; projectId: string; now?: Date }): Promise<DetectionOutcome> {
  const { app, projectId } = params;
  const hour = lastCompleteHour(params.now ?? new Date());
  return detectFromRollups(app, projectId, (await loadRollups(app, [projectId], hour)).get(projectId), hour);
}

/** Issue 9: an admin runs the hourly check of a project now (`POST /projects/{projectId}/detection/run`). */
export async function runDetection(params: { app: App; userId: string; projectId: string; now?: Date }): Promise<DetectionRunResult> {
  const { app, projectId } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId, action: "detection.run" });
  const { incidents } = await detectHourlyAnomalies({ app, projectId, now: params.now });
  return { incidents };
}

/** Projects whose rollups are loaded by one statement (about 170 hours × models rows each). */
const PROJECTS_PER_QUERY = 200;

export interface HourlyDetectionSummary {
  /** The checked hour (its start, ISO). */
  hour: string;
  projects: number;
  opened: number;
  updated: number;
  /** Projects whose check failed (logged); the others were still checked. */
  failed: number;
  ms: number;
}

/**
 * Issue 9: the hourly pass over every active project (rollups in the last 8 days): one query per 200
 * projects, `concurrency` of them in flight, settings read only for projects with a candidate change.
 * A project whose check fails is logged and counted, and the pass goes on; a failed query throws (the
 * job retries the pass).
 */
export async function runHourlyDetection(params: { app: App; now?: Date; concurrency?: number }): Promise<HourlyDetectionSummary> {
  const { app } = params;
  const started = performance.now();
  const now = params.now ?? new Date();
  const hour = lastCompleteHour(now);
  const active = await app.db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT p."id"::text AS "id" FROM "Project" p
     WHERE EXISTS (SELECT 1 FROM "RequestRollupHourly" r WHERE r."projectId" = p."id" AND r."hour" >= $1::timestamptz)
     ORDER BY p."id"`,
    new Date(now.getTime() - ACTIVE_WINDOW_MS).toISOString(),
  );
  const ids = active.map((r) => r.id);
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += PROJECTS_PER_QUERY) batches.push(ids.slice(i, i + PROJECTS_PER_QUERY));
  const summary = { opened: 0, updated: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const byProject = await loadRollups(app, batch, hour);
      for (const projectId of batch) {
        try {
          const r = await detectFromRollups(app, projectId, byProject.get(projectId), hour);
          summary.opened += r.opened;
          summary.updated += r.updated;
        } catch (err) {
          summary.failed++;
          const d = describeError(err);
          app.logger[d.logLevel]({ err, projectId, code: d.code }, "hourly anomaly detection failed for a project");
        }
      }
    }
  };
  const workers = Math.max(1, Math.min(params.concurrency ?? 2, batches.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const result: HourlyDetectionSummary = { hour: new Date(hour).toISOString(), projects: ids.length, ...summary, ms: Math.round(performance.now() - started) };
  app.logger.info(result, "hourly anomaly detection finished");
  return result;
}
