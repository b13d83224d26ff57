// Serving the Prometheus metrics (issue 14; docs/observability.md) for server.mjs and cluster.mjs. The
// metrics themselves are defined in packages/domain/src/observability/prometheus.mjs.
//
//   - Public port: GET /metrics only with METRICS_TOKEN set, and only with `Authorization: Bearer <token>`
//     (401 otherwise); unset, /metrics is not served there at all (server.mjs lets it fall through to 404).
//   - METRICS_PORT: a second, private listener (METRICS_HOST, default 127.0.0.1) that serves /metrics
//     without a token, for a scraper on the same machine or network.
//   - Cluster mode: each worker counts in its own registry; the primary aggregates them (prom-client's
//     AggregatorRegistry over cluster IPC). A scrape that reaches a worker on the public port asks the
//     primary for the aggregate, and METRICS_PORT is served by the primary, so every scrape sees all workers.
import cluster from "node:cluster";
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { AggregatorRegistry } from "prom-client";
import { sendErrorEnvelope } from "./error-envelope.mjs";

const REQUEST = "llmguard:metrics-request";
const RESPONSE = "llmguard:metrics-response";
/** How long a worker waits for the primary's aggregate (prom-client gives up on silent workers after 5 s). */
const AGGREGATE_TIMEOUT_MS = 10_000;

/** Prometheus text format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/**
 * True when `header` is `Bearer <token>`. Compares SHA-256 digests in constant time, so neither the
 * token's characters nor its length leak through timing.
 */
export function bearerMatches(header, token) {
  if (typeof header !== "string" || typeof token !== "string") return false;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) return false;
  const given = createHash("sha256").update(match[1]).digest();
  const wanted = createHash("sha256").update(token).digest();
  return timingSafeEqual(given, wanted);
}

/** 404 in the REST envelope, as an unknown /api/v1 path answers. */
/**
 * Answers one request for /metrics: `token` (METRICS_TOKEN) is required when given; `collect()` resolves
 * to the exposition text. Errors use the REST envelope.
 */
export async function answerScrape(req, res, { token, collect, log }) {
  if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
    sendErrorEnvelope(res, 401, "UNAUTHENTICATED", "GET /metrics needs Authorization: Bearer <METRICS_TOKEN>", { "www-authenticate": 'Bearer realm="metrics"' });
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendErrorEnvelope(res, 405, "METHOD_NOT_ALLOWED", "Use GET for /metrics", { allow: "GET, HEAD" });
    return;
  }
  let text;
  try {
    text = await collect();
  } catch (err) {
    log.error({ err: { message: err?.message } }, "collecting the metrics failed");
    sendErrorEnvelope(res, 503, "SERVICE_UNAVAILABLE", "Metrics are unavailable right now", { "retry-after": "1" });
    return;
  }
  res.statusCode = 200;
  res.setHeader("content-type", PROMETHEUS_CONTENT_TYPE);
  res.setHeader("cache-control", "no-store");
  res.end(req.method === "HEAD" ? undefined : text);
}

/**
 * The private metrics listener (METRICS_PORT): /metrics without a token, 404 for anything else. Logs
 * "metrics served on http://host:port/metrics" once listening; a listen error stops the process.
 */
export function startMetricsServer({ port, host, collect, log, exit }) {
  const server = http.createServer((req, res) => {
    const cut = req.url.search(/[?#]/);
    const path = cut === -1 ? req.url : req.url.slice(0, cut);
    if (path === "/metrics") return void answerScrape(req, res, { collect, log });
    sendErrorEnvelope(res, 404, "NOT_FOUND", "This port serves GET /metrics only");
  });
  server.on("error", (err) => {
    log.fatal({ err: { message: err.message, code: err.code } }, err.code === "EADDRINUSE" ? `METRICS_PORT ${port} is already in use` : "metrics server error");
    exit(1);
  });
  server.listen(port, host, () => log.info({ url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/metrics` }, "metrics served on the private port"));
  server.unref(); // never what keeps the process alive
  return server;
}

/**
 * In a cluster worker: answers the primary's collection requests with this worker's registry, and
 * returns `collect()` for the public port, which asks the primary for the aggregate of every worker.
 */
export function workerMetrics(registry) {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // installs prom-client's worker-side listener (once per process)
  let nextId = 0;
  const pending = new Map();
  process.on("message", (msg) => {
    if (msg?.type !== RESPONSE) return;
    const waiter = pending.get(msg.id);
    if (!waiter) return;
    pending.delete(msg.id);
    clearTimeout(waiter.timer);
    if (typeof msg.text === "string") waiter.resolve(msg.text);
    else waiter.reject(new Error(msg.error ?? "the primary sent no metrics"));
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the cluster primary did not send the metrics within ${AGGREGATE_TIMEOUT_MS} ms`));
      }, AGGREGATE_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer });
      process.send?.({ type: REQUEST, id }, (err) => {
        if (!err) return;
        pending.delete(id);
        clearTimeout(timer);
        reject(err);
      });
    });
}

/**
 * In the cluster primary: `collect()` aggregates every worker's metrics (counters and histograms summed,
 * gauges summed, process metrics per prom-client's rules), and workers' requests for it are answered.
 */
export function primaryMetrics({ log }) {
  const aggregator = new AggregatorRegistry();
  const collect = () => aggregator.clusterMetrics();
  cluster.on("message", (worker, msg) => {
    if (msg?.type !== REQUEST) return;
    const reply = (body) => {
      try {
        if (worker.isConnected()) worker.send({ type: RESPONSE, id: msg.id, ...body });
      } catch (err) {
        log.warn({ err: { message: err.message } }, "could not send the metrics to a worker");
      }
    };
    collect().then(
      (text) => reply({ text }),
      (err) => reply({ error: String(err?.message ?? err) }),
    );
  });
  return { collect };
}
