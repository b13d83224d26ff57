// The seed phase of `pnpm bench`, called by run.ts: fills the main project to BENCH_ROWS rows through the
// domain's write path (prepareRow + group committer, in this process), so search and metrics run on them.
import { createApp, createLogger, loadServerEnv } from "@llmguard/domain";
import { seedRequests } from "./seed";
import { cpuSnapshot, cpuSplit } from "./lib/cpu";
import { pgRates } from "./lib/pg";
import { result } from "./lib/report";
import { fmt } from "./lib/stats";
import { cfg, enabled } from "./bench-options";
import { log, record, waitQuiet, type RunContext } from "./run-context";
import type { Resources } from "./setup-phase";

/** Seeds the main project up to BENCH_ROWS rows (when the phase is enabled) and returns its row count. */
export async function runSeedPhase(ctx: RunContext, live: Resources): Promise<number> {
  const { admin, server, project } = ctx;
  let rowsNow = await ctx.projectRows(project.projectId);
  if (!enabled("seed") || cfg.rows <= rowsNow) return rowsNow;
  const toSeed = cfg.rows - rowsNow;
  log(`seeding ${fmt.int(toSeed)} rows into the project (prepareRow + group committer, in this process) ...`);
  const env = loadServerEnv({ NODE_ENV: "production", DATABASE_URL: ctx.db.url, JWT_SECRET: server.secrets.JWT_SECRET, API_KEY_PEPPER: server.secrets.API_KEY_PEPPER, SECRETS_MASTER_KEY: server.secrets.SECRETS_MASTER_KEY, LOG_LEVEL: "warn" });
  // Tracked in `live`, so Ctrl+C or a failure closes it.
  const seedApp = (live.seedApp = await createApp({ env, logger: createLogger({ level: "warn" }) }));
  await waitQuiet("seed");
  const cpuA = cpuSnapshot(server.pid);
  const pgA = await ctx.counters();
  let lastLog = 0;
  const res = await seedRequests({
    app: seedApp,
    projectId: project.projectId,
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
  const pgB = await ctx.counters();
  await seedApp.close();
  live.seedApp = null;
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
  rowsNow = await ctx.projectRows(project.projectId);
  ctx.notes.push(`After seeding, \`VACUUM (ANALYZE) "LlmRequest"\` took ${fmt.duration(vacuumMs)} (what autovacuum does after a bulk load, done explicitly so plans do not depend on its timing). LlmRequest: ${rowsNow.toLocaleString("en-US")} rows in the project; table ${sizes.table}, indexes ${sizes.indexes}, total ${sizes.total}.`);
  record(ctx, result({
    name: "seed",
    title: "Seeding through prepareRow + group committer (no HTTP), 1,000-row transactions",
    value: res.rowsPerSecond,
    unit: "rows/s",
    values: { rowsPerSec: res.rowsPerSecond, rowsSeeded: res.inserted, seconds: Math.round(res.elapsedMs / 100) / 10, recordsScored: res.scored, flagged: res.flagged, errors: res.byStatus.error, timeouts: res.byStatus.timeout, vacuumAnalyzeSeconds: Math.round(vacuumMs / 100) / 10 },
    goal: null,
    passedGoal: null,
    rows: rowsNow,
    details: { cpu, pg: { ...pgr, recordsPerCommit: pgr.commitsPerSec > 0 ? Math.round((10 * res.rowsPerSecond) / pgr.commitsPerSec) / 10 : null }, tableSize: sizes },
  }));
  return rowsNow;
}
