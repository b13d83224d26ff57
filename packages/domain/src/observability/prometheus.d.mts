import type { Counter, Gauge, Histogram, Registry } from "prom-client";

export declare const DURATION_BUCKETS: readonly number[];
export declare const BATCH_SIZE_BUCKETS: readonly number[];
/** The route label of requests the REST route table did not answer. */
export declare const OTHER_ROUTE: string;

/** What the pool gauges read from a pg Pool. */
export interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options?: { max?: number };
}

/** The process's Prometheus metrics (see prometheus.mjs). */
export interface Metrics {
  registry: Registry;
  httpRequestDuration: Histogram<"route" | "method" | "status">;
  ingestRecords: Counter<"outcome">;
  ingestBatches: Counter<"outcome">;
  ingestBatchSize: Histogram;
  ingestCommitDuration: Histogram;
  searchVectorRows: Counter<"built">;
  ingestQueueDepth: Gauge;
  configStreamClients: Gauge;
  configStreamPushes: Counter;
  jobRuns: Counter<"job">;
  jobFailures: Counter<"job">;
  dbPoolConnections: Gauge;
  dbPoolIdle: Gauge;
  dbPoolWaiting: Gauge;
  dbPoolMax: Gauge;
  /** Each returns the function that unregisters the source. */
  addIngestQueue(queue: { readonly queued: number }): () => void;
  addConfigHub(hub: { readonly subscribers: number }): () => void;
  addDbPool(pool: PoolCounts): () => void;
}

/** A new registry with every LLMGuard metric (and Node's process metrics unless `processMetrics: false`). */
export declare function createMetrics(opts?: { processMetrics?: boolean }): Metrics;
/** The process's metrics, created on first use in a process-wide slot. */
export declare function getMetrics(): Metrics;
