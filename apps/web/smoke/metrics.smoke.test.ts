// Prometheus metrics (issue 14; docs/observability.md) against the built production server on PostgreSQL:
// GET /metrics on the public port is the dashboard's Metrics page unless METRICS_TOKEN is set and the request
// carries an Authorization header: then a wrong one answers 401, the right bearer token the Prometheus text format: request histograms by route
// template and status, ingest records and batches, config stream clients and pushes, job runs, the database
// pool, Node's process metrics. METRICS_PORT serves the same without a token. In cluster mode
// (WEB_CONCURRENCY=2) every scrape, whichever worker or port answers it, shows both workers' counts summed.
//
// Three servers, started in parallel: `plain` (no metrics configuration), `single` (METRICS_TOKEN and
// METRICS_PORT) and `cluster` (the same with WEB_CONCURRENCY=2).
import { randomBytes } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtServerSet, rawRequest, startBuiltServer, type BuiltServer, type BuiltServerOptions, type RawResponse } from "./built-server";
import { freePort } from "./free-port";

const TOKEN = `metrics-${randomBytes(24).toString("base64url")}`;
const PASSWORD = "correct-horse-42";

type ServerName = "plain" | "single" | "cluster";
const servers = builtServerSet<ServerName>();
const metricsPorts: Partial<Record<ServerName, number>> = {};

beforeAll(async () => {
  metricsPorts.single = await freePort();
  metricsPorts.cluster = await freePort();
  const start = (name: ServerName, env: Record<string, string>, extra: BuiltServerOptions = {}) => servers.start(name, { label: `metrics/${name}`, env, ...extra });
  start("plain", {});
  start("single", { METRICS_TOKEN: TOKEN, METRICS_PORT: String(metricsPorts.single) });
  start("cluster", { METRICS_TOKEN: TOKEN, METRICS_PORT: String(metricsPorts.cluster), WEB_CONCURRENCY: "2" }, { readyPattern: /LLMGuard ready on .*\[worker \d+\]/, readyLines: 2 });
});

afterAll(() => servers.stopAll());

const server = (name: ServerName): Promise<BuiltServer> => servers.get(name);

// --- HTTP helpers ---------------------------------------------------------------------------------

/** A new connection per call (`connection: close`), so in cluster mode the calls spread over the workers. */
function call(srv: BuiltServer, method: string, path: string, opts: { token?: string; apiKey?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { connection: "close", ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.apiKey) headers["x-api-key"] = opts.apiKey;
  return rawRequest(srv.baseUrl, { method, path, headers, body: opts.body });
}

function scrape(srv: BuiltServer, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }): Promise<RawResponse> {
  return call(srv, "GET", "/metrics", { headers });
}

function scrapePrivate(port: number, path = "/metrics"): Promise<RawResponse> {
  return rawRequest(`http://127.0.0.1:${port}`, { method: "GET", path, headers: { connection: "close" } });
}

const excerpt = (res: RawResponse) => `${res.status} ${res.text.slice(0, 400)}`;

async function account(srv: BuiltServer, tag: string): Promise<string> {
  const email = `${tag}-${randomBytes(4).toString("hex")}@example.com`;
  const reg = await call(srv, "POST", "/api/v1/auth/register", { body: { email, password: PASSWORD } });
  expect(reg.status, `register → ${excerpt(reg)}${srv.log()}`).toBe(201);
  const login = await call(srv, "POST", "/api/v1/auth/login", { body: { email, password: PASSWORD } });
  expect(login.status, `login → ${excerpt(login)}`).toBe(200);
  return String((login.json as { accessToken: string }).accessToken);
}

async function project(srv: BuiltServer, token: string, name: string): Promise<{ id: string; ingestKey: string }> {
  const res = await call(srv, "POST", "/api/v1/projects", { token, body: { name } });
  expect(res.status, `create project → ${excerpt(res)}`).toBe(201);
  const body = res.json as { project: { id: string }; apiKey: { key: string } };
  return { id: body.project.id, ingestKey: body.apiKey.key };
}

