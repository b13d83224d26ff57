// The LLMGuard HTTP server: production (`node server.mjs`) and development (`node server.mjs --dev`).
// A Next.js custom server so that, around Next's handler, it can
//   - pick the database (DATABASE_URL, else the embedded PGlite default) and apply migrations first
//     (PGlite allows one process per data folder, so migrations must finish before Next opens it),
//   - fill in local secrets on a fresh machine,
//   - open the per-request context (AsyncLocalStorage) and write one access-log line per request,
//   - shut down gracefully on SIGTERM/SIGINT.
import { AsyncLocalStorage } from "node:async_hooks";
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeDatabase, migrateDeploy, resolveDatabase } from "@llmguard/db/migrate";
import { repoRoot } from "@llmguard/db/paths";
import { loadProcessEnv } from "@llmguard/domain/process-env";
import { GLOBAL_KEYS } from "@llmguard/domain/process-globals";
import { getMetrics, OTHER_ROUTE } from "@llmguard/domain/prometheus";
import { createRootLogger } from "@llmguard/domain/root-logger";
import pino from "pino";
import { ensureLocalSecrets } from "../../scripts/lib/runtime.mjs";
import { parseConcurrency, runClusterPrimary } from "./cluster.mjs";
import { sendErrorEnvelope } from "./error-envelope.mjs";
import { answerScrape, startMetricsServer, workerMetrics } from "./metrics.mjs";

const webDir = path.dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes("--dev");
// Before Next (and React) load: they pick their dev/prod builds from NODE_ENV at import time.
process.env.NODE_ENV ??= dev ? "development" : "production";

