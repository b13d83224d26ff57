import { afterEach, describe, expect, it, vi } from "vitest";
import { GLOBAL_KEYS } from "../shared/process-globals.mjs";
import { createMetrics, getMetrics, OTHER_ROUTE } from "./prometheus.mjs";

// Every LLMGuard metric with its Prometheus type, written out (docs/observability.md lists the same).
const EXPECTED_TYPES: Record<string, string> = {
  llmguard_http_request_duration_seconds: "histogram",
  llmguard_ingest_records_total: "counter",
  llmguard_ingest_batches_total: "counter",
  llmguard_ingest_batch_size: "histogram",
  llmguard_ingest_commit_duration_seconds: "histogram",
  llmguard_search_vector_rows_total: "counter",
  llmguard_ingest_queue_depth: "gauge",
  llmguard_config_stream_clients: "gauge",
  llmguard_config_stream_pushes_total: "counter",
  llmguard_job_runs_total: "counter",
  llmguard_job_failures_total: "counter",
  llmguard_db_pool_connections: "gauge",
  llmguard_db_pool_idle_connections: "gauge",
  llmguard_db_pool_waiting_requests: "gauge",
  llmguard_db_pool_max_connections: "gauge",
};

const METRICS_SLOT = GLOBAL_KEYS.metrics;
const g = globalThis as unknown as Record<symbol, unknown>;

afterEach(() => {
  delete g[METRICS_SLOT];
});

describe("Prometheus metrics (observability/prometheus.mjs)", () => {
  it("defines every metric once, with its type, in the text format", async () => {
    const text = await createMetrics({ processMetrics: false }).registry.metrics();
    const types = Object.fromEntries([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
    expect(types).toEqual(EXPECTED_TYPES);
  });

  it("adds Node's process metrics unless asked not to", async () => {
    const text = await createMetrics().registry.metrics();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(await createMetrics({ processMetrics: false }).registry.metrics()).not.toMatch(/process_cpu_user_seconds_total/);
  });

  it("records request durations by route, method and status, with bounded labels", async () => {
    const m = createMetrics({ processMetrics: false });
    m.httpRequestDuration.observe({ route: "GET /api/v1/projects/{projectId}", method: "GET", status: 200 }, 0.004);
    m.httpRequestDuration.observe({ route: "GET /api/v1/projects/{projectId}", method: "GET", status: 200 }, 0.2);
    m.httpRequestDuration.observe({ route: OTHER_ROUTE, method: "GET", status: 404 }, 0.03);
    const text = await m.registry.metrics();
    const series = 'route="GET /api/v1/projects/{projectId}",method="GET",status="200"';
    expect(text).toContain(`llmguard_http_request_duration_seconds_bucket{le="0.005",${series}} 1`);
    expect(text).toContain(`llmguard_http_request_duration_seconds_bucket{le="0.25",${series}} 2`);
    expect(text).toContain(`llmguard_http_request_duration_seconds_count{${series}} 2`);
    expect(text).toContain('llmguard_http_request_duration_seconds_count{route="next",method="GET",status="404"} 1');
    expect(() => m.httpRequestDuration.observe({ path: "/x" } as never, 1)).toThrow(/label/i);
  });

  it("reads the queue, stream and pool gauges from their sources when scraped, until they are unregistered", async () => {
    const m = createMetrics({ processMetrics: false });
    const queue = { queued: 7 };
    const hubA = { subscribers: 2 };
    const hubB = { subscribers: 3 };
    const pool = { totalCount: 4, idleCount: 1, waitingCount: 5, options: { max: 10 } };
    const offQueue = m.addIngestQueue(queue);
    m.addConfigHub(hubA);
    const offHubB = m.addConfigHub(hubB);
    const offPool = m.addDbPool(pool);
    let text = await m.registry.metrics();
    expect(text).toMatch(/^llmguard_ingest_queue_depth 7$/m);
    expect(text).toMatch(/^llmguard_config_stream_clients 5$/m);
    expect(text).toMatch(/^llmguard_db_pool_connections 4$/m);
    expect(text).toMatch(/^llmguard_db_pool_idle_connections 1$/m);
    expect(text).toMatch(/^llmguard_db_pool_waiting_requests 5$/m);
    expect(text).toMatch(/^llmguard_db_pool_max_connections 10$/m);

    queue.queued = 0;
    hubA.subscribers = 1;
    text = await m.registry.metrics();
    expect(text).toMatch(/^llmguard_ingest_queue_depth 0$/m);
    expect(text).toMatch(/^llmguard_config_stream_clients 4$/m);

    offQueue();
    offHubB();
    offPool();
    queue.queued = 9;
    text = await m.registry.metrics();
    expect(text).toMatch(/^llmguard_ingest_queue_depth 0$/m);
    expect(text).toMatch(/^llmguard_config_stream_clients 1$/m);
    expect(text).toMatch(/^llmguard_db_pool_connections 0$/m);
  });

  it("is one per process: another copy of the module (as a separate bundle loads it) returns the same registry", async () => {
    const first = getMetrics();
    expect(getMetrics()).toBe(first);
    expect(g[METRICS_SLOT]).toBe(first);
    vi.resetModules();
    const copy = (await import("./prometheus.mjs?copy=2" as string)) as typeof import("./prometheus.mjs");
    expect(copy.getMetrics).not.toBe(getMetrics); // really another instance of the module
    expect(copy.getMetrics()).toBe(first);
    copy.getMetrics().configStreamPushes.inc();
    expect(await first.registry.metrics()).toMatch(/^llmguard_config_stream_pushes_total 1$/m);
  });
});
