// The search phase of `pnpm bench`, called by run.ts after seeding: log search over REST with the query
// shapes a user runs (every fourth one follows nextCursor), then EXPLAIN of the same shapes (query-plans.txt).
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Pool } from "undici";
import { timedRequest } from "./lib/load";
import { explainQueries } from "./lib/query-plans";
import { result } from "./lib/report";
import { fmt, summarize } from "./lib/stats";
import { cfg, enabled, resultsDir } from "./bench-options";
import { log, record, waitQuiet, type RunContext } from "./run-context";

export const SEARCH_GOAL_P95_MS = 100;

/** `pool` is one connection to the server, shared with the metrics phase; `rowsNow` the project's rows. */
export async function runSearchPhase(ctx: RunContext, pool: Pool, rowsNow: number): Promise<void> {
  if (!enabled("search")) return;
  await waitQuiet("search");
  const token = await ctx.login();
  const auth = { authorization: `Bearer ${token}` };
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const shapes: { kind: string; params: Record<string, string> }[] = [
    { kind: 'search "refund" + model=gpt-4o, by timestamp desc', params: { search: "refund", model: "gpt-4o", sortBy: "timestamp", sortOrder: "desc" } },
    { kind: 'search "password" + minRiskScore=30, by riskScore desc', params: { search: "password", minRiskScore: "30", sortBy: "riskScore", sortOrder: "desc" } },
    { kind: "all, by latency desc", params: { sortBy: "latency", sortOrder: "desc" } },
    { kind: 'search "invoice", by timestamp desc', params: { search: "invoice", sortBy: "timestamp", sortOrder: "desc" } },
    { kind: 'search "ignore previous instructions" + minRiskScore=50, by riskScore desc', params: { search: "ignore previous instructions", minRiskScore: "50", sortBy: "riskScore", sortOrder: "desc" } },
    { kind: "endpoint=sql-assistant + status=error, by timestamp desc", params: { endpoint: "sql-assistant", status: "error", sortBy: "timestamp", sortOrder: "desc" } },
    { kind: "minRiskScore=70, by riskScore desc", params: { minRiskScore: "70", sortBy: "riskScore", sortOrder: "desc" } },
    { kind: "model=claude-3-5-sonnet, by latency asc", params: { model: "claude-3-5-sonnet", sortBy: "latency", sortOrder: "asc" } },
    { kind: 'search "refund" + last 7 days, by timestamp desc', params: { search: "refund", startDate: weekAgo, sortBy: "timestamp", sortOrder: "desc" } },
    { kind: 'search "revenue quarter" + model=gpt-4o-mini, by riskScore desc', params: { search: "revenue quarter", model: "gpt-4o-mini", sortBy: "riskScore", sortOrder: "desc" } },
    { kind: "endUserId=user_00001, by timestamp desc", params: { endUserId: "user_00001", sortBy: "timestamp", sortOrder: "desc" } },
    { kind: "all, by model asc", params: { sortBy: "model", sortOrder: "asc" } },
  ];
  const url = (params: Record<string, string>) => `/api/v1/requests?${new URLSearchParams({ projectId: ctx.project.projectId, limit: "50", ...params }).toString()}`;
  // Warm-up: each shape once (not measured).
  for (const s of shapes) await timedRequest(pool, { method: "GET", path: url(s.params), headers: auth });
  const all: number[] = [];
  const byKind = new Map<string, number[]>();
  const errors: string[] = [];
  let empty = 0;
  let lastCursor: { shape: (typeof shapes)[number]; cursor: string } | null = null;
  for (let i = 0; i < cfg.searchQueries; i++) {
    // Every fourth query follows the previous answer's nextCursor (page 2+), as a user scrolling does.
    let kind: string;
    let shape: (typeof shapes)[number];
    let params: Record<string, string>;
    const follow: { shape: (typeof shapes)[number]; cursor: string } | null = i % 4 === 3 ? lastCursor : null;
    if (follow) {
      kind = "next page (cursor) of the previous query";
      shape = follow.shape;
      params = { ...follow.shape.params, cursor: follow.cursor };
    } else {
      shape = shapes[i % shapes.length]!;
      kind = shape.kind;
      params = shape.params;
    }
    const res = await timedRequest(pool, { method: "GET", path: url(params), headers: auth });
    if (res.status !== 200) {
      errors.push(`${res.status}: ${res.body.slice(0, 200)}`);
      continue;
    }
    const page = JSON.parse(res.body) as { items: unknown[]; nextCursor: string | null };
    if (page.items.length === 0) empty++;
    lastCursor = page.nextCursor ? { shape, cursor: page.nextCursor } : null;
    all.push(res.ms);
    const list = byKind.get(kind) ?? [];
    list.push(res.ms);
    byKind.set(kind, list);
  }
  const lat = summarize(all);
  const kinds = Object.fromEntries([...byKind].map(([k, v]) => [k, summarize(v)]));
  const r = result({
    name: "search",
    title: `Log search, \`GET /api/v1/requests\` (limit=50), one client, ${rowsNow.toLocaleString("en-US")} rows`,
    value: lat.p95Ms,
    unit: "ms (p95)",
    values: { queries: lat.count, ...lat, errors: errors.length, emptyPages: empty },
    goal: `p95 < ${SEARCH_GOAL_P95_MS} ms`,
    passedGoal: errors.length === 0 && lat.p95Ms < SEARCH_GOAL_P95_MS,
    rows: rowsNow,
    details: { byKind: kinds, errorSamples: errors.slice(0, 5) },
  });
  record(ctx, r);
  log(`search: p50 ${fmt.ms(lat.p50Ms)}, p95 ${fmt.ms(lat.p95Ms)}, max ${fmt.ms(lat.maxMs)} over ${lat.count} queries at ${fmt.int(rowsNow)} rows; errors ${errors.length}`);
  for (const [k, s] of Object.entries(kinds)) log(`  ${k}: p50 ${fmt.ms(s.p50Ms)} p95 ${fmt.ms(s.p95Ms)} (n=${s.count})`);
  writeFileSync(path.join(resultsDir, "query-plans.txt"), await explainQueries(ctx.admin, ctx.project.projectId, weekAgo));
}
