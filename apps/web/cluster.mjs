// Cluster mode of server.mjs (WEB_CONCURRENCY > 1, PostgreSQL only): one primary process that applied the
// migrations forks N identical workers; Node's cluster module shares the listening socket between them, so
// one machine's cores serve the same port. The workers are independent instances of the stateless web tier
// (ARCHITECTURE decision 11): each has its own App and caches, and every change reaches all of them over
// the invalidation bus (PostgreSQL LISTEN/NOTIFY, or Redis with REDIS_URL). Rate limits are per worker
// unless REDIS_URL is set. The embedded PGlite default is one process by nature, so it never clusters.
import cluster from "node:cluster";
import { primaryMetrics, startMetricsServer } from "./metrics.mjs";

const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS_IN_WINDOW = 5;

/**
 * Forks `count` workers and supervises them: a worker that dies is replaced (unless it keeps dying), and
 * SIGTERM/SIGINT are forwarded so each worker drains its requests; the primary exits 0 once all have.
 */
/**
 * `exit` flushes the logger before the process ends. `metrics`: the primary aggregates the workers'
 * Prometheus metrics for them (metrics.mjs) and serves METRICS_PORT (`port`, on `host`) when set.
 */
export function runClusterPrimary({ count, log, exit = (code) => process.exit(code), metrics = {} }) {
  let stopping = false;
  const { collect } = primaryMetrics({ log });
  if (metrics.port !== undefined) startMetricsServer({ port: metrics.port, host: metrics.host ?? "127.0.0.1", collect, log, exit });
  const restarts = [];
  const fork = () => cluster.fork({ LLMGUARD_CLUSTER_WORKER: "1" });
  for (let i = 0; i < count; i++) fork();
  log.info({ workers: count }, "cluster mode: one worker per WEB_CONCURRENCY");

  cluster.on("exit", (worker, code, signal) => {
    const alive = Object.keys(cluster.workers ?? {}).length;
    if (stopping) {
      if (alive === 0) {
        log.info("all workers stopped");
        exit(0);
      }
      return;
    }
    const now = Date.now();
    while (restarts.length && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS_IN_WINDOW) {
      log.fatal({ code, signal }, `workers keep exiting (${MAX_RESTARTS_IN_WINDOW} in ${RESTART_WINDOW_MS / 1000} s); stopping`);
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      if (alive === 0) exit(1);
      setTimeout(() => exit(1), 15_000).unref();
      return;
    }
    restarts.push(now);
    log.error({ pid: worker.process.pid, code, signal }, "worker exited; starting a new one");
    setTimeout(fork, 1_000).unref();
  });

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping workers");
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) exit(0);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** WEB_CONCURRENCY as a worker count: unset or 1 = no cluster; "auto" = one per CPU. */
export function parseConcurrency(value, cpus) {
  if (value === undefined || value === "") return 1;
  if (value === "auto") return Math.max(1, cpus);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`WEB_CONCURRENCY must be an integer 1–64 or "auto" (got "${value}")`);
  return n;
}
