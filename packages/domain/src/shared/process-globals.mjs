// The process-wide slots on globalThis that apps/web/server.mjs (plain Node) and the code Next bundles
// separately (apps/web/src, packages/*) share within one process. One list, so every side spells each
// key the same way: server.mjs imports this file as @llmguard/domain/process-globals, Next-bundled
// TypeScript the same way, the domain package by relative path (types in process-globals.d.mts).
// Symbol.for, not Symbol: each bundle may load its own copy of this module, and the keys must match.

export const GLOBAL_KEYS = Object.freeze({
  /** The AsyncLocalStorage of per-request facts (domain/src/shared/request-context.ts). */
  requestContext: Symbol.for("llmguard.requestContext"),
  /** Async clean-ups (close the database, ...) server.mjs runs on shutdown, after draining. */
  shutdownHooks: Symbol.for("llmguard.shutdownHooks"),
  /** Run first on shutdown: end long-lived responses (config streams) so draining does not wait for them. */
  drainHooks: Symbol.for("llmguard.drainHooks"),
  /**
   * The REST API (/api/v1/*, /webhooks/*) on node:http: server.mjs hands it each request before Next
   * (packages/api/src/rest/node-adapter.ts, installed by apps/web/src/instrumentation-node.ts).
   */
  restHandler: Symbol.for("llmguard.restHandler"),
  /** The process's one App (apps/web/src/server/app.ts). */
  app: Symbol.for("llmguard.app"),
  /** server.mjs's root logger, which the App logs through too (one destination, one redaction list). */
  logger: Symbol.for("llmguard.logger"),
  /** The Prometheus registry and metrics (domain/src/observability/prometheus.mjs): one per process. */
  metrics: Symbol.for("llmguard.metrics"),
  /**
   * The OpenTelemetry tracer apps/web/telemetry.mjs installs when an OTLP endpoint is configured; empty
   * otherwise (domain/src/observability/tracing.ts then creates no span at all).
   */
  tracer: Symbol.for("llmguard.tracer"),
});
