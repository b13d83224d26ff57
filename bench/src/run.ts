// `pnpm bench` (turbo runs `pnpm build` first): load benchmarks of the production server on PostgreSQL.
// Creates a fresh database llmguard_bench_<random>, starts `node apps/web/server.mjs` on a free 127.0.0.1
// port, measures single and batch ingest over HTTP, incidents and remediation, the gateway's overhead against
// calling its upstream directly (gateway-phases.ts), the Config & Secrets phases (config reads, the SDK's
// cached read, propagation: config-phases.ts), seeds the project to BENCH_ROWS rows through the domain's
// write path, measures search and metrics, writes bench/results/*.json and summary.md, and
// drops the database at the end, also on failure or Ctrl+C. See docs/benchmarks.md.
// Each step is a phase in its own file: setup-phase, ingest-phases, incident-phases, remediation-phases,
// gateway-phases, config-phases, seed-phase, search-phase, metrics-phase, summary-phase; the knobs (BENCH_*)
// are in bench-options.ts.
import path from "node:path";
import { Pool } from "undici";
import { cfg, enabled, repoRoot, resultsDir } from "./bench-options";
import { configPhasesEnabled, runConfigPhases, type ConfigBenchContext } from "./config-phases";
import { gatewayBarePhaseEnabled, gatewayPhaseEnabled, runGatewayPhases } from "./gateway-phases";
import { runIncidentPhases } from "./incident-phases";
import { runRemediationPhases } from "./remediation-phases";
import { runIngestPhases } from "./ingest-phases";
import { runMetricsPhase } from "./metrics-phase";
import { log, waitQuiet, type RunContext } from "./run-context";
import { runSearchIndexPhase } from "./search-index-phase";
import { runSearchPhase } from "./search-phase";
import { runSeedPhase } from "./seed-phase";
import { startBareServer } from "./lib/server";
import { noteBackgroundLoad, openRun, setUp, trackResources } from "./setup-phase";
import { writeProfileSummary, writeSummary } from "./summary-phase";

async function main(): Promise<number> {
  const run = openRun();
  const { live, cleanup } = trackResources();
  await noteBackgroundLoad(run);

  let failed: string | undefined;
  try {
    const ctx = await setUp(run, live);
    await runSearchIndexPhase(ctx);
    await runIngestPhases(ctx);
    await runIncidentPhases(ctx);
    await runRemediationPhases(ctx);
    if (gatewayPhaseEnabled()) await runGatewayPhases(ctx);
    if (gatewayBarePhaseEnabled()) await runGatewayBare(ctx);
    if (configPhasesEnabled(enabled)) await runConfigPhases(configContext(ctx));
    const rowsNow = await runSeedPhase(ctx, live);
    // Search and metrics share one connection, as one dashboard user does.
    const pool = new Pool(ctx.server.origin, { connections: 1 });
    try {
      await runSearchPhase(ctx, pool, rowsNow);
      await runMetricsPhase(ctx, pool, rowsNow);
    } finally {
      await pool.close();
    }
  } catch (err) {
    failed = err instanceof Error ? err.message : String(err);
    log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    await cleanup();
  }

  writeProfileSummary(run);
  return writeSummary(run, failed);
}

/** Diagnostic (BENCH_ONLY=gateway-bare): the gateway phase against serveRest on bare node:http, no Next. */
async function runGatewayBare(ctx: RunContext): Promise<void> {
  const bare = await startBareServer({ benchDir: path.join(repoRoot, "bench"), databaseUrl: ctx.db.url, secrets: ctx.server.secrets, logFile: path.join(resultsDir, "bare-server-gateway.log.tmp"), env: { GATEWAY_ALLOW_PRIVATE_UPSTREAMS: "1" }, ...(cfg.cpuProfile ? { cpuProfileDir: ctx.profileDir } : {}) });
  try {
    await runGatewayPhases(ctx, { server: bare, prefix: "gateway-bare", what: "diagnostic: serveRest on bare node:http, no Next" });
  } finally {
    await bare.stop();
  }
}

/** Config & Secrets: reads over HTTP, the SDK's cached read, propagation (config-phases.ts). */
function configContext(ctx: RunContext): ConfigBenchContext {
  return {
    repoRoot,
    resultsDir,
    server: ctx.server,
    db: ctx.db,
    admin: ctx.admin,
    api: ctx.api,
    login: ctx.login,
    enabled,
    waitQuiet,
    log,
    results: ctx.results,
    notes: ctx.notes,
    profileWindows: ctx.profileWindows,
    ...(cfg.cpuProfile ? { cpuProfileDir: ctx.profileDir } : {}),
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
  };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
