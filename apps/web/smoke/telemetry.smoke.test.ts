// OpenTelemetry tracing of the built production server (issue 14; docs/observability.md, "Tracing"), received
// on a local OTLP/HTTP collector: a plain node:http server taking POST /v1/traces in OTLP's JSON encoding
// (OTEL_EXPORTER_OTLP_PROTOCOL=http/json).
//
// The traced server exports a batch a second (OTEL_BSP_SCHEDULE_DELAY); the test waits for the job span,
// then sends one last request and SIGTERM at once: that request's spans arrive only if the shutdown flushes
// them (its graceful stop takes well under the batch delay). A second server starts without
// OTEL_EXPORTER_OTLP_ENDPOINT. Both run with a preload (NODE_OPTIONS --require) that
// reports each OpenTelemetry package other than @opentelemetry/api (which Next itself requires) loaded by
// Node's require — where telemetry.mjs loads the SDK — so the test sees what the untraced one does not load.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, startBuiltServer, type BuiltServer, type RawRequest, type RawResponse } from "./built-server";

// --- the collector --------------------------------------------------------------------------------

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  statusCode: number;
  scope: string;
  attributes: Record<string, unknown>;
}

/** OTLP's SpanKind and StatusCode numbers (opentelemetry-proto trace.proto), written out. */
const SPAN_KIND_SERVER = 2;
const STATUS_CODE_ERROR = 2;

interface OtlpAnyValue {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpAnyValue[] };
}
interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

function anyValue(v: OtlpAnyValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(anyValue);
  return undefined;
}

const attributesOf = (kvs: OtlpKeyValue[] = []): Record<string, unknown> => Object.fromEntries(kvs.map((kv) => [kv.key, anyValue(kv.value)]));

interface Collector {
  url: string;
  spans: ReceivedSpan[];
  resources: Record<string, unknown>[];
  /** Every request body as received, for the secrets check. */
  bodies: string[];
  requests: { method: string; path: string; contentType: string }[];
  close(): Promise<void>;
}

async function startCollector(): Promise<Collector> {
  const spans: ReceivedSpan[] = [];
  const resources: Record<string, unknown>[] = [];
  const bodies: string[] = [];
  const requests: Collector["requests"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "", path: req.url ?? "", contentType: String(req.headers["content-type"] ?? "") });
      bodies.push(body);
      try {
        const doc = JSON.parse(body) as {
          resourceSpans?: { resource?: { attributes?: OtlpKeyValue[] }; scopeSpans?: { scope?: { name?: string }; spans?: (Omit<ReceivedSpan, "attributes" | "scope" | "statusCode"> & { attributes?: OtlpKeyValue[]; status?: { code?: number } })[] }[] }[];
        };
        for (const rs of doc.resourceSpans ?? []) {
          resources.push(attributesOf(rs.resource?.attributes));
          for (const ss of rs.scopeSpans ?? []) {
            for (const s of ss.spans ?? []) {
              spans.push({ traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId ?? "", name: s.name, kind: s.kind, statusCode: s.status?.code ?? 0, scope: ss.scope?.name ?? "", attributes: attributesOf(s.attributes) });
            }
          }
        }
      } catch {
        // not JSON: recorded in requests/bodies, and the content-type assertion names it
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, spans, resources, bodies, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// --- servers --------------------------------------------------------------------------------------

let collector: Collector;
let probeDir: string;
let traced: BuiltServer;
let plain: BuiltServer;

const PROBE_MARK = "[otel-probe]";
const PROBE = `
const Module = require("node:module");
process.stderr.write(${JSON.stringify(PROBE_MARK)} + " active\\n");
const seen = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  if (typeof request === "string" && request.startsWith("@opentelemetry/") && request !== "@opentelemetry/api" && !seen.has(request)) {
    seen.add(request);
    process.stderr.write(${JSON.stringify(PROBE_MARK)} + " loaded " + request + "\\n");
  }
  return load.call(this, request, ...rest);
};
`;

function withProbe(): string {
  return [process.env.NODE_OPTIONS, `--require ${path.join(probeDir, "probe.cjs")}`].filter(Boolean).join(" ");
}

beforeAll(async () => {
  collector = await startCollector();
  probeDir = mkdtempSync(path.join(os.tmpdir(), "llmguard-otel-probe-"));
  writeFileSync(path.join(probeDir, "probe.cjs"), PROBE);
  const tracedStart = startBuiltServer({
    label: "telemetry/traced",
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: undefined,
      OTEL_BSP_SCHEDULE_DELAY: "1000",
      OTEL_TRACES_SAMPLER: undefined,
      OTEL_SDK_DISABLED: undefined,
      NODE_OPTIONS: withProbe(),
    },
  });
  const plainStart = startBuiltServer({
    label: "telemetry/plain",
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined, NODE_OPTIONS: withProbe() },
  });
  const [a, b] = await Promise.allSettled([tracedStart, plainStart]);
  if (a.status === "fulfilled") traced = a.value;
  if (b.status === "fulfilled") plain = b.value;
  if (a.status === "rejected") throw a.reason;
  if (b.status === "rejected") throw b.reason;
});