const env = process.env;
// PORT, HOSTNAME, SHUTDOWN_TIMEOUT_MS and LOG_LEVEL, validated by the parsers the domain's ServerEnvSchema
// uses too (packages/domain/src/process-env.mjs): a bad value stops here, naming the variable.
let processEnv;
try {
  processEnv = loadProcessEnv(env);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
const { PORT: port, HOSTNAME: hostname, SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs } = processEnv;
// Prometheus (metrics.mjs, docs/observability.md): GET /metrics on this port behind METRICS_TOKEN, and/or METRICS_PORT.
const { METRICS_TOKEN: metricsToken, METRICS_PORT: metricsPort, METRICS_HOST: metricsHost } = processEnv;

// The process's one logger (options and redaction list: packages/domain/src/shared/root-logger.mjs); the
// App that Next's code creates logs through it too (apps/web/src/server/app.ts).
// Asynchronous writes: under load the access lines of many requests leave in one write instead of one
// blocking write each (a synchronous stdout write per request cost ~20% of a config read). `exit` below
// flushes what is still buffered before the process ends.
const logDestination = pino.destination({ dest: 1, sync: false });
const log = createRootLogger({ level: processEnv.LOG_LEVEL, destination: logDestination });
globalThis[GLOBAL_KEYS.logger] = log;
function exit(code) {
  try {
    logDestination.flushSync();
  } catch {
    // nothing left to write, or stdout is gone
  }
  process.exit(code);
}

// OpenTelemetry (telemetry.mjs; docs/observability.md, "Tracing"): only with an OTLP endpoint configured, and
// before Next and the database driver load, so that its instrumentations patch `pg` and undici when they are
// required. Unset, nothing of OpenTelemetry is loaded and a request pays one read of `requestTracing` below.
let telemetry;
if (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
  try {
    const { startTelemetry } = await import("./telemetry.mjs");
    telemetry = startTelemetry({ env, log });
  } catch (err) {
    log.fatal({ err }, "could not start OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT is set)");
    exit(1);
  }
}
const requestTracing = telemetry?.requestTracing;

// Process-wide slots shared with the code Next bundles separately (keys: packages/domain/src/shared/process-globals.mjs).
// The request context is packages/domain/src/shared/request-context.ts's AsyncLocalStorage.
/** @type {AsyncLocalStorage<{ requestId: string, userId?: string, projectId?: string, route?: string, remoteAddress?: string }>} */
const als = (globalThis[GLOBAL_KEYS.requestContext] ??= new AsyncLocalStorage());
/** @type {Array<() => Promise<void> | void>} async clean-ups the app registers (close the database, ...) */
const shutdownHooks = (globalThis[GLOBAL_KEYS.shutdownHooks] ??= []);

/** Set once Next is prepared and the server exists; a signal before that just stops start-up. */
let server;
let app;
let shuttingDown = false;
let workers = 1;
try {
  workers = dev ? 1 : parseConcurrency(env.WEB_CONCURRENCY, os.availableParallelism?.() ?? os.cpus().length);
} catch (err) {
  console.error(err.message);
  exit(1);
}
const clusterWorker = cluster.isWorker && env.LLMGUARD_CLUSTER_WORKER === "1";
// The primary of cluster mode handles signals itself (cluster.mjs); everyone else shuts down here.
const clusterPrimaryWanted = cluster.isPrimary && workers > 1;
if (!clusterPrimaryWanted) {
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

// --- configuration -------------------------------------------------------------------------------
const database = resolveDatabase(env);
const secrets = ensureLocalSecrets({ root: repoRoot, env });
if (secrets.names.length > 0) {
  log.warn(
    { secrets: secrets.names, file: path.relative(process.cwd(), secrets.file) || secrets.file },
    "using generated local secrets; production must set these environment variables",
  );
}
env.NEXTAUTH_URL ??= `http://localhost:${port}`;
env.APP_URL ??= `http://localhost:${port}`;

if (!dev && !existsSync(path.join(webDir, ".next", "BUILD_ID"))) {
  log.fatal({ dir: webDir }, "no production build found: run `pnpm build` first (or `pnpm dev` for development)");
  exit(1);
}

// --- migrations, before anything opens the database ----------------------------------------------
// (in cluster mode the primary applied them before forking)
if (!clusterWorker) {
  try {
    const res = await migrateDeploy({ root: repoRoot, target: database, env });
    log.info({ applied: res.applied, durationMs: res.durationMs }, "database migrations up to date");
  } catch (err) {
    log.fatal({ database: describeDatabase(database) }, "database migration failed; not starting (details below)");
    console.error(String(err?.message ?? err)); // multi-line CLI output: readable as plain text
    exit(1);
  }
}

// --- cluster mode: WEB_CONCURRENCY workers on one port (PostgreSQL only) ---------------------------
if (clusterPrimaryWanted) {
  if (database.kind === "embedded") {
    log.warn({ workers }, "WEB_CONCURRENCY needs DATABASE_URL (the embedded database is one process); running one process");
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
    process.on("SIGINT", () => void shutdown("SIGINT"));
  } else {
    runClusterPrimary({ count: workers, log, exit, metrics: { port: metricsPort, host: metricsHost } });
    await new Promise(() => {}); // the workers serve; cluster.mjs exits when they have stopped
  }
}

// --- Prometheus metrics ----------------------------------------------------------------------------
// The process's registry (shared with the Next bundles through GLOBAL_KEYS.metrics). A cluster worker
// answers scrapes with every worker's metrics, aggregated by the primary, which also serves METRICS_PORT.
const metrics = getMetrics();
const httpDuration = metrics.httpRequestDuration;
const collectMetrics = clusterWorker ? workerMetrics(metrics.registry) : () => metrics.registry.metrics();
if (metricsPort !== undefined && !clusterWorker) startMetricsServer({ port: metricsPort, host: metricsHost, collect: collectMetrics, log, exit });

// --- Next ----------------------------------------------------------------------------------------
const { default: next } = await import("next");
app = next({ dev, dir: webDir, hostname: hostname === "0.0.0.0" ? "localhost" : hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
// The REST API is installed by src/instrumentation-node.ts, which Next starts while preparing but does
// not wait for: listen only once it is there, or the first REST requests would fall through to Next (404).
// (In development Next compiles that file first, which takes longer on a busy machine.)
const installWaitMs = dev ? 300_000 : 60_000;
for (let waited = 0; typeof globalThis[GLOBAL_KEYS.restHandler] !== "function"; waited += 10) {
  if (waited >= installWaitMs) {
    log.fatal(`the REST API was not installed within ${installWaitMs / 1000} s (src/instrumentation-node.ts did not run); not starting`);
    exit(1);
  }
  await delay(10);
}
// The last shutdown hook, so it flushes the spans of the final ingest batches, jobs and database calls: the
// App registers its hooks before instrumentation-node.ts installs the REST API, which the loop above awaited.
if (telemetry) shutdownHooks.push(telemetry.shutdown);

// --- HTTP server ---------------------------------------------------------------------------------
/** Open sockets and how many responses each is still writing; idle ones are closed on shutdown. */
const sockets = new Map();

server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  const requestId = saneRequestId(req.headers["x-request-id"]) ?? randomUUID();
  res.setHeader("x-request-id", requestId);
  if (shuttingDown) res.setHeader("connection", "close");
  // remoteAddress: the client address is derived from it under TRUST_PROXY (domain/src/shared/client-ip.ts)
  const ctx = { requestId, remoteAddress: req.socket.remoteAddress };
  const socket = req.socket;
  sockets.set(socket, (sockets.get(socket) ?? 0) + 1);

  const reqPath = pathOf(req.url);
  const traced = requestTracing && !reqPath.startsWith("/_next/static/") ? requestTracing.start(req, reqPath) : undefined;
  let finished = false;
  const onDone = () => {
    if (finished) return;
    finished = true;
    const active = (sockets.get(socket) ?? 1) - 1;
    if (sockets.has(socket)) sockets.set(socket, active);
    if (shuttingDown && active === 0) socket.end();
    if (reqPath.startsWith("/_next/static/")) return;
    const aborted = !res.writableFinished;
    // 499 (nginx's "client closed request") when the connection ended before a status was sent.
    const status = aborted && !res.headersSent ? 499 : res.statusCode;
    // Route template of the REST route table (bounded), or OTHER_ROUTE for what Next served.
    httpDuration.observe({ route: ctx.route ?? OTHER_ROUTE, method: req.method, status }, Number(process.hrtime.bigint() - started) / 1e9);
    if (traced) requestTracing.end(traced, { status, route: ctx.route, aborted });
    const line = {
      requestId,
      method: req.method,
      path: reqPath,
      status,
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      userId: ctx.userId,
      projectId: ctx.projectId,
      route: ctx.route,
      ...(aborted ? { aborted: true } : {}),
    };
    if (status >= 500) log.error(line, "request");
    else if (status >= 400 || aborted) log.warn(line, "request");
    else log.info(line, "request");
  };
  res.once("finish", onDone);
  res.once("close", onDone);

  // /metrics is also the dashboard's Metrics page. Prometheus is served on the public port only with
  // METRICS_TOKEN set, and only to a request that carries credentials (a scraper's Authorization header;
  // a wrong one is 401); a browser (session cookie, no Authorization) still gets the page from Next.
  if (reqPath === "/metrics" && metricsToken !== undefined && req.headers.authorization !== undefined) {
    ctx.route = "GET /metrics";
    void answerScrape(req, res, { token: metricsToken, collect: collectMetrics, log });
    return;
  }

  // Next answers a malformed percent-encoding in the path (`%`, `%ED%A0%80`) with a bare 500 before any
  // route runs: refuse it here as the client error it is, in the one envelope.
  if (!decodablePath(reqPath)) {
    if (reqPath.startsWith("/api/") || reqPath.startsWith("/webhooks/")) {
      sendErrorEnvelope(res, 400, "VALIDATION_FAILED", "The path is not valid percent-encoded UTF-8");
    } else {
      res.statusCode = 400;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end("Bad Request: the path is not valid percent-encoded UTF-8");
    }
    return;
  }

  const serve = () => {
    // Set by src/instrumentation-node.ts: the REST API (/api/v1/*, /webhooks/*) served from the route table on
    // node:http, without Next's route layer (packages/api/src/rest/node-adapter.ts; ARCHITECTURE decision 14).
    const rest = globalThis[GLOBAL_KEYS.restHandler];
    if (typeof rest === "function" && rest(req, res)) return;
    handle(req, res).catch((err) => {
      log.error({ requestId, err }, "unhandled error in request handler");
      if (!res.headersSent) sendErrorEnvelope(res, 500, "INTERNAL", "Internal server error");
      else res.destroy();
    });
  };
  // Traced: the request's span is the active one for everything it does (database calls, jobs it emits).
  if (traced) requestTracing.run(traced, () => als.run(ctx, serve));
  else als.run(ctx, serve);
});

server.on("connection", (socket) => {
  sockets.set(socket, 0);
  socket.once("close", () => sockets.delete(socket));
});
server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout (60 s)

server.on("error", (err) => {
  log.fatal({ err: { message: err.message, code: err.code } }, err.code === "EADDRINUSE" ? `port ${port} is already in use` : "HTTP server error");
  exit(1);
});

server.listen(port, hostname, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  // describeDatabase never includes credentials.
  console.log(`LLMGuard ready on http://localhost:${actualPort} (database: ${describeDatabase(database)})${dev ? " [development]" : ""}${clusterWorker ? ` [worker ${process.pid}]` : ""}`);
});

// --- shutdown ------------------------------------------------------------------------------------
async function shutdown(signal) {
  if (shuttingDown) return; // a terminal's Ctrl+C may arrive twice (directly and forwarded)
  shuttingDown = true;
  if (!server) {
    // Still starting (migrations or Next preparing): nothing is serving yet, nothing to drain.
    log.info({ signal }, "stopped during start-up");
    exit(0);
  }
  log.info({ signal, inFlight: [...sockets.values()].reduce((a, b) => a + b, 0) }, "shutting down");

  // First end long-lived responses (config streams), so draining does not wait for them.
  for (const hook of globalThis[GLOBAL_KEYS.drainHooks] ?? []) {
    try {
      hook();
    } catch (err) {
      log.error({ err }, "drain hook failed");
    }
  }
  const closed = new Promise((resolve) => server.close(() => resolve(true)));
  // Keep-alive connections with no request in progress would hold server.close() open.
  for (const [socket, active] of sockets) if (active === 0) socket.end();
  server.closeIdleConnections();

  const drained = await Promise.race([closed, delay(shutdownTimeoutMs, false)]);
  if (!drained) {
    log.warn({ timeoutMs: shutdownTimeoutMs, sockets: sockets.size }, "in-flight requests did not finish in time; closing connections");
    server.closeAllConnections();
    for (const socket of sockets.keys()) socket.destroy();
    await Promise.race([closed, delay(1_000)]);
  }
  // The server reports "closed" before its sockets emit 'close' (which logs aborted requests).
  for (let waited = 0; sockets.size > 0 && waited < 1_000; waited += 10) await delay(10);

  for (const hook of [...shutdownHooks]) {
    try {
      await Promise.race([
        Promise.resolve().then(() => hook()),
        delay(shutdownTimeoutMs).then(() => {
          throw new Error(`shutdown hook did not finish within ${shutdownTimeoutMs} ms`);
        }),
      ]);
    } catch (err) {
      log.error({ err, hook: hook.name || "anonymous" }, "shutdown hook failed");
    }
  }
  try {
    await Promise.race([app.close(), delay(5_000)]);
  } catch (err) {
    log.error({ err }, "closing Next failed");
  }
  log.info("stopped");
  exit(0);
}

process.on("unhandledRejection", (err) => log.error({ err }, "unhandled promise rejection"));
process.on("uncaughtException", (err) => {
  log.fatal({ err }, "uncaught exception; exiting");
  exit(1);
});

// --- helpers -------------------------------------------------------------------------------------
function decodablePath(p) {
  if (!p.includes("%")) return true;
  try {
    decodeURIComponent(p);
    return true;
  } catch {
    return false;
  }
}

/** Accepts an upstream request id only if it is a short plain token (no log injection). */
function saneRequestId(value) {
  return typeof value === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}

/** The request path without query string or fragment (queries may carry tokens). */
function pathOf(url = "/") {
  const cut = url.search(/[?#]/);
  const raw = cut === -1 ? url : url.slice(0, cut);
  if (raw.startsWith("/")) return raw;
  try {
    return new URL(raw).pathname; // absolute-form request target
  } catch {
    return raw.slice(0, 200);
  }
}

function delay(ms, value) {
  return new Promise((resolve) => setTimeout(resolve, ms, value));
}
