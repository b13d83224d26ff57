// The ingest phases of `pnpm bench`, called by run.ts: single-record ingest on the production server and,
// as a diagnostic, on the REST dispatcher over bare node:http; then batch ingest.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { sampleRecords } from "./seed";
import { cpuSnapshot, cpuSplit, type CpuSnapshot } from "./lib/cpu";
import { runLoad, type LoadRequest } from "./lib/load";
import { pgRates, type PgCounters } from "./lib/pg";
import { monotonicUs } from "./lib/profile";
import { result } from "./lib/report";
import { startBareServer, startServer, type RunningServer } from "./lib/server";
import { extractPreviousScorer, PREVIOUS_SCORER_COMMIT, PREVIOUS_SCORER_MARKER } from "./previous-scorer/extract";
import { fmt, summarize } from "./lib/stats";
import { cfg, enabled, repoRoot, resultsDir } from "./bench-options";
import { log, record, waitQuiet, type RunContext } from "./run-context";

// Issue 14's goals (one process, 50 clients); the observe issue had asked for 3,000 records/s, p99 < 50 ms.
export const INGEST_GOALS = {
  single: { records: 5000, p99: 20 },
  batch: 20_000,
};

export async function runIngestPhases(ctx: RunContext): Promise<void> {
  // (a) single-record ingest -------------------------------------------------------------------------
  const singleBodies = sampleRecords(2_000, 7).map((r) => Buffer.from(JSON.stringify(r)));
  if (enabled("ingest-single")) await measureSingle(ctx, singleBodies, ctx.server, "ingest-single", `Single-record ingest, \`POST /api/v1/requests\`, ${cfg.concurrency} clients`, true);
  if (enabled("ingest-single-bare")) {
    const bare = await startBareServer({ benchDir: path.join(repoRoot, "bench"), databaseUrl: ctx.db.url, secrets: ctx.server.secrets, logFile: path.join(resultsDir, "bare-server.log.tmp"), ...(cfg.cpuProfile ? { cpuProfileDir: ctx.profileDir } : {}) });
    try {
      await measureSingle(ctx, singleBodies, bare, "ingest-single-bare", `Diagnostic: the same ingest route without Next (REST dispatcher on bare node:http), ${cfg.concurrency} clients`, false);
    } finally {
      await bare.stop();
    }
  }

  if (enabled("ingest-single-cluster")) {
    // Issue 14 asks for the figures with WEB_CONCURRENCY=2 too: the same production server in cluster
    // mode (one worker per core sharing the port, each with its own group committer), same database.
    const workers = cfg.clusterWorkers;
    log(`starting the production server with WEB_CONCURRENCY=${workers} on the same database ...`);
    const clustered = await startServer({ repoRoot, databaseUrl: ctx.db.url, logFile: path.join(resultsDir, "server-cluster.log.tmp"), secrets: ctx.server.secrets, env: { WEB_CONCURRENCY: String(workers) }, readyCount: workers });
    try {
      await measureSingle(ctx, singleBodies, clustered, "ingest-single-cluster", `Single-record ingest, production server in cluster mode (\`WEB_CONCURRENCY=${workers}\`), ${cfg.concurrency} clients`, true);
    } finally {
      await clustered.stop();
    }
  }

  // (b) batch ingest ----------------------------------------------------------------------------------
  if (enabled("ingest-batch")) await measureBatch(ctx, { target: ctx.server, name: "ingest-batch", title: `Batch ingest, \`POST /api/v1/requests/batch\` × ${cfg.batchSize}, ${cfg.batchConcurrency} clients`, goal: true });

  // (c) issue 12: the same batch ingest with the current scorer and with the previous one -------------
  if (enabled("ingest-batch-scorers")) await measureScorers(ctx);
}

/**
 * Issue 12 asks for the ingest throughput with its scorer against the previous, rules-only one, in the same
 * run. Both runs use the bare server (the domain code from source, so the scorer can be swapped; see
 * bench/src/previous-scorer/) and the same batches; only `@llmguard/guard`'s analyzeRisk and redactRecord
 * differ. The current one also redacts secrets before storage (the default), which the previous could not.
 */