afterAll(async () => {
  await Promise.all([traced?.stop(), plain?.stop()]);
  await collector?.close();
  if (probeDir) rmSync(probeDir, { recursive: true, force: true });
});

// --- helpers --------------------------------------------------------------------------------------

function call(srv: BuiltServer, method: string, p: string, opts: Omit<RawRequest, "method" | "path"> & { token?: string; apiKey?: string } = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.apiKey) headers["x-api-key"] = opts.apiKey;
  return rawRequest(srv.baseUrl, { ...opts, method, path: p, headers });
}

function expectStatus(res: RawResponse, status: number, what: string): void {
  expect(res.status, `${what} → ${res.status} ${res.text.slice(0, 400)}`).toBe(status);
}

/** The spans from `span` up to its trace's root, as received (missing parents end the walk). */
function ancestors(span: ReceivedSpan, all: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(all.filter((s) => s.traceId === span.traceId).map((s) => [s.spanId, s]));
  const chain: ReceivedSpan[] = [];
  for (let p = byId.get(span.parentSpanId); p && chain.length < 100; p = byId.get(p.parentSpanId)) chain.push(p);
  return chain;
}

const statementOf = (s: ReceivedSpan): string => String(s.attributes["db.query.text"] ?? s.attributes["db.statement"] ?? "");
const describeSpans = (spans: ReceivedSpan[]) => spans.map((s) => `${s.scope} | ${s.name} | ${JSON.stringify(s.attributes).slice(0, 300)}`).join("\n");

// --- the traffic, then the shutdown that flushes its spans ------------------------------------------

const PASSWORD = `pw-${randomBytes(8).toString("hex")}`;
/** Text only the ingested record holds: it must never reach a span. */
const PROMPT_MARKER = `prompt-marker-${randomBytes(6).toString("hex")}`;
const RESPONSE_MARKER = `response-marker-${randomBytes(6).toString("hex")}`;
const QUERY_SECRET = `query-secret-${randomBytes(6).toString("hex")}`;
const PARENT_TRACE_ID = randomBytes(16).toString("hex");
const PARENT_SPAN_ID = randomBytes(8).toString("hex");
const LAST_TRACE_ID = randomBytes(16).toString("hex");

const facts = {} as { token: string; projectId: string; apiKey: string; tracedOutput: string };

