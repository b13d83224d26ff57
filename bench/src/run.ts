// `pnpm bench` (turbo runs `pnpm build` first): load benchmarks of the production server on PostgreSQL.
// Creates a fresh database llmguard_bench_<random>, starts `node apps/web/server.mjs` on a free 127.0.0.1
// port, measures single and batch ingest over HTTP, the Config & Secrets phases (config reads, the SDK's
// cached read, propagation: config-phases.ts), seeds the project to BENCH_ROWS rows through the domain's
// write path, measures search and metrics, writes bench/results/*.json and summary.md, and
// drops the database at the end, also on failure or Ctrl+C. See docs/benchmarks.md.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Pool } from "undici";
import pg from "pg";
import { createApp, createLogger, loadServerEnv, type App } from "@llmguard/domain";
import { sampleRecords, seedRequests } from "./seed";
import { Api } from "./lib/api";
import { cpuSnapshot, cpuSplit, type CpuSnapshot } from "./lib/cpu";
import { runLoad, timedRequest, type LoadRequest } from "./lib/load";
import { configPhasesEnabled, runConfigPhases } from "./config-phases";
import { createBenchDatabase, pgCounters, pgRates, type PgCounters } from "./lib/pg";
import { monotonicUs, summarizeCpuProfile, type ProfileWindow } from "./lib/profile";
import { machine, readExternalResult, readRiskScoring, result, summaryMarkdown, writeResult, type BenchResult } from "./lib/report";
import { startBareServer, startServer, type RunningServer } from "./lib/server";
import { fmt, summarize } from "./lib/stats";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const defaultResultsDir = path.join(repoRoot, "bench", "results");
// A partial or experimental run (BENCH_ONLY, BENCH_CPU_PROF) can write elsewhere and keep the reference results.
const resultsDir = process.env.BENCH_RESULTS_DIR ? path.resolve(process.env.BENCH_RESULTS_DIR) : defaultResultsDir;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number (got "${raw}")`);
  return Math.floor(n);
}

const cfg = {
  rows: envInt("BENCH_ROWS", 1_000_000),
  durationMs: envInt("BENCH_DURATION_S", 15) * 1000,
  warmupMs: envInt("BENCH_WARMUP_S", 5) * 1000,
  concurrency: envInt("BENCH_CONCURRENCY", 50),
  batchConcurrency: envInt("BENCH_BATCH_CONCURRENCY", 4),
  batchSize: Math.min(500, envInt("BENCH_BATCH_SIZE", 500)),
  searchQueries: envInt("BENCH_SEARCH_QUERIES", 200),
  metricsCalls: envInt("BENCH_METRICS_CALLS", 50),
  keepDb: process.env.BENCH_KEEP_DB === "1",
  cpuProfile: process.env.BENCH_CPU_PROF === "1",
  waitIdleMs: envInt("BENCH_WAIT_IDLE_S", 120) * 1000,
  only: (process.env.BENCH_ONLY ?? "").split(",").map((s) => s.trim()).filter(Boolean),
  // Config & Secrets (config-phases.ts)
  configConcurrency: envInt("BENCH_CONFIG_CONCURRENCY", 50),
  loadThreads: Math.max(1, envInt("BENCH_LOAD_THREADS", 1)),
  loadGen: (process.env.BENCH_CONFIG_LOADGEN ?? "raw") as "raw" | "undici",
  propagationClients: Math.max(1, envInt("BENCH_PROPAGATION_CLIENTS", 10)),
  propagationChanges: Math.max(1, envInt("BENCH_PROPAGATION_CHANGES", 100)),
  propagationGapMs: envInt("BENCH_PROPAGATION_GAP_MS", 100),
  sdkCalls: Math.max(1_000_000, envInt("BENCH_SDK_CALLS", 20_000_000)),
  clusterWorkers: Math.max(2, envInt("BENCH_CLUSTER_WORKERS", 2)),
};
if (cfg.loadGen !== "raw" && cfg.loadGen !== "undici") throw new Error(`BENCH_CONFIG_LOADGEN must be raw or undici (got "${String(cfg.loadGen)}")`);
const enabled = (name: string) => cfg.only.length === 0 || cfg.only.includes(name);

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/**
 * On a shared machine another job (a build, a test run) can take a core away from a measurement. Before
 * each measured phase, wait up to BENCH_WAIT_IDLE_S seconds for the machine to be quiet (< 25% of one core
 * busy over 2 s, our own idle server included); the CPU table then shows what else ran during the phase.
 */
async function waitQuiet(phase: string): Promise<void> {
  const deadline = Date.now() + cfg.waitIdleMs;
  let busy = 0;
  do {
    const a = cpuSnapshot(null);
    await new Promise((r) => setTimeout(r, 2_000));
    busy = cpuSplit(a, cpuSnapshot(null)).machineBusyPct;
    if (busy < 25) return;
    if (Date.now() < deadline) log(`  waiting for the machine to be quiet before ${phase} (${busy}% of one core busy) ...`);
  } while (Date.now() < deadline);
  if (cfg.waitIdleMs > 0) log(`  machine still busy (${busy}%); measuring ${phase} anyway`);
}

const GOALS = {
  single: { records: 3000, p99: 50 },
  batch: 20_000,
  searchP95: 100,
  metricsP95: 200,
};

async function main(): Promise<number> {
  const startedAt = new Date();
  const results: BenchResult[] = [];
  const notes: string[] = [];
  const m = machine();
  log(`Node ${m.node}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB; BENCH_ROWS=${cfg.rows}${cfg.only.length ? `, BENCH_ONLY=${cfg.only.join(",")}` : ""}`);
  mkdirSync(resultsDir, { recursive: true });
  const profileDir = path.join(resultsDir, "profiles.tmp");
  // Measured windows, so the profile summary can show each phase on its own (BENCH_CPU_PROF=1).
  const profileWindows: ProfileWindow[] = [];
  if (cfg.cpuProfile) rmSync(profileDir, { recursive: true, force: true });

  let db: Awaited<ReturnType<typeof createBenchDatabase>> | null = null;
  let server: RunningServer | null = null;
  let seedApp: App | null = null;
  let admin: pg.Client | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await seedApp?.close().catch((e: unknown) => log(`closing the seeder failed: ${String(e)}`));
      await server?.stop().catch((e: unknown) => log(`stopping the server failed: ${String(e)}`));
      await admin?.end().catch(() => undefined);
      if (db && !cfg.keepDb) {
        await db.drop().then(() => log(`dropped database ${db!.name}`), (e: unknown) => log(`dropping ${db!.name} failed: ${String(e)}`));
      } else if (db) log(`kept database ${db.name} (BENCH_KEEP_DB=1): ${db.url}`);
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  // Other work on the machine skews every figure: measure how busy it is before starting.
  const idleA = cpuSnapshot(null);
  await new Promise((r) => setTimeout(r, 2_000));
  const background = cpuSplit(idleA, cpuSnapshot(null));
  const backgroundNote = `Machine busy before the run: ${background.machineBusyPct}% of one core (postgres ${background.postgresPct}%) over 2 s.`;
  notes.push(background.machineBusyPct > 15 ? `**Other load was running:** ${backgroundNote} Figures are lower than on an idle machine.` : backgroundNote);
  log(backgroundNote);

  let failed: string | undefined;
  try {
    db = await createBenchDatabase();
    log(`created database ${db.name}`);
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const pgVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    const pgSettings = (await admin.query<{ name: string; setting: string; unit: string | null }>(
      "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers','synchronous_commit','fsync','wal_level','max_wal_size','commit_delay','work_mem')",
    )).rows;
    notes.push(`PostgreSQL ${pgVersion}, stock settings: ${pgSettings.map((s) => `${s.name}=${s.setting}${s.unit ?? ""}`).join(", ")}.`);

    log("starting the production server (migrations run on start) ...");
    const t0 = Date.now();
    server = await startServer({
      repoRoot,
      databaseUrl: db.url,
      logFile: path.join(resultsDir, "server.log.tmp"),
      ...(cfg.cpuProfile ? { cpuProfileDir: profileDir } : {}),
    });
    log(`server ready at ${server.origin} in ${fmt.duration(Date.now() - t0)} (pid ${server.pid})`);

    const api = new Api(server.origin);
    const email = `bench-${Date.now()}@llmguard.local`;
    const password = "bench-password-1";
    await api.register(email, password);
    let token = await api.login(email, password);
    const proj = await api.createProject(token, "Bench");
    const batchProject = await api.createProject(token, "Bench (batch)");

    const counters = (): Promise<PgCounters> => pgCounters(admin!, db!.name);
    const projectRows = async (projectId: string) =>
      Number((await admin!.query<{ n: string }>('SELECT count(*) AS n FROM "LlmRequest" WHERE "projectId" = $1', [projectId])).rows[0]!.n);

    // (a) single-record ingest -------------------------------------------------------------------------
    const singleBodies = sampleRecords(2_000, 7).map((r) => Buffer.from(JSON.stringify(r)));
    const measureSingle = async (target: RunningServer, name: string, title: string, goal: boolean) => {
      const headers = { "content-type": "application/json", "x-api-key": proj.apiKey };
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
            pgA = await counters();
            cpuA = cpuSnapshot(target.pid);
            profileWindows.push({ name, fromUs: monotonicUs(), toUs: Infinity });
          },
          afterMeasure: async () => {
            profileWindows[profileWindows.length - 1]!.toUs = monotonicUs();
            cpuB = cpuSnapshot(target.pid);
            pgB = await counters();
          },
        },
      );
      const lat = summarize(res.latencies);
      const cpu = cpuSplit(cpuA!, cpuB!);
      const pgr = pgRates(pgA!, pgB!);
      const passed = res.errors === 0 && res.unitsPerSec >= GOALS.single.records && lat.p99Ms < GOALS.single.p99;
      const r = result({
        name,
        title,
        value: Math.round(res.unitsPerSec),
        unit: "records/s",
        values: { recordsPerSec: Math.round(res.unitsPerSec), ...lat, errors: res.errors, concurrency: cfg.concurrency, seconds: Math.round(res.elapsedMs / 100) / 10, serverCpuMsPerRecord: Math.round(((cpu.serverPct / 100) * res.elapsedMs * 1000) / Math.max(1, res.requests)) / 1000 },
        goal: goal ? `≥ ${GOALS.single.records.toLocaleString("en-US")} records/s with p99 < ${GOALS.single.p99} ms` : null,
        passedGoal: goal ? passed : null,
        rows: await projectRows(proj.projectId),
        details: { cpu, pg: { ...pgr, recordsPerCommit: pgr.commitsPerSec > 0 ? Math.round((10 * res.unitsPerSec) / pgr.commitsPerSec) / 10 : null }, errorSamples: res.errorSamples },
      });
      results.push(r);
      writeResult(resultsDir, r);
      log(`  ${fmt.int(res.unitsPerSec)} records/s, p50 ${fmt.ms(lat.p50Ms)}, p99 ${fmt.ms(lat.p99Ms)}, errors ${res.errors}; CPU server ${cpu.serverPct}% pg ${cpu.postgresPct}% client ${cpu.loadGeneratorPct}%; ${pgr.commitsPerSec} commits/s`);
      if (res.errorSamples.length) log(`  error samples: ${res.errorSamples.join(" | ")}`);
    };
    if (enabled("ingest-single")) await measureSingle(server, "ingest-single", `Single-record ingest, \`POST /api/v1/requests\`, ${cfg.concurrency} clients`, true);
    if (enabled("ingest-single-bare")) {
      const bare = await startBareServer({ benchDir: path.join(repoRoot, "bench"), databaseUrl: db.url, secrets: server.secrets, logFile: path.join(resultsDir, "bare-server.log.tmp"), ...(cfg.cpuProfile ? { cpuProfileDir: profileDir } : {}) });
      try {
        await measureSingle(bare, "ingest-single-bare", `Diagnostic: the same ingest route without Next (REST dispatcher on bare node:http), ${cfg.concurrency} clients`, false);
      } finally {
        await bare.stop();
      }
    }

    // (b) batch ingest ----------------------------------------------------------------------------------
    if (enabled("ingest-batch")) {
      const records = sampleRecords(40 * cfg.batchSize, 11);
      const bodies: Buffer[] = [];
      for (let i = 0; i < records.length; i += cfg.batchSize) bodies.push(Buffer.from(JSON.stringify({ records: records.slice(i, i + cfg.batchSize) })));
      const headers = { "content-type": "application/json", "x-api-key": batchProject.apiKey };
      let cpuA: CpuSnapshot | null = null;
      let cpuB: CpuSnapshot | null = null;
      let pgA: PgCounters | null = null;
      let pgB: PgCounters | null = null;
      await waitQuiet("ingest-batch");
      log(`batch ingest: ${cfg.batchConcurrency} clients × ${cfg.batchSize} records, ${cfg.warmupMs / 1000} s warm-up + ${cfg.durationMs / 1000} s ...`);
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
            pgA = await counters();
            cpuA = cpuSnapshot(server!.pid);
          },
          afterMeasure: async () => {
            cpuB = cpuSnapshot(server!.pid);
            pgB = await counters();
          },
        },
      );
      const lat = summarize(res.latencies);
      const cpu = cpuSplit(cpuA!, cpuB!);
      const pgr = pgRates(pgA!, pgB!);
      const rejectedRows = res.requests * cfg.batchSize - res.units - res.errors * cfg.batchSize;
      const r = result({
        name: "ingest-batch",
        title: `Batch ingest, \`POST /api/v1/requests/batch\` × ${cfg.batchSize}, ${cfg.batchConcurrency} clients`,
        value: Math.round(res.unitsPerSec),
        unit: "rows/s",
        values: { rowsPerSec: Math.round(res.unitsPerSec), batchesPerSec: Math.round(res.requestsPerSec * 10) / 10, ...lat, errors: res.errors, rejectedRows, concurrency: cfg.batchConcurrency, batchSize: cfg.batchSize, seconds: Math.round(res.elapsedMs / 100) / 10 },
        goal: `≥ ${GOALS.batch.toLocaleString("en-US")} rows/s`,
        passedGoal: res.errors === 0 && rejectedRows === 0 && res.unitsPerSec >= GOALS.batch,
        rows: await projectRows(batchProject.projectId),
        details: { cpu, pg: { ...pgr, recordsPerCommit: pgr.commitsPerSec > 0 ? Math.round((10 * res.unitsPerSec) / pgr.commitsPerSec) / 10 : null }, errorSamples: res.errorSamples },
      });
      results.push(r);
      writeResult(resultsDir, r);
      log(`  ${fmt.int(res.unitsPerSec)} rows/s (${res.requests} batches), p50 ${fmt.ms(lat.p50Ms)}, p99 ${fmt.ms(lat.p99Ms)}, errors ${res.errors}; CPU server ${cpu.serverPct}% pg ${cpu.postgresPct}% client ${cpu.loadGeneratorPct}%; ${pgr.commitsPerSec} commits/s`);
      if (res.errorSamples.length) log(`  error samples: ${res.errorSamples.join(" | ")}`);
    }

    // (b2) Config & Secrets: reads over HTTP, the SDK's cached read, propagation (config-phases.ts) ----
    if (configPhasesEnabled(enabled)) {
      await runConfigPhases({
        repoRoot,
        resultsDir,
        server,
        db,
        admin,
        api,
        login: () => api.login(email, password),
        enabled,
        waitQuiet,
        log,
        results,
        notes,
        profileWindows,
        ...(cfg.cpuProfile ? { cpuProfileDir: profileDir } : {}),
        cfg: {
          durationMs: cfg.durationMs,
          warmupMs: cfg.warmupMs,
          concurrency: cfg.configConcurrency,
          loadThreads: cfg.loadThreads,
          loadGen: cfg.loadGen,
          propagationClients: cfg.propagationClients,
          propagationChanges: cfg.propagationChanges,
          propagationGapMs: cfg.propagationGapMs,
          sdkCalls: cfg.sdkCalls,
          clusterWorkers: cfg.clusterWorkers,
        },
      });
    }

    // (c) seed the main project to BENCH_ROWS rows, through the domain's write path -------------------
    let rowsNow = await projectRows(proj.projectId);
    if (enabled("seed") && cfg.rows > rowsNow) {
      const toSeed = cfg.rows - rowsNow;
      log(`seeding ${fmt.int(toSeed)} rows into the project (prepareRow + group committer, in this process) ...`);
      const env = loadServerEnv({ NODE_ENV: "production", DATABASE_URL: db.url, JWT_SECRET: server.secrets.JWT_SECRET, API_KEY_PEPPER: server.secrets.API_KEY_PEPPER, SECRETS_MASTER_KEY: server.secrets.SECRETS_MASTER_KEY, LOG_LEVEL: "warn" });
      seedApp = await createApp({ env, logger: createLogger({ level: "warn" }) });
      await waitQuiet("seed");
      const cpuA = cpuSnapshot(server.pid);
      const pgA = await counters();
      let lastLog = 0;
      const res = await seedRequests({
        app: seedApp,
        projectId: proj.projectId,
        requests: toSeed,
        days: 30,
        seed: 42,
        metadataSource: "bench-seed",
        onProgress: (p) => {
          if (Date.now() - lastLog < 10_000 && p.done < p.total) return;
          lastLog = Date.now();
          const rate = (p.done * 1000) / Math.max(1, p.elapsedMs);
          log(`  ${fmt.int(p.done)}/${fmt.int(p.total)} rows, ${fmt.int(rate)} rows/s, ETA ${fmt.duration(((p.total - p.done) / Math.max(1, rate)) * 1000)}`);
        },
      });
      const cpuB = cpuSnapshot(server.pid);
      const pgB = await counters();
      await seedApp.close();
      seedApp = null;
      const cpu = cpuSplit(cpuA, cpuB);
      const pgr = pgRates(pgA, pgB);
      log(`  seeded ${fmt.int(res.inserted)} rows in ${fmt.duration(res.elapsedMs)} (${fmt.int(res.rowsPerSecond)} rows/s); CPU seeder ${cpu.loadGeneratorPct}% pg ${cpu.postgresPct}%`);
      const tVac = Date.now();
      await admin.query('VACUUM (ANALYZE) "LlmRequest"');
      await admin.query('ANALYZE "RequestRollupHourly"');
      const vacuumMs = Date.now() - tVac;
      const sizes = (await admin.query<{ table: string; heap: string; indexes: string; total: string }>(
        `SELECT pg_size_pretty(pg_table_size('"LlmRequest"')) AS "table", pg_size_pretty(pg_indexes_size('"LlmRequest"')) AS indexes, pg_size_pretty(pg_total_relation_size('"LlmRequest"')) AS total, '' AS heap`,
      )).rows[0]!;
      rowsNow = await projectRows(proj.projectId);
      notes.push(`After seeding, \`VACUUM (ANALYZE) "LlmRequest"\` took ${fmt.duration(vacuumMs)} (what autovacuum does after a bulk load, done explicitly so plans do not depend on its timing). LlmRequest: ${rowsNow.toLocaleString("en-US")} rows in the project; table ${sizes.table}, indexes ${sizes.indexes}, total ${sizes.total}.`);
      const r = result({
        name: "seed",
        title: "Seeding through prepareRow + group committer (no HTTP), 1,000-row transactions",
        value: res.rowsPerSecond,
        unit: "rows/s",
        values: { rowsPerSec: res.rowsPerSecond, rowsSeeded: res.inserted, seconds: Math.round(res.elapsedMs / 100) / 10, recordsScored: res.scored, flagged: res.flagged, errors: res.byStatus.error, timeouts: res.byStatus.timeout, vacuumAnalyzeSeconds: Math.round(vacuumMs / 100) / 10 },
        goal: null,
        passedGoal: null,
        rows: rowsNow,
        details: { cpu, pg: { ...pgr, recordsPerCommit: pgr.commitsPerSec > 0 ? Math.round((10 * res.rowsPerSecond) / pgr.commitsPerSec) / 10 : null }, tableSize: sizes },
      });
      results.push(r);
      writeResult(resultsDir, r);
    }

    // (d) search -----------------------------------------------------------------------------------------
    const pool = new Pool(server.origin, { connections: 1 });
    try {
      if (enabled("search")) {
        await waitQuiet("search");
        token = await api.login(email, password);
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
        const url = (params: Record<string, string>) => `/api/v1/requests?${new URLSearchParams({ projectId: proj.projectId, limit: "50", ...params }).toString()}`;
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
          goal: `p95 < ${GOALS.searchP95} ms`,
          passedGoal: errors.length === 0 && lat.p95Ms < GOALS.searchP95,
          rows: rowsNow,
          details: { byKind: kinds, errorSamples: errors.slice(0, 5) },
        });
        results.push(r);
        writeResult(resultsDir, r);
        log(`search: p50 ${fmt.ms(lat.p50Ms)}, p95 ${fmt.ms(lat.p95Ms)}, max ${fmt.ms(lat.maxMs)} over ${lat.count} queries at ${fmt.int(rowsNow)} rows; errors ${errors.length}`);
        for (const [k, s] of Object.entries(kinds)) log(`  ${k}: p50 ${fmt.ms(s.p50Ms)} p95 ${fmt.ms(s.p95Ms)} (n=${s.count})`);
        writeFileSync(path.join(resultsDir, "query-plans.txt"), await explainQueries(admin, proj.projectId, weekAgo));
      }

      // (e) metrics ----------------------------------------------------------------------------------------
      if (enabled("metrics")) {
        await waitQuiet("metrics");
        token = await api.login(email, password);
        const auth = { authorization: `Bearer ${token}` };
        const req: LoadRequest = { method: "GET", path: `/api/v1/projects/${proj.projectId}/metrics?granularity=day`, headers: auth };
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
        const rollups = Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM "RequestRollupHourly" WHERE "projectId" = $1', [proj.projectId])).rows[0]!.n);
        const lat = summarize(times);
        const r = result({
          name: "metrics",
          title: `Metrics, \`GET /api/v1/projects/{id}/metrics?granularity=day\` (30 days), ${rowsNow.toLocaleString("en-US")} rows`,
          value: lat.p95Ms,
          unit: "ms (p95)",
          values: { calls: lat.count, ...lat, errors: errors.length, totalRequestsReported: totalRequests, rollupRows: rollups },
          goal: `p95 < ${GOALS.metricsP95} ms`,
          passedGoal: errors.length === 0 && lat.p95Ms < GOALS.metricsP95,
          rows: rowsNow,
          details: { errorSamples: errors.slice(0, 5) },
        });
        results.push(r);
        writeResult(resultsDir, r);
        log(`metrics: p50 ${fmt.ms(lat.p50Ms)}, p95 ${fmt.ms(lat.p95Ms)} over ${lat.count} calls (reports ${fmt.int(totalRequests)} requests from ${rollups} rollup rows)`);
        if (totalRequests !== rowsNow) notes.push(`Metrics reported ${totalRequests.toLocaleString("en-US")} requests for the last 30 days; the project holds ${rowsNow.toLocaleString("en-US")} rows (rows older than the 30-day window or newer than the call are outside it).`);
      }
    } finally {
      await pool.close();
    }
  } catch (err) {
    failed = err instanceof Error ? err.message : String(err);
    log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    await cleanup();
  }

  if (cfg.cpuProfile) {
    try {
      // Kept next to the profiles, so they can be summarized again (summarizeCpuProfile) after the run.
      writeFileSync(path.join(profileDir, "windows.json"), `${JSON.stringify(profileWindows, null, 2)}\n`);
      const text = summarizeCpuProfile(profileDir, 25, profileWindows);
      writeFileSync(path.join(resultsDir, "server-profile.txt"), `${text}\n`);
      log(`server CPU profile summary: bench/results/server-profile.txt`);
    } catch (err) {
      log(`could not summarize the CPU profile: ${String(err)}`);
    }
  }

  const risk = readRiskScoring(defaultResultsDir);
  // Written by packages/domain/bench just before the harness (turbo runs @llmguard/domain#bench first).
  const external = ["secrets-crypto", "authz-decision"].map((n) => readExternalResult(defaultResultsDir, n)).filter((r): r is BenchResult => r !== null);
  const md = summaryMarkdown({ repoRoot, results, risk, external, startedAt, notes, ...(failed ? { failed } : {}) });
  writeFileSync(path.join(resultsDir, "summary.md"), md);
  printTable(results, risk, external);
  log(`wrote bench/results/summary.md and ${results.length} result file(s) in ${fmt.duration(Date.now() - startedAt.getTime())}`);
  return failed ? 1 : 0;
}

