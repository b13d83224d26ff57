// The process's Prometheus metrics (issue 14), defined once. Plain JavaScript with types beside it
// (prometheus.d.mts) because apps/web/server.mjs (plain Node) records the request histogram and serves the
// text format, while the domain code Next bundles separately records the rest: both import this file
// (server.mjs as @llmguard/domain/prometheus, the domain by relative path), and a bundle may hold its own
// copy of it. So the registry and every metric live in one process-wide slot (GLOBAL_KEYS.metrics),
// created by whichever copy asks first; every copy then records into the same objects.
//
// Gauges whose value already exists elsewhere (the ingest queue, the config streams, the database pool)
// are read when Prometheus scrapes (collect()), from sources registered here: nothing on the hot path.
// Labels are bounded: route templates, status codes, job ids, fixed outcome names.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { GLOBAL_KEYS } from "../shared/process-globals.mjs";

/** Seconds: the REST API answers in milliseconds; a slow page or a stream reaches seconds. */
export const DURATION_BUCKETS = Object.freeze([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
/** Rows per group commit (GroupCommitter's maxBatch is 1,000). */
export const BATCH_SIZE_BUCKETS = Object.freeze([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);

/** The route label of requests the REST route table did not answer: pages, tRPC, next-auth, static files, 404s. */
export const OTHER_ROUTE = "next";

const sum = (sources, read) => {
  let n = 0;
  for (const s of sources) n += read(s);
  return n;
};

/**
 * A new registry with every LLMGuard metric (and Node's process metrics unless `processMetrics: false`).
 * The server uses the one getMetrics() returns; tests create their own.
 */
export function createMetrics({ processMetrics = true } = {}) {
  const registry = new Registry();
  const registers = [registry];
  const queues = new Set();
  const configHubs = new Set();
  const pools = new Set();
  const source = (set) => (s) => {
    set.add(s);
    return () => void set.delete(s);
  };

  const metrics = {
    registry,
    httpRequestDuration: new Histogram({
      name: "llmguard_http_request_duration_seconds",
      help: `HTTP requests by route template (REST API; "${OTHER_ROUTE}" for pages, tRPC, auth and static files), method and status`,
      labelNames: ["route", "method", "status"],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    ingestRecords: new Counter({
      name: "llmguard_ingest_records_total",
      help: "Ingested records through the group commit: stored (new), duplicate (a repeated id, answered with the first result), failed (refused by the database or not written)",
      labelNames: ["outcome"],
      registers,
    }),
    ingestBatches: new Counter({
      name: "llmguard_ingest_batches_total",
      help: "Group commits: committed (one transaction), isolated (a row failed; the batch was bisected), failed (the whole batch failed, e.g. the database is unavailable)",
      labelNames: ["outcome"],
      registers,
    }),
    ingestBatchSize: new Histogram({
      name: "llmguard_ingest_batch_size",
      help: "Records per group commit",
      buckets: BATCH_SIZE_BUCKETS,
      registers,
    }),
    ingestCommitDuration: new Histogram({
      name: "llmguard_ingest_commit_duration_seconds",
      help: "Time of each committed ingest transaction (insert, rollups, usage), from begin to commit",
      buckets: DURATION_BUCKETS,
      registers,
    }),
    searchVectorRows: new Counter({
      name: "llmguard_search_vector_rows_total",
      help: "Ingested rows by where their full-text vector was built: node (prebuilt from cached chunk lexemes) or postgres (to_tsvector in the INSERT)",
      labelNames: ["built"],
      registers,
    }),
    ingestQueueDepth: new Gauge({
      name: "llmguard_ingest_queue_depth",
      help: "Records waiting for a group commit",
      registers,
      collect() {
        this.set(sum(queues, (q) => q.queued));
      },
    }),
    configStreamClients: new Gauge({
      name: "llmguard_config_stream_clients",
      help: "Open config streams (Server-Sent Events)",
      registers,
      collect() {
        this.set(sum(configHubs, (h) => h.subscribers));
      },
    }),
    configStreamPushes: new Counter({
      name: "llmguard_config_stream_pushes_total",
      help: "Config changes pushed to open streams (not counting each stream's first snapshot)",
      registers,
    }),
    jobRuns: new Counter({
      name: "llmguard_job_runs_total",
      help: "Background job attempts that finished, by job id (a retried attempt counts again)",
      labelNames: ["job"],
      registers,
    }),
    jobFailures: new Counter({
      name: "llmguard_job_failures_total",
      help: "Background job attempts that failed, by job id",
      labelNames: ["job"],
      registers,
    }),
    dbPoolConnections: new Gauge({
      name: "llmguard_db_pool_connections",
      help: "PostgreSQL connections open in the pool (busy and idle)",
      registers,
      collect() {
        this.set(sum(pools, (p) => p.totalCount));
      },
    }),
    dbPoolIdle: new Gauge({
      name: "llmguard_db_pool_idle_connections",
      help: "PostgreSQL connections open in the pool and idle",
      registers,
      collect() {
        this.set(sum(pools, (p) => p.idleCount));
      },
    }),
    dbPoolWaiting: new Gauge({
      name: "llmguard_db_pool_waiting_requests",
      help: "Queries waiting for a free PostgreSQL connection",
      registers,
      collect() {
        this.set(sum(pools, (p) => p.waitingCount));
      },
    }),
    dbPoolMax: new Gauge({
      name: "llmguard_db_pool_max_connections",
      help: "The pool's connection limit (DATABASE_POOL_MAX)",
      registers,
      collect() {
        this.set(sum(pools, (p) => p.options?.max ?? 0));
      },
    }),
    /** The group committer(s) whose queue the depth gauge reports. Returns the unregister function. */
    addIngestQueue: source(queues),
    /** The config hub(s) whose subscribers the stream-clients gauge counts. */
    addConfigHub: source(configHubs),
    /** A pg Pool (or anything with its counts) for the pool gauges. */
    addDbPool: source(pools),
  };
  if (processMetrics) collectDefaultMetrics({ register: registry });
  return metrics;
}

/** The process's metrics (created on first use; shared by server.mjs and every bundle, see above). */
export function getMetrics() {
  return (globalThis[GLOBAL_KEYS.metrics] ??= createMetrics());
}