describe("a server with OTEL_EXPORTER_OTLP_ENDPOINT set", () => {
  beforeAll(async () => {
    const health = await call(traced, "GET", "/api/health", { headers: { traceparent: `00-${PARENT_TRACE_ID}-${PARENT_SPAN_ID}-01` } });
    expectStatus(health, 200, "health");

    const email = `otel-${randomBytes(5).toString("hex")}@example.com`;
    expectStatus(await call(traced, "POST", "/api/v1/auth/register", { body: { email, password: PASSWORD } }), 201, `register${traced.log()}`);
    const login = await call(traced, "POST", "/api/v1/auth/login", { body: { email, password: PASSWORD } });
    expectStatus(login, 200, "login");
    facts.token = String((login.json as { accessToken: string }).accessToken);
    const created = await call(traced, "POST", "/api/v1/projects", { token: facts.token, body: { name: `otel ${randomBytes(3).toString("hex")}` } });
    expectStatus(created, 201, "create project");
    const body = created.json as { project: { id: string }; apiKey: { key: string } };
    facts.projectId = body.project.id;
    facts.apiKey = body.apiKey.key;

    // A REST call that reads the database; its query string carries something that must not be exported.
    expectStatus(await call(traced, "GET", `/api/v1/projects/${facts.projectId}?token=${QUERY_SECRET}`, { token: facts.token }), 200, "get project");
    // Ingest: the record is committed, then the detect-on-ingest job runs in this process (inline jobs).
    const ingest = await call(traced, "POST", "/api/v1/requests", {
      apiKey: facts.apiKey,
      body: { prompt: `Summarize ${PROMPT_MARKER}`, response: `Done: ${RESPONSE_MARKER}`, model: "gpt-4o-mini", latencyMs: 120, promptTokens: 20, completionTokens: 10, status: "success" },
    });
    expectStatus(ingest, 201, "ingest");
    expectStatus(await call(traced, "GET", `/api/v1/projects/${randomUUID()}`, { token: facts.token }), 404, "unknown project");

    // The job runs after the ingest's detection window; its span is exported with the next batch.
    const deadline = Date.now() + 60_000;
    while (!collector.spans.some((s) => s.name === "job detect-on-ingest") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

    // The last request, then SIGTERM at once: in-flight work finishes, then the last shutdown hook flushes.
    expectStatus(await call(traced, "GET", "/api/health", { headers: { traceparent: `00-${LAST_TRACE_ID}-${PARENT_SPAN_ID}-01` } }), 200, "last health");
    await traced.stop();
    facts.tracedOutput = traced.output();
  });

  it("exports over OTLP/HTTP in the JSON encoding to the configured endpoint", () => {
    expect(collector.requests.length, `nothing arrived at the collector${traced.log()}`).toBeGreaterThan(0);
    for (const r of collector.requests) {
      expect(r.method).toBe("POST");
      expect(r.path).toBe("/v1/traces");
      expect(r.contentType).toContain("application/json");
    }
    const resource = collector.resources[0] ?? {};
    expect(resource["service.name"]).toBe("llmguard");
    expect(resource["deployment.environment.name"]).toBe("production");
    expect(resource).not.toHaveProperty("process.command_args");
  });

  it("records a SERVER span per request with the route template, path without query and status", () => {
    const span = collector.spans.find((s) => s.kind === SPAN_KIND_SERVER && s.attributes["url.path"] === `/api/v1/projects/${facts.projectId}` && s.scope === "llmguard");
    expect(span, describeSpans(collector.spans.filter((s) => s.kind === SPAN_KIND_SERVER))).toBeDefined();
    expect(span!.name).toBe("GET /api/v1/projects/{projectId}");
    expect(span!.attributes["http.route"]).toBe("/api/v1/projects/{projectId}");
    expect(span!.attributes["http.request.method"]).toBe("GET");
    expect(span!.attributes["http.response.status_code"]).toBe(200);
    expect(span!.statusCode).not.toBe(STATUS_CODE_ERROR);

    const missing = collector.spans.find((s) => s.scope === "llmguard" && s.kind === SPAN_KIND_SERVER && s.attributes["http.response.status_code"] === 404);
    expect(missing?.attributes["http.route"]).toBe("/api/v1/projects/{projectId}");
    expect(missing?.statusCode).not.toBe(STATUS_CODE_ERROR); // a 4xx is the client's error, not the server's

    const ingest = collector.spans.find((s) => s.scope === "llmguard" && s.kind === SPAN_KIND_SERVER && s.attributes["url.path"] === "/api/v1/requests");
    expect(ingest?.name).toBe("POST /api/v1/requests");
    expect(ingest?.attributes["http.response.status_code"]).toBe(201);
  });

  it("continues the trace of an incoming W3C traceparent header", () => {
    const health = collector.spans.find((s) => s.scope === "llmguard" && s.attributes["url.path"] === "/api/health");
    expect(health, describeSpans(collector.spans.filter((s) => s.scope === "llmguard"))).toBeDefined();
    expect(health!.traceId).toBe(PARENT_TRACE_ID);
    expect(health!.parentSpanId).toBe(PARENT_SPAN_ID);
    expect(health!.attributes["http.response.status_code"]).toBe(200);
  });

  it("records the database calls of a request as its descendants, with the statement", () => {
    const server = collector.spans.find((s) => s.scope === "llmguard" && s.attributes["url.path"] === `/api/v1/projects/${facts.projectId}`);
    expect(server).toBeDefined();
    const pgSpans = collector.spans.filter((s) => s.scope === "@opentelemetry/instrumentation-pg");
    expect(pgSpans.length, `no pg span arrived; scopes: ${[...new Set(collector.spans.map((s) => s.scope))].join(", ")}`).toBeGreaterThan(0);
    const underRequest = pgSpans.filter((s) => s.traceId === server!.traceId && ancestors(s, collector.spans).some((a) => a.spanId === server!.spanId));
    const queries = underRequest.filter((s) => /\bselect\b/i.test(statementOf(s)));
    expect(queries.length, describeSpans(pgSpans.filter((s) => s.traceId === server!.traceId))).toBeGreaterThan(0);
    expect(queries[0]!.attributes["db.system.name"] ?? queries[0]!.attributes["db.system"]).toBe("postgresql");
  });

  it("records a span per job run with its name, attempt and outcome", () => {
    const job = collector.spans.find((s) => s.name === "job detect-on-ingest");
    expect(job, `no job span; names: ${[...new Set(collector.spans.map((s) => s.name))].join(", ")}\n--- traced server output ---\n${facts.tracedOutput.slice(-6000)}`).toBeDefined();
    expect(job!.attributes).toMatchObject({ "job.id": "detect-on-ingest", "job.engine": "inline", "job.attempt": 1, "job.outcome": "success", "job.event": "requests/requests.ingested", "llmguard.project.id": facts.projectId });
    expect(job!.statusCode).not.toBe(STATUS_CODE_ERROR);
  });

  it("exports no credential, prompt, response or query string", () => {
    const forbidden = { apiKey: facts.apiKey, token: facts.token, password: PASSWORD, prompt: PROMPT_MARKER, response: RESPONSE_MARKER, query: QUERY_SECRET };
    expect(collector.bodies.length).toBeGreaterThan(0);
    for (const [what, value] of Object.entries(forbidden)) {
      expect(value.length, what).toBeGreaterThan(8);
      for (const body of collector.bodies) expect(body.includes(value), `the ${what} was exported`).toBe(false);
    }
  });

  it("flushes the spans still queued when it shuts down", () => {
    const last = collector.spans.find((s) => s.scope === "llmguard" && s.traceId === LAST_TRACE_ID);
    expect(last, `the last request's span did not arrive${traced.log(2_000)}`).toBeDefined();
    expect(last!.attributes["url.path"]).toBe("/api/health");
  });

  it("loads the OpenTelemetry SDK (the probe's positive control)", () => {
    expect(facts.tracedOutput).toContain(`${PROBE_MARK} active`);
    expect(facts.tracedOutput).toContain(`${PROBE_MARK} loaded @opentelemetry/sdk-node`);
    expect(facts.tracedOutput).toContain("OpenTelemetry tracing on");
  });
});

describe("a server without OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  it("loads no OpenTelemetry SDK, exporter or instrumentation, and serves", async () => {
    expectStatus(await call(plain, "GET", "/api/health"), 200, "health");
    const out = plain.output();
    expect(out, plain.log()).toContain(`${PROBE_MARK} active`);
    expect(out.split("\n").filter((l) => l.includes(`${PROBE_MARK} loaded`))).toEqual([]);
    expect(out).not.toContain("OpenTelemetry tracing on");
  });
});