async function measureScorers(ctx: RunContext): Promise<void> {
  const previous = extractPreviousScorer(repoRoot);
  if ("error" in previous) {
    log(`ingest-batch-scorers: skipped (${previous.error})`);
    return;
  }
  const rowsPerSec: Record<string, number> = {};
  try {
    for (const [variant, extra] of [
      ["current", {}],
      ["previous", { nodeArgs: ["--import", "./src/previous-scorer/register.mjs"], env: { BENCH_PREVIOUS_SCORER_DIR: previous.dir } }],
    ] as const) {
      const logFile = path.join(resultsDir, `bare-server-scorer-${variant}.log.tmp`);
      const bare = await startBareServer({ benchDir: path.join(repoRoot, "bench"), databaseUrl: ctx.db.url, secrets: ctx.server.secrets, logFile, ...extra });
      try {
        // Checked before measuring, so no result is recorded under the wrong label: shim.ts writes its marker
        // to the server's stderr when it loads, before the server listens.
        const swapped = await logContains(logFile, PREVIOUS_SCORER_MARKER);
        if (swapped !== (variant === "previous")) {
          log(`ingest-batch-scorers: skipped, the ${variant} run's server ${swapped ? "has" : "does not have"} the previous scorer (see ${logFile})`);
          return;
        }
        const scorer = variant === "current" ? "issue 12's scorer and redaction" : `the previous rules-only scorer (${PREVIOUS_SCORER_COMMIT}), no redaction`;
        rowsPerSec[variant] = await measureBatch(ctx, { target: bare, name: `ingest-batch-scorer-${variant}`, title: `Batch ingest on the bare server with ${scorer}`, goal: false });
      } finally {
        await bare.stop();
      }
    }
  } finally {
    rmSync(previous.dir, { recursive: true, force: true });
  }
  const ratio = (rowsPerSec.current ?? 0) / Math.max(1, rowsPerSec.previous ?? 0);
  log(`  ingest with issue 12's scorer: ${Math.round(ratio * 100)}% of the rows/s with the previous one`);
}

async function measureSingle(ctx: RunContext, singleBodies: Buffer[], target: RunningServer, name: string, title: string, goal: boolean): Promise<void> {
  const headers = { "content-type": "application/json", "x-api-key": ctx.project.apiKey };
  let cpuA: CpuSnapshot | null = null;
  let cpuB: CpuSnapshot | null = null;
  let pgA: PgCounters | null = null;
  let pgB: PgCounters | null = null;
  await waitQuiet(name);
  log(`${name}: ${cfg.concurrency} clients, ${cfg.warmupMs / 1000} s warm-up + ${cfg.durationMs / 1000} s against ${target.origin} ...`);
  const res = await runLoad(
    {
      origin: target.origin,
      concurrency: cfg.concurrency,
      warmupMs: cfg.warmupMs,
      durationMs: cfg.durationMs,
      maxRequests: 2_000_000,
      expectStatus: 201,
      next: (i): LoadRequest => ({ method: "POST", path: "/api/v1/requests", headers, body: singleBodies[i % singleBodies.length]! }),
    },
    {
      beforeMeasure: async () => {
        pgA = await ctx.counters();
        cpuA = cpuSnapshot(target.pid);
        ctx.profileWindows.push({ name, fromUs: monotonicUs(), toUs: Infinity });
      },
      afterMeasure: async () => {
        ctx.profileWindows[ctx.profileWindows.length - 1]!.toUs = monotonicUs();
        cpuB = cpuSnapshot(target.pid);
        pgB = await ctx.counters();
      },
    },
  );
  const lat = summarize(res.latencies);
  const cpu = cpuSplit(cpuA!, cpuB!);
  const pgr = pgRates(pgA!, pgB!);
  const passed = res.errors === 0 && res.unitsPerSec >= INGEST_GOALS.single.records && lat.p99Ms < INGEST_GOALS.single.p99;
  record(ctx, result({
    name,
    title,
    value: Math.round(res.unitsPerSec),
    unit: "records/s",
    values: { recordsPerSec: Math.round(res.unitsPerSec), ...lat, errors: res.errors, concurrency: cfg.concurrency, seconds: Math.round(res.elapsedMs / 100) / 10, serverCpuMsPerRecord: Math.round(((cpu.serverPct / 100) * res.elapsedMs * 1000) / Math.max(1, res.requests)) / 1000 },
    goal: goal ? `≥ ${INGEST_GOALS.single.records.toLocaleString("en-US")} records/s with p99 < ${INGEST_GOALS.single.p99} ms` : null,
    passedGoal: goal ? passed : null,
    rows: await ctx.projectRows(ctx.project.projectId),
    details: { cpu, pg: { ...pgr, recordsPerCommit: pgr.commitsPerSec > 0 ? Math.round((10 * res.unitsPerSec) / pgr.commitsPerSec) / 10 : null }, errorSamples: res.errorSamples },
  }));
  log(`  ${fmt.int(res.unitsPerSec)} records/s, p50 ${fmt.ms(lat.p50Ms)}, p99 ${fmt.ms(lat.p99Ms)}, errors ${res.errors}; CPU server ${cpu.serverPct}% pg ${cpu.postgresPct}% client ${cpu.loadGeneratorPct}%; ${pgr.commitsPerSec} commits/s`);
  if (res.errorSamples.length) log(`  error samples: ${res.errorSamples.join(" | ")}`);
}