const record = (i: number) => ({ prompt: `Summarize invoice ${i}`, response: "It totals 42 EUR.", model: "gpt-4o-mini", latencyMs: 120, promptTokens: 20, completionTokens: 10, status: "success" });

// --- the text format ------------------------------------------------------------------------------

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped; label values unescaped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The value of the one sample `name` whose labels include `labels`; undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const hits = parseExposition(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (hits.length > 1) throw new Error(`${hits.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return hits[0]?.value;
}

/** # TYPE lines: metric family → type. */
function familyTypes(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

const PROMETHEUS_TEXT = /^text\/plain; version=0\.0\.4; charset=utf-8$/;

function expectPrometheusText(res: RawResponse, what: string): string {
  expect(res.status, `${what} → ${excerpt(res)}`).toBe(200);
  expect(res.headers["content-type"], what).toMatch(PROMETHEUS_TEXT);
  expect(() => parseExposition(res.text), what).not.toThrow();
  return res.text;
}

/** Scrapes until `check` passes (counts that land after the answer: jobs, stream events), at most ~10 s. */
async function eventually(get: () => Promise<string>, check: (text: string) => boolean, what: string): Promise<string> {
  let text = "";
  for (let i = 0; i < 100; i++) {
    text = await get();
    if (check(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not reached within ~10 s; last scrape:\n${text.split("\n").filter((l) => l.startsWith("llmguard_")).join("\n")}`);
}

// The families issue 14 asks for, with their types (docs/observability.md lists them).
const LLMGUARD_FAMILIES: Record<string, string> = {
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

// --- without METRICS_TOKEN ------------------------------------------------------------------------

describe("without METRICS_TOKEN", () => {
  it("does not serve Prometheus on the public port: /metrics is the dashboard's page (login first), token or not", async () => {
    const srv = await server("plain");
    for (const [what, headers] of [
      ["no Authorization", {}],
      ["a bearer token", { authorization: `Bearer ${TOKEN}` }],
    ] as const) {
      const res = await scrape(srv, headers);
      expect(res.status, `${what} → ${excerpt(res)}`).toBe(307);
      expect(res.headers.location, what).toMatch(/^\/login(\?|$)/);
      expect(res.text, what).not.toContain("llmguard_");
    }
  });
});

describe("invalid metrics variables", () => {
  it("stop start-up with a message naming the variable, never echoing the token", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ METRICS_PORT: "9464x" }, 'METRICS_PORT must be an integer between 1 and 65535 (got "9464x")'],
      [{ METRICS_TOKEN: "short-secret" }, "METRICS_TOKEN must be 16–512 characters"],
    ];
    for (const [env, message] of cases) {
      const outcome = await startBuiltServer({ label: "metrics/invalid", env, startTimeoutMs: 60_000 }).then(
        async (started) => {
          await started.stop();
          return null;
        },
        (err: Error) => err,
      );
      expect(outcome?.message, JSON.stringify(env)).toContain("exited before it was ready");
      expect(outcome?.message).toContain(message);
      expect(outcome?.message).not.toContain("short-secret");
    }
  });
});

// --- one process, METRICS_TOKEN and METRICS_PORT ---------------------------------------------------

