// OpenTelemetry tracing of the LLMGuard server (issue 14; docs/observability.md, "Tracing").
//
// server.mjs imports this module only when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is
// set, before Next and the database driver load: unset, no OpenTelemetry SDK code is loaded at all. Set, it
//   - starts the official Node SDK: resource `service.name=llmguard` (OTEL_SERVICE_NAME and
//     OTEL_RESOURCE_ATTRIBUTES override), an OTLP/HTTP exporter that honours the standard OTEL_EXPORTER_OTLP_*
//     variables (protocol http/protobuf by default, http/json on request) behind a batch span processor
//     (OTEL_BSP_*), the sampler from OTEL_TRACES_SAMPLER;
//   - instruments `pg` (database spans with the parameterized statement, never the parameter values) and
//     undici (outgoing fetch: the gateway's upstreams, OpenAI), both only under a span of ours;
//   - puts the tracer in the process-wide slot GLOBAL_KEYS.tracer, where domain's withSpan (job runs) finds it;
//   - gives server.mjs `requestTracing`, the SERVER span of each request (server.mjs creates its node:http
//     server itself, so no require-hook instrumentation sees it).
// The SDK and the instrumentations are loaded with require, like the modules they patch (Next loads `pg` and
// the Prisma adapter with Node's require: next.config.ts, serverExternalPackages).
//
// Nothing secret leaves through a span: request spans carry the method, the path without its query, the
// route template and the status; exported statements have their string literals replaced by `?`; query
// strings are cut from every URL-valued attribute (Next's own spans included) before export.
import { createRequire } from "node:module";
import { GLOBAL_KEYS } from "@llmguard/domain/process-globals";

const require = createRequire(import.meta.url);

const api = require("@opentelemetry/api");
const { NodeSDK } = require("@opentelemetry/sdk-node");
const { resourceFromAttributes, envDetector, hostDetector, osDetector, serviceInstanceIdDetector } = require("@opentelemetry/resources");
const { PgInstrumentation } = require("@opentelemetry/instrumentation-pg");
const { UndiciInstrumentation } = require("@opentelemetry/instrumentation-undici");

const { context, propagation, trace, ROOT_CONTEXT, SpanKind, SpanStatusCode } = api;
const TRACER_NAME = "llmguard";

/** The trace exporter for OTEL_EXPORTER_OTLP_TRACES_PROTOCOL / OTEL_EXPORTER_OTLP_PROTOCOL (OTLP over HTTP). */
function createTraceExporter(env, log) {
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || "http/protobuf").trim();
  if (protocol === "http/json") return new (require("@opentelemetry/exporter-trace-otlp-http").OTLPTraceExporter)();
  if (protocol !== "http/protobuf") log.warn({ protocol }, "OTLP protocol not supported here (use http/protobuf or http/json); exporting traces with http/protobuf");
  return new (require("@opentelemetry/exporter-trace-otlp-proto").OTLPTraceExporter)();
}

// --- what leaves the process ---------------------------------------------------------------------

/** Attributes whose value is a URL or a request target: their query string may carry tokens. */
const URL_ATTRIBUTES = ["url.full", "http.url", "http.target", "next.url"];
/** Attributes holding SQL: string literals are replaced (statements are parameterized; this is the safety net). */
const SQL_ATTRIBUTES = ["db.query.text", "db.statement"];

