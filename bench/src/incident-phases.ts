// The incident phases of `pnpm bench` (issue 9), called by run.ts after the ingest phases:
//   incidents-detection-overhead  batch ingest into a project with every detection rule on against one with
//                                 every rule off (`detection.disabledRules`), alternating, same server and run;
//   incidents-time-to-incident    from the 201 of a request that breaks the latency rule to the incident
//                                 being readable through GET /api/v1/projects/{id}/incidents.
import { sampleRecords } from "./seed";
import { runLoad, type LoadRequest } from "./lib/load";
import { result } from "./lib/report";
import { fmt, summarize } from "./lib/stats";
import { cfg, enabled } from "./bench-options";
import { log, record, waitQuiet, type RunContext } from "./run-context";

export const INCIDENT_GOALS = { overheadRatio: 0.9, timeToIncidentP99Ms: 2_000 };
const ALL_RULES = ["latency", "error_rate", "high_risk", "cost_spike", "anomaly"];

export async function runIncidentPhases(ctx: RunContext): Promise<void> {
  if (enabled("incidents-detection-overhead")) await measureDetectionOverhead(ctx);
  if (enabled("incidents-time-to-incident")) await measureTimeToIncident(ctx);
}

async function batchRowsPerSec(ctx: RunContext, apiKey: string, bodies: Buffer[], label: string): Promise<number> {
  const okMarker = '"ok":true';
  const headers = { "content-type": "application/json", "x-api-key": apiKey };
  await waitQuiet(label);
  const res = await runLoad({
    origin: ctx.server.origin,
    concurrency: cfg.batchConcurrency,
    warmupMs: Math.min(cfg.warmupMs, 3_000),
    durationMs: Math.max(5_000, Math.round(cfg.durationMs / 2)),
    maxRequests: 100_000,
    expectStatus: 200,
    next: (i): LoadRequest => ({ method: "POST", path: "/api/v1/requests/batch", headers, body: bodies[i % bodies.length]! }),
    unitsOf: (body) => {
      let n = 0;
      for (let at = body.indexOf(okMarker); at >= 0; at = body.indexOf(okMarker, at + okMarker.length)) n++;
      return n;
    },
  });
  if (res.errors > 0) log(`  ${label}: ${res.errors} errors (${res.errorSamples.join(" | ")})`);
  log(`  ${label}: ${fmt.int(res.unitsPerSec)} rows/s`);
  return res.unitsPerSec;
}

async function measureDetectionOverhead(ctx: RunContext): Promise<void> {
  const token = await ctx.login();
  const on = await ctx.api.createProject(token, "bench detection on");
  const off = await ctx.api.createProject(token, "bench detection off");
  await ctx.api.putConfig(token, off.projectId, "base", { "detection.disabledRules": ALL_RULES }, "benchmark: detection off");
  // The sample traffic has slow, failing and risky calls, so the rules have work to do on the "on" project.
  const records = sampleRecords(20 * cfg.batchSize, 23);
  const bodies: Buffer[] = [];
  for (let i = 0; i < records.length; i += cfg.batchSize) bodies.push(Buffer.from(JSON.stringify({ records: records.slice(i, i + cfg.batchSize) })));
  log(`incidents-detection-overhead: batch ingest, a warm-up round, then detection off / on / off / on ...`);
  // A cold server (JIT, connection pool, caches) is far slower in its first seconds than later: not measured.
  await batchRowsPerSec(ctx, off.apiKey, bodies, "warm-up (not counted)");
  const offRates = [await batchRowsPerSec(ctx, off.apiKey, bodies, "detection off (1)")];
  const onRates = [await batchRowsPerSec(ctx, on.apiKey, bodies, "detection on (1)")];
  offRates.push(await batchRowsPerSec(ctx, off.apiKey, bodies, "detection off (2)"));
  onRates.push(await batchRowsPerSec(ctx, on.apiKey, bodies, "detection on (2)"));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ratio = mean(onRates) / mean(offRates);
  const opened = await ctx.api.call<{ items: unknown[] }>("GET", `/api/v1/projects/${on.projectId}/incidents?limit=100`, { token });
  record(ctx, result({
    name: "incidents-detection-overhead",
    title: `Batch ingest with incident detection on against off (${cfg.batchConcurrency} clients × ${cfg.batchSize}), same run`,
    value: Math.round(ratio * 1000) / 10,
    unit: "% of off",
    values: { onRowsPerSec: Math.round(mean(onRates)), offRowsPerSec: Math.round(mean(offRates)), incidentsOpened: opened.items.length },
    goal: `≥ ${INCIDENT_GOALS.overheadRatio * 100}%`,
    passedGoal: ratio >= INCIDENT_GOALS.overheadRatio,
    rows: await ctx.projectRows(on.projectId),
    details: { onRates, offRates },
  }));
  log(`  detection on: ${fmt.int(mean(onRates))} rows/s, off: ${fmt.int(mean(offRates))} rows/s → ${(ratio * 100).toFixed(1)}%; ${opened.items.length} incident(s) opened on the "on" project`);
}

async function measureTimeToIncident(ctx: RunContext): Promise<void> {
  const token = await ctx.login();
  const project = await ctx.api.createProject(token, "bench time to incident");
  const samples: number[] = [];
  const n = 30;
  await waitQuiet("incidents-time-to-incident");
  log(`incidents-time-to-incident: ${n} requests over the latency threshold, each on its own model ...`);
  for (let i = 0; i < n; i++) {
    const model = `bench-slow-${i}`;
    const body = { prompt: "Summarize the ticket", response: "Done.", model, latencyMs: 9_000, status: "success" };
    await ctx.api.call("POST", "/api/v1/requests", { apiKey: project.apiKey, body, expect: 201 });
    const acked = performance.now();
    for (;;) {
      const page = await ctx.api.call<{ items: { scope: { value: string | null } }[] }>("GET", `/api/v1/projects/${project.projectId}/incidents?trigger=latency&limit=100`, { token });
      if (page.items.some((it) => it.scope.value === model)) break;
      if (performance.now() - acked > 30_000) throw new Error(`no incident for ${model} after 30 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    samples.push(performance.now() - acked);
  }
  const s = summarize(samples);
  record(ctx, result({
    name: "incidents-time-to-incident",
    title: "From a request's 201 to its latency incident being readable over REST (in-process jobs)",
    value: Math.round(s.p99Ms),
    unit: "ms p99",
    values: { ...s, samples: n },
    goal: `p99 < ${INCIDENT_GOALS.timeToIncidentP99Ms} ms`,
    passedGoal: s.p99Ms < INCIDENT_GOALS.timeToIncidentP99Ms,
    rows: await ctx.projectRows(project.projectId),
  }));
  log(`  p50 ${fmt.ms(s.p50Ms)}, p99 ${fmt.ms(s.p99Ms)} over ${n} incidents`);
}
