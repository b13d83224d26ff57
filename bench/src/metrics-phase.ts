// The metrics phase of `pnpm bench`, called by run.ts after seeding: the dashboard's 30-day metrics call,
// which reads hourly rollups, never the raw requests.
import type { Pool } from "undici";
import { timedRequest, type LoadRequest } from "./lib/load";
import { result } from "./lib/report";
import { fmt, summarize } from "./lib/stats";
import { cfg, enabled } from "./bench-options";
import { log, record, waitQuiet, type RunContext } from "./run-context";

export const METRICS_GOAL_P95_MS = 200;

/** `pool` is one connection to the server, shared with the search phase; `rowsNow` the project's rows. */
export async function runMetricsPhase(ctx: RunContext, pool: Pool, rowsNow: number): Promise<void> {
  if (!enabled("metrics")) return;
  await waitQuiet("metrics");
  const token = await ctx.login();
  const auth = { authorization: `Bearer ${token}` };
  const req: LoadRequest = { method: "GET", path: `/api/v1/projects/${ctx.project.projectId}/metrics?granularity=day`, headers: auth };
  for (let i = 0; i < 5; i++) await timedRequest(pool, req);
  const times: number[] = [];
  const errors: string[] = [];
  let totalRequests = 0;
  for (let i = 0; i < cfg.metricsCalls; i++) {
    const res = await timedRequest(pool, req);
    if (res.status !== 200) errors.push(`${res.status}: ${res.body.slice(0, 200)}`);
    else {
      totalRequests = (JSON.parse(res.body) as { totalRequests: number }).totalRequests;
      times.push(res.ms);
    }
  }
  const rollups = Number((await ctx.admin.query<{ n: string }>('SELECT count(*) AS n FROM "RequestRollupHourly" WHERE "projectId" = $1', [ctx.project.projectId])).rows[0]!.n);
  const lat = summarize(times);
  const r = result({
    name: "metrics",
    title: `Metrics, \`GET /api/v1/projects/{id}/metrics?granularity=day\` (30 days), ${rowsNow.toLocaleString("en-US")} rows`,
    value: lat.p95Ms,
    unit: "ms (p95)",
    values: { calls: lat.count, ...lat, errors: errors.length, totalRequestsReported: totalRequests, rollupRows: rollups },
    goal: `p95 < ${METRICS_GOAL_P95_MS} ms`,
    passedGoal: errors.length === 0 && lat.p95Ms < METRICS_GOAL_P95_MS,
    rows: rowsNow,
    details: { errorSamples: errors.slice(0, 5) },
  });
  record(ctx, r);
  log(`metrics: p50 ${fmt.ms(lat.p50Ms)}, p95 ${fmt.ms(lat.p95Ms)} over ${lat.count} calls (reports ${fmt.int(totalRequests)} requests from ${rollups} rollup rows)`);
  if (totalRequests !== rowsNow) ctx.notes.push(`Metrics reported ${totalRequests.toLocaleString("en-US")} requests for the last 30 days; the project holds ${rowsNow.toLocaleString("en-US")} rows (rows older than the 30-day window or newer than the call are outside it).`);
}