function withoutQuery(value) {
  const cut = value.search(/[?#]/);
  return cut === -1 ? value : value.slice(0, cut);
}

/** SQL with every string literal ('…', E'…', $tag$…$tag$) replaced by `?`. */
export function redactSqlLiterals(sql) {
  return sql.replace(/\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$|(?:\b[Ee])?'(?:[^'\\]|''|\\.)*'/g, "?");
}

/** Scrubs a finished span's attributes in place (the exporter's input; spans are read-only to everyone else). */
function scrubAttributes(attributes) {
  if (!attributes) return;
  for (const key of URL_ATTRIBUTES) if (typeof attributes[key] === "string") attributes[key] = withoutQuery(attributes[key]);
  for (const key of SQL_ATTRIBUTES) if (typeof attributes[key] === "string") attributes[key] = redactSqlLiterals(attributes[key]);
  delete attributes["url.query"];
}

/** The exporter with scrubAttributes applied to every span it sends. */
function scrubbing(exporter) {
  return {
    export(spans, resultCallback) {
      for (const span of spans) scrubAttributes(span.attributes);
      exporter.export(spans, resultCallback);
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

// --- start -----------------------------------------------------------------------------------------

/**
 * Starts the SDK and installs the tracer. Returns `requestTracing` for server.mjs's handler and `shutdown`,
 * which flushes the spans still queued (server.mjs runs it as the last shutdown hook).
 */
export function startTelemetry({ env, log, serviceVersion }) {
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      "service.name": "llmguard",
      ...(serviceVersion ? { "service.version": serviceVersion } : {}),
      "deployment.environment.name": env.NODE_ENV ?? "development",
      "process.pid": process.pid,
      "process.runtime.name": "nodejs",
      "process.runtime.version": process.versions.node,
    }),
    // Not the process detector: it records the command line, which may carry credentials.
    resourceDetectors: [envDetector, hostDetector, osDetector, serviceInstanceIdDetector],
    traceExporter: scrubbing(createTraceExporter(env, log)),
    // Traces only: Prometheus serves the metrics (GET /metrics), pino the logs.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
    ],
  });
  sdk.start();
  const tracer = trace.getTracer(TRACER_NAME, serviceVersion);
  globalThis[GLOBAL_KEYS.tracer] = tracer;

  let stopped;
  const shutdown = () =>
    (stopped ??= (async () => {
      globalThis[GLOBAL_KEYS.tracer] = undefined;
      await sdk.shutdown();
    })());

  log?.info({ endpoint: describeEndpoint(env) }, "OpenTelemetry tracing on: exporting spans over OTLP");
  return { requestTracing: createRequestTracing(tracer), shutdown };
}

/** The endpoint without credentials or query (for the start-up log line). */
function describeEndpoint(env) {
  const raw = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT || "";
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(not a URL)";
  }
}

// --- the SERVER span of each request ---------------------------------------------------------------

const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]);

/**
 * server.mjs's per-request calls: `start` when the request arrives (the parent from a W3C `traceparent`
 * header), `run` to make the span active for everything the request does, `end` with what the access log
 * knows when the response is done.
 */
function createRequestTracing(tracer) {
  return {
    /** @returns {{ span: import("@opentelemetry/api").Span, method: string, context: import("@opentelemetry/api").Context }} */
    start(req, path) {
      const parent = propagation.extract(ROOT_CONTEXT, req.headers);
      const method = KNOWN_METHODS.has(req.method) ? req.method : "_OTHER";
      const span = tracer.startSpan(
        method,
        {
          kind: SpanKind.SERVER,
          attributes: {
            "http.request.method": method,
            "url.path": path,
            "url.scheme": "http",
            "network.protocol.version": req.httpVersion,
          },
        },
        parent,
      );
      return { span, method, context: trace.setSpan(parent, span) };
    },
    run(traced, fn) {
      return context.with(traced.context, fn);
    },
    /** `route` is the REST route table's "METHOD /path/{param}" (ctx.route), absent for Next's pages. */
    end(traced, { status, route, aborted }) {
      const { span, method } = traced;
      span.setAttribute("http.response.status_code", status);
      if (route) {
        const template = route.slice(route.indexOf(" ") + 1);
        span.setAttribute("http.route", template);
        span.updateName(`${method} ${template}`);
      }
      if (status >= 500) {
        span.setAttribute("error.type", String(status));
        span.setStatus({ code: SpanStatusCode.ERROR });
      } else if (aborted) span.setAttribute("error.type", "aborted");
      span.end();
    },
  };
}
