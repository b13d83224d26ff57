// The knobs of `pnpm bench` (BENCH_* environment variables, see docs/benchmarks.md) and where results go.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const defaultResultsDir = path.join(repoRoot, "bench", "results");
// A partial or experimental run (BENCH_ONLY, BENCH_CPU_PROF) can write elsewhere and keep the reference results.
export const resultsDir = process.env.BENCH_RESULTS_DIR ? path.resolve(process.env.BENCH_RESULTS_DIR) : defaultResultsDir;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number (got "${raw}")`);
  return Math.floor(n);
}

export const cfg = {
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
  // Gateway (gateway-phases.ts): clients, and the paced rate of the side-by-side figures (0: half the
  // gateway's closed-loop throughput)
  gatewayConcurrency: Math.max(1, envInt("BENCH_GATEWAY_CONCURRENCY", 50)),
  gatewayRate: envInt("BENCH_GATEWAY_RATE", 0),
};
if (cfg.loadGen !== "raw" && cfg.loadGen !== "undici") throw new Error(`BENCH_CONFIG_LOADGEN must be raw or undici (got "${String(cfg.loadGen)}")`);
export type BenchOptions = typeof cfg;

/** Whether a phase runs: all of them, or those named in BENCH_ONLY. */
export const enabled = (name: string) => cfg.only.length === 0 || cfg.only.includes(name);