/** Whether a server log holds `text`; waits up to 2 s for the server's stderr to reach the file. */
async function logContains(file: string, text: string): Promise<boolean> {
  for (let waited = 0; waited < 2_000; waited += 100) {
    if (readFileSync(file, "utf8").includes(text)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Batch ingest against `target`; records the result under `name` and returns its rows/s. */
async function measureBatch(ctx: RunContext, opts: { target: RunningServer; name: string; title: string; goal: boolean }): Promise<number> {
  const server = opts.target;
  const records = sampleRecords(40 * cfg.batchSize, 11);
  const bodies: Buffer[] = [];
  for (let i = 0; i < records.length; i += cfg.batchSize) bodies.push(Buffer.from(JSON.stringify({ records: records.slice(i, i + cfg.batchSize) })));
  const headers = { "content-type": "application/json", "x-api-key": ctx.batchProject.apiKey };
  let cpuA: CpuSnapshot | null = null;
  let cpuB: CpuSnapshot | null = null;
  let pgA: PgCounters | null = null;
  let pgB: PgCounters | null = null;
  await waitQuiet(opts.name);
  log(`${opts.name}: ${cfg.batchConcurrency} clients × ${cfg.batchSize} records, ${cfg.warmupMs / 1000} s warm-up + ${cfg.durationMs / 1000} s ...`);
  const okMarker = '"ok":true';
  const res = await runLoad(
    {
      origin: server.origin,
      concurrency: cfg.batchConcurrency,
      warmupMs: cfg.warmupMs,
      durationMs: cfg.durationMs,
      maxRequests: 100_000,
      expectStatus: 200,
      next: (i): LoadRequest => ({ method: "POST", path: "/api/v1/requests/batch", headers, body: bodies[i % bodies.length]! }),
      unitsOf: (body) => {
        let n = 0;
        for (let at = body.indexOf(okMarker); at >= 0; at = body.indexOf(okMarker, at + okMarker.length)) n++;
        return n;
      },
    },
    {
      beforeMeasure: async () => {
        pgA = await ctx.counters();
        cpuA = cpuSnapshot(server.pid);
      },
      afterMeasure: async () => {
        cpuB = cpuSnapshot(server.pid);
        pgB = await ctx.counters();
      },
    },
  );
  const lat = summarize(res.latencies);
  const cpu = cpuSplit(cpuA!, cpuB!);
  const pgr = pgRates(pgA!, pgB!);
  const rejectedRows = res.requests * cfg.batchSize - res.units - res.errors * cfg.batchSize;
  record(ctx, result({
    name: opts.name,
    title: opts.title,
    value: Math.round(res.unitsPerSec),
    unit: "rows/s",
    values: { rowsPerSec: Math.round(res.unitsPerSec), batchesPerSec: Math.round(res.requestsPerSec * 10) / 10, ...lat, errors: res.errors, rejectedRows, concurrency: cfg.batchConcurrency, batchSize: cfg.batchSize, seconds: Math.round(res.elapsedMs / 100) / 10, serverCpuMsPerRow: Math.round(((cpu.serverPct / 100) * res.elapsedMs * 1000) / Math.max(1, res.units)) / 1000 },
    goal: opts.goal ? `≥ ${INGEST_GOALS.batch.toLocaleString("en-US")} rows/s` : null,
    passedGoal: opts.goal ? res.errors === 0 && rejectedRows === 0 && res.unitsPerSec >= INGEST_GOALS.batch : null,
    rows: await ctx.projectRows(ctx.batchProject.projectId),
    details: { cpu, pg: { ...pgr, recordsPerCommit: pgr.commitsPerSec > 0 ? Math.round((10 * res.unitsPerSec) / pgr.commitsPerSec) / 10 : null }, errorSamples: res.errorSamples },
  }));
  log(`  ${fmt.int(res.unitsPerSec)} rows/s (${res.requests} batches), p50 ${fmt.ms(lat.p50Ms)}, p99 ${fmt.ms(lat.p99Ms)}, errors ${res.errors}; CPU server ${cpu.serverPct}% pg ${cpu.postgresPct}% client ${cpu.loadGeneratorPct}%; ${pgr.commitsPerSec} commits/s`);
  if (res.errorSamples.length) log(`  error samples: ${res.errorSamples.join(" | ")}`);
  return Math.round(res.unitsPerSec);
}