function printTable(results: BenchResult[], risk: ReturnType<typeof readRiskScoring>, external: BenchResult[]): void {
  const rows: [string, string, string, string][] = [["benchmark", "result", "goal", "met"]];
  const text = (p: boolean | null) => (p === null ? "-" : p ? "yes" : "NO");
  for (const r of results) {
    const v = r.values;
    const figure =
      r.name.startsWith("ingest-single")
        ? `${fmt.int(r.value)} rec/s, p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms`
        : r.name === "ingest-batch"
          ? `${fmt.int(r.value)} rows/s, p99 ${v.p99Ms} ms/batch`
          : r.name === "seed"
            ? `${fmt.int(r.value)} rows/s (${fmt.int(Number(v.rowsSeeded))} rows)`
            : r.name.startsWith("config-read-http")
              ? `${fmt.int(r.value)} reads/s, p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms`
              : r.name === "config-sdk-cached-read"
                ? `${v.nsPerCall} ns/call (worst round ${v.worstRoundNs} ns)`
                : r.name.startsWith("config-propagation")
                  ? `last client p50 ${v.lastP50Ms} ms, p99 ${v.lastP99Ms} ms`
                  : `p50 ${v.p50Ms} ms, p95 ${v.p95Ms} ms`;
    rows.push([r.name, figure, r.goal ?? "-", text(r.passedGoal)]);
  }
  rows.push(["risk-scoring", risk ? risk.figure : "(no risk-scoring.json)", risk?.goal ?? "≤ 50 µs", text(risk?.pass ?? null)]);
  for (const r of external) {
    const v = r.values;
    const figure = r.name === "secrets-crypto" ? `open 64 B ${v.open64MeanUs} µs, 4 KB ${v.open4kMeanUs} µs; unwrap ${v.unwrapMeanUs} µs` : r.name === "authz-decision" ? `${v.decisionMeanNs} ns, p99 ${v.decisionSampledP99Ns} ns` : `${r.value} ${r.unit}`;
    rows.push([r.name, figure, r.goal ?? "-", text(r.passedGoal)]);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  process.stdout.write(`\n${line(rows[0]!)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.slice(1).map(line).join("\n")}\n\n`);
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of representative searches, with the SQL shape of searchRequests
 * (packages/domain/src/requests/search.service.ts), and of the rollup read behind the metrics endpoint:
 * how much of each HTTP figure is database time.
 */
async function explainQueries(c: pg.Client, projectId: string, weekAgo: string): Promise<string> {
  const select = `SELECT "id"::text AS "id", "timestamp", "model", "status"::text AS "status", "latencyMs", "totalTokens", "costUsd", "riskScore", "flagged",
       left("prompt", 200) AS "promptPreview", left("response", 200) AS "responsePreview", "endUserId", "endpoint"
FROM "LlmRequest"`;
  const cases: { title: string; where: string; order: string; params: unknown[] }[] = [
    { title: 'search "refund" + model=gpt-4o, by timestamp desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2) AND "model" = $3`, order: `"timestamp" DESC, "id" DESC`, params: [projectId, "refund", "gpt-4o"] },
    { title: 'search "password" + minRiskScore=30, by riskScore desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2) AND "riskScore" >= $3`, order: `"riskScore" DESC, "id" DESC`, params: [projectId, "password", 30] },
    { title: 'search "ignore previous instructions" + minRiskScore=50, by riskScore desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2) AND "riskScore" >= $3`, order: `"riskScore" DESC, "id" DESC`, params: [projectId, "ignore previous instructions", 50] },
    { title: "minRiskScore=70, by riskScore desc", where: `"projectId" = $1::uuid AND "riskScore" >= $2`, order: `"riskScore" DESC, "id" DESC`, params: [projectId, 70] },
    { title: "all, by latency desc", where: `"projectId" = $1::uuid`, order: `"latencyMs" DESC, "id" DESC`, params: [projectId] },
    { title: 'search "invoice", by timestamp desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2)`, order: `"timestamp" DESC, "id" DESC`, params: [projectId, "invoice"] },
    { title: 'search "refund" + last 7 days, by timestamp desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2) AND "timestamp" >= $3`, order: `"timestamp" DESC, "id" DESC`, params: [projectId, "refund", weekAgo] },
    { title: 'search "revenue quarter" + model=gpt-4o-mini, by riskScore desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2) AND "model" = $3`, order: `"riskScore" DESC, "id" DESC`, params: [projectId, "revenue quarter", "gpt-4o-mini"] },
    { title: "endpoint=sql-assistant + status=error, by timestamp desc", where: `"projectId" = $1::uuid AND "endpoint" = $2 AND "status" = $3::"RequestStatus"`, order: `"timestamp" DESC, "id" DESC`, params: [projectId, "sql-assistant", "error"] },
  ];
  const out: string[] = ["EXPLAIN (ANALYZE, BUFFERS) of search shapes, same SQL as searchRequests, limit 50 (+1), run after the HTTP measurements.", ""];
  for (const k of cases) {
    const sql = `EXPLAIN (ANALYZE, BUFFERS) ${select}\nWHERE ${k.where}\nORDER BY ${k.order}\nLIMIT 51`;
    try {
      const res = await c.query<{ "QUERY PLAN": string }>(sql, k.params);
      out.push(`=== ${k.title}`, ...res.rows.map((r) => r["QUERY PLAN"]), "");
    } catch (err) {
      out.push(`=== ${k.title}`, `failed: ${String(err)}`, "");
    }
  }
  const since = new Date(Date.now() - 30 * 86_400_000);
  since.setUTCMinutes(0, 0, 0);
  try {
    const res = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM "RequestRollupHourly" WHERE "projectId" = $1::uuid AND "hour" >= $2 AND "hour" <= now()`, [projectId, since.toISOString()]);
    out.push("=== metrics: the rollup rows getProjectMetrics reads (30 days, all models)", ...res.rows.map((r) => r["QUERY PLAN"]), "");
  } catch (err) {
    out.push("=== metrics rollup read", `failed: ${String(err)}`, "");
  }
  return out.join("\n");
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