describe("one process with METRICS_TOKEN and METRICS_PORT", () => {
  let srv: BuiltServer;
  let userToken = "";
  let proj: { id: string; ingestKey: string };
  beforeAll(async () => {
    srv = await server("single");
    userToken = await account(srv, "metrics");
    proj = await project(srv, userToken, "metrics");
  });

  it("answers 401 in the REST envelope to a wrong bearer token or another scheme; without credentials /metrics is the dashboard's page", async () => {
    const page = await scrape(srv, {});
    expect(page.status, excerpt(page)).toBe(307);
    expect(page.headers.location).toMatch(/^\/login(\?|$)/);
    for (const [what, headers] of [
      ["a wrong token", { authorization: `Bearer ${TOKEN}x` }],
      ["a prefix of the token", { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
      ["Basic", { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}` }],
    ] as const) {
      const res = await scrape(srv, headers);
      expect(res.status, `${what} → ${excerpt(res)}`).toBe(401);
      expect((res.json as { error: { code: string } }).error.code, what).toBe("UNAUTHENTICATED");
      expect(res.headers["www-authenticate"], what).toBe('Bearer realm="metrics"');
      expect(res.text, what).not.toContain("llmguard_");
    }
  });

  it("serves the Prometheus text format with the token: every LLMGuard family and Node's process metrics", async () => {
    const text = expectPrometheusText(await scrape(srv), "scrape");
    const types = familyTypes(text);
    for (const [family, type] of Object.entries(LLMGUARD_FAMILIES)) expect(types[family], family).toBe(type);
    for (const family of ["process_cpu_user_seconds_total", "process_resident_memory_bytes", "nodejs_heap_size_used_bytes", "process_start_time_seconds"]) {
      expect(sample(text, family), family).toBeGreaterThan(0);
    }
    expect(sample(text, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    // The database pool of DATABASE_POOL_MAX (default 10), with connections open after the calls above.
    expect(sample(text, "llmguard_db_pool_max_connections")).toBe(10);
    expect(sample(text, "llmguard_db_pool_connections")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "llmguard_db_pool_waiting_requests")).toBe(0);
  });

  it("observes each request under its route template and status, in the histogram buckets", async () => {
    const route = "GET /api/v1/projects/{projectId}";
    const before = await scrape(srv);
    expect(sample(before.text, "llmguard_http_request_duration_seconds_count", { route, status: "200" })).toBeUndefined();
    for (let i = 0; i < 3; i++) expect((await call(srv, "GET", `/api/v1/projects/${proj.id}`, { token: userToken })).status).toBe(200);
    const missing = await call(srv, "GET", "/api/v1/projects/00000000-0000-4000-8000-000000000000", { token: userToken });
    expect(missing.status, excerpt(missing)).toBe(404);
    expect((await call(srv, "GET", "/api/health")).status).toBe(200);

    const text = expectPrometheusText(await scrape(srv), "scrape");
    expect(sample(text, "llmguard_http_request_duration_seconds_count", { route, method: "GET", status: "200" })).toBe(3);
    expect(sample(text, "llmguard_http_request_duration_seconds_bucket", { route, method: "GET", status: "200", le: "+Inf" })).toBe(3);
    expect(sample(text, "llmguard_http_request_duration_seconds_sum", { route, method: "GET", status: "200" })).toBeGreaterThan(0);
    expect(sample(text, "llmguard_http_request_duration_seconds_count", { route, method: "GET", status: "404" })).toBe(1);
    // Pages and Next's own routes share one bounded label, never their paths.
    expect(sample(text, "llmguard_http_request_duration_seconds_count", { route: "next", method: "GET", status: "200" })).toBeGreaterThanOrEqual(1);
    const routes = new Set(parseExposition(text).filter((s) => s.name === "llmguard_http_request_duration_seconds_count").map((s) => s.labels.route));
    for (const r of routes) expect(r, "route label").toMatch(/^(next|(GET|POST|PUT|PATCH|DELETE) \/(api\/v1|webhooks|metrics)[^ ]*)$/);
    expect([...routes].some((r) => r?.includes(proj.id))).toBe(false);
    // The scrape before was counted too, as the /metrics route.
    expect(sample(text, "llmguard_http_request_duration_seconds_count", { route: "GET /metrics", method: "GET", status: "200" })).toBeGreaterThanOrEqual(2);
  });

  it("counts ingested records, group commits and their sizes, and the detection job they trigger", async () => {
    for (let i = 0; i < 3; i++) {
      const res = await call(srv, "POST", "/api/v1/requests", { apiKey: proj.ingestKey, body: record(i) });
      expect(res.status, excerpt(res)).toBe(201);
    }
    const batch = await call(srv, "POST", "/api/v1/requests/batch", { apiKey: proj.ingestKey, body: { records: [3, 4, 5, 6].map(record) } });
    expect(batch.status, excerpt(batch)).toBe(200);
    // The same id again: answered from the first write, counted as a duplicate.
    const id = (batch.json as { results: { ok: boolean; id: string }[] }).results[0]!.id;
    expect((await call(srv, "POST", "/api/v1/requests", { apiKey: proj.ingestKey, body: { ...record(3), id } })).status).toBe(201);

    const text = expectPrometheusText(await scrape(srv), "scrape");
    expect(sample(text, "llmguard_ingest_records_total", { outcome: "stored" })).toBe(7);
    expect(sample(text, "llmguard_ingest_records_total", { outcome: "duplicate" })).toBe(1);
    expect(sample(text, "llmguard_ingest_records_total", { outcome: "failed" })).toBeUndefined();
    // Sequential calls: one group commit each (the batch's four records in one).
    expect(sample(text, "llmguard_ingest_batches_total", { outcome: "committed" })).toBe(5);
    expect(sample(text, "llmguard_ingest_batch_size_count")).toBe(5);
    expect(sample(text, "llmguard_ingest_batch_size_sum")).toBe(8);
    expect(sample(text, "llmguard_ingest_batch_size_bucket", { le: "1" })).toBe(4);
    expect(sample(text, "llmguard_ingest_commit_duration_seconds_count")).toBe(5);
    // Every flushed row's search vector was prebuilt in Node (search-vector.ts), the repeated id's too.
    expect(sample(text, "llmguard_search_vector_rows_total", { built: "node" })).toBe(8);
    expect(sample(text, "llmguard_search_vector_rows_total", { built: "postgres" })).toBeUndefined();
    expect(sample(text, "llmguard_ingest_queue_depth")).toBe(0);
    expect(sample(text, "llmguard_http_request_duration_seconds_count", { route: "POST /api/v1/requests", method: "POST", status: "201" })).toBe(4);
    expect(sample(text, "llmguard_http_request_duration_seconds_count", { route: "POST /api/v1/requests/batch", method: "POST", status: "200" })).toBe(1);

    // Committed rows feed incident detection (inline jobs): its runs are counted by job id.
    await eventually(
      async () => (await scrape(srv)).text,
      (t) => (sample(t, "llmguard_job_runs_total", { job: "detect-on-ingest" }) ?? 0) >= 1,
      "detect-on-ingest runs",
    );
  });

  it("reports open config streams and the changes pushed to them", async () => {
    const key = await call(srv, "POST", `/api/v1/projects/${proj.id}/api-keys`, { token: userToken, body: { name: "sdk", scopes: ["config:read"] } });
    expect(key.status, excerpt(key)).toBe(201);
    const sdkKey = String((key.json as { key: string }).key);
    expect(sample((await scrape(srv)).text, "llmguard_config_stream_clients")).toBe(0);

    const events: string[] = [];
    const url = new URL(srv.baseUrl);
    const req = http.get({ host: url.hostname, port: url.port, path: "/api/v1/config/stream?environment=production", headers: { "x-api-key": sdkKey } });
    const opened = new Promise<number>((resolve, reject) => {
      req.on("response", (res) => {
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => events.push(chunk));
        res.on("error", () => undefined);
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
    });
    try {
      expect(await opened).toBe(200);
      const dataEvents = () => events.join("").split("\n").filter((l) => l.startsWith("data:")).length;
      await eventually(async () => "", () => dataEvents() >= 1, "the stream's first snapshot");
      let text = (await scrape(srv)).text;
      expect(sample(text, "llmguard_config_stream_clients")).toBe(1);
      expect(sample(text, "llmguard_config_stream_pushes_total")).toBe(0);

      const put = await call(srv, "PUT", `/api/v1/projects/${proj.id}/config/production`, { token: userToken, body: { values: { "llm.model": "gpt-4o" } } });
      expect(put.status, excerpt(put)).toBe(200);
      await eventually(async () => "", () => dataEvents() >= 2, "the pushed change");
      text = (await scrape(srv)).text;
      expect(sample(text, "llmguard_config_stream_pushes_total")).toBe(1);
    } finally {
      req.destroy();
    }
    await eventually(async () => (await scrape(srv)).text, (t) => sample(t, "llmguard_config_stream_clients") === 0, "the closed stream");
  });

  it("serves the same metrics on METRICS_PORT without a token, and nothing else there", async () => {
    const res = await scrapePrivate(metricsPorts.single!);
    const text = expectPrometheusText(res, "private scrape");
    expect(familyTypes(text)).toMatchObject(LLMGUARD_FAMILIES);
    expect(sample(text, "llmguard_ingest_records_total", { outcome: "stored" })).toBe(7);
    expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect((await scrapePrivate(metricsPorts.single!, "/api/v1/me")).status).toBe(404);
    expect(srv.output()).toContain("metrics served on the private port");
    // Only on 127.0.0.1 by default (METRICS_HOST).
    expect(srv.output()).toContain(`"url":"http://127.0.0.1:${metricsPorts.single}/metrics"`);
  });
});

// --- cluster mode ---------------------------------------------------------------------------------

describe("cluster mode (WEB_CONCURRENCY=2): the workers' metrics aggregated", () => {
  let srv: BuiltServer;
  beforeAll(async () => {
    srv = await server("cluster");
  });

  it("every scrape, on either worker or on METRICS_PORT, shows the requests and records of both workers summed", async () => {
    const userToken = await account(srv, "cluster-metrics");
    const proj = await project(srv, userToken, "cluster-metrics");
    const CALLS = 12;
    const ids: string[] = [];
    for (let i = 0; i < CALLS; i++) {
      const res = await call(srv, "GET", "/api/v1/me", { token: userToken });
      expect(res.status, excerpt(res)).toBe(200);
      ids.push(String(res.headers["x-request-id"]));
    }
    for (let i = 0; i < 6; i++) expect((await call(srv, "POST", "/api/v1/requests", { apiKey: proj.ingestKey, body: record(i) })).status).toBe(201);

    // Both workers answered some of the calls (each access-log line carries its process id).
    await new Promise((r) => setTimeout(r, 300));
    const lines = srv.output().split("\n");
    const pids = new Set(ids.map((id) => /"pid":(\d+)/.exec(lines.find((l) => l.includes(id)) ?? "")?.[1]));
    expect(pids.size, srv.log()).toBe(2);

    const route = { route: "GET /api/v1/me", method: "GET", status: "200" };
    // Several scrapes over new connections: the primary hands them to both workers.
    const scrapeIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await scrape(srv);
      const text = expectPrometheusText(res, `public scrape ${i}`);
      scrapeIds.push(String(res.headers["x-request-id"]));
      expect(sample(text, "llmguard_http_request_duration_seconds_count", route), `public scrape ${i}`).toBe(CALLS);
      expect(sample(text, "llmguard_ingest_records_total", { outcome: "stored" }), `public scrape ${i}`).toBe(6);
      // The pool gauges sum both workers' pools of 10.
      expect(sample(text, "llmguard_db_pool_max_connections"), `public scrape ${i}`).toBe(20);
      expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    }
    await new Promise((r) => setTimeout(r, 300));
    const scrapePids = new Set(scrapeIds.map((id) => /"pid":(\d+)/.exec(srv.output().split("\n").find((l) => l.includes(id)) ?? "")?.[1]));
    expect(scrapePids.size, "both workers answered scrapes").toBe(2);

    const privateText = expectPrometheusText(await scrapePrivate(metricsPorts.cluster!), "private scrape (the primary)");
    expect(sample(privateText, "llmguard_http_request_duration_seconds_count", route)).toBe(CALLS);
    expect(sample(privateText, "llmguard_ingest_records_total", { outcome: "stored" })).toBe(6);
    expect(familyTypes(privateText)).toMatchObject(LLMGUARD_FAMILIES);

    // Still 401 with a wrong token on the public port of a worker.
    expect((await scrape(srv, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
  });

  it("stops with exit 0 on SIGTERM while the primary serves METRICS_PORT", async () => {
    srv.child.kill("SIGTERM");
    const result = await Promise.race([srv.exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 20_000))]);
    expect(result, srv.log()).toEqual({ code: 0, signal: null });
    expect(srv.output()).toContain("all workers stopped");
  });
});
