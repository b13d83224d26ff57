import { createPrisma, databasePool, type Db } from "@llmguard/db";
import { ALLOWANCE_TTL_MS, type AllowanceView } from "./billing/usage";
import type { ServerEnv } from "./env";
import { createLimiterFactory, type Limiter } from "./shared/rate-limit";
import { createMailer, type Mailer } from "./shared/mailer";
import { createLogger, type Logger } from "./shared/logger";
import { TtlCache } from "./shared/ttl-cache";
import { GroupCommitter } from "./requests/group-commit";
import { createInvalidationBus, type Invalidation } from "./shared/invalidation";
import type { ApiKeyPrincipal } from "./api-keys/api-key.service";
import type { GuardSettings } from "./requests/guard-settings";
import { ConfigHub } from "./config/config-hub";
import type { DeliveryEntry } from "./config/delivery.service";
import type { UpstreamTarget } from "./gateway/upstream-config";
import { createLocalKeyProvider, type KeyProvider } from "./secrets/key-provider";
import { discardEvents, type EventSink } from "./shared/events";
import { IngestEventBuffer } from "./incidents/detection/ingest-buffer";
import { getMetrics, type Metrics } from "./observability/prometheus.mjs";

/**
 * Everything a service needs from the outside world, built once per process by the web app (and per
 * test file by the tests). Services receive it as `app`; nothing here is a module-level singleton.
 */
export interface App {
  db: Db;
  env: ServerEnv;
  logger: Logger;
  mailer: Mailer;
  limits: AppLimits;
  caches: AppCaches;
  /** Group commit of ingested requests (ARCHITECTURE decision 6). */
  ingest: GroupCommitter;
  /**
   * Commits every queued record and hands the detection events of all committed ones to `events` at
   * once (they are otherwise batched for up to 250 ms): on shutdown, before the job runner closes.
   */
  drainIngest(): Promise<void>;
  /** Wraps the per-project data keys that encrypt secrets (ARCHITECTURE decision 9). */
  keyProvider: KeyProvider;
  /** This instance's config streams (SSE), woken by every config change of their project. */
  configHub: ConfigHub;
  /** Background work: events for the job engine (packages/jobs), which is wired in by the web app. */
  events: EventSink;
  /** Prometheus metrics (observability/prometheus.mjs): the process's, unless a test passed its own. */
  metrics: Metrics;
  /** Drops cached entries here at once and on every other instance (see shared/invalidation.ts). */
  invalidate(msg: Invalidation): Promise<void>;
  close(): Promise<void>;
}

export interface AppCaches {
  /** API-key lookups by lookup hash; entries are deleted on rotation and deletion. */
  apiKeys: TtlCache<ApiKeyPrincipal & { expiresAt: Date | null }>;
  /** Per-project settings the ingest path enforces; deleted when the settings change. */
  guardSettings: TtlCache<GuardSettings>;
  /** Unwrapped project data keys (only ever read from committed rows). */
  dataKeys: TtlCache<Buffer>;
  /** Pre-serialized config per (project, environment, with secrets or not), with its ETag. */
  configDelivery: TtlCache<DeliveryEntry>;
  /** Billing (issue 11): the account (owner) each project's usage counts for. */
  projectAccounts: TtlCache<string>;
  /** Billing: each active account's allowance view (see billing/usage.ts). */
  allowances: TtlCache<AllowanceView>;
  /** Gateway (issue 13): each (project, environment)'s upstream with its key; deleted on any config or secret change. */
  gatewayUpstreams: TtlCache<UpstreamTarget>;
}

export interface AppLimits {
  /** Failed logins per e-mail and per IP (requirement 1.5 throttling). */
  loginFailuresByEmail: Limiter;
  loginFailuresByIp: Limiter;
  /** Reset e-mails per address, so the endpoint cannot be used to flood an inbox. */
  resetRequestsByEmail: Limiter;
  /** Requests per authenticated user and per API key (requirement 10.1). */
  perUser: Limiter;
  perApiKey: Limiter;
  /** Ingested records per project per minute, at the rate in the project's settings. */
  perProject(requestsPerMinute: number): Limiter;
  /** Calls per end user per minute under a rate_limit_user rule (issue 10), shared through Redis when configured. */
  perEndUser(requestsPerMinute: number): Limiter;
}

/** One limiter per rate, created on first use (a rate is a project setting or a rule's parameter). */
function byRate(create: (rpm: number) => Limiter): (rpm: number) => Limiter {
  const limiters = new Map<number, Limiter>();
  return (rpm) => {
    let l = limiters.get(rpm);
    if (!l) limiters.set(rpm, (l = create(rpm)));
    return l;
  };
}

/**
 * `listenUrl`: the PostgreSQL URL for the invalidation LISTEN connection when it differs from
 * env.DATABASE_URL (tests pass their per-file database); none on the embedded default.
 */
export async function createApp(opts: { env: ServerEnv; db?: Db; logger?: Logger; listenUrl?: string; events?: EventSink; metrics?: Metrics }): Promise<App> {
  const { env } = opts;
  const logger = opts.logger ?? createLogger({ level: env.LOG_LEVEL });
  const db =
    opts.db ??
    (env.DATABASE_URL
      ? await createPrisma({
          kind: "postgres",
          url: env.DATABASE_URL,
          poolMax: env.DATABASE_POOL_MAX,
          onIdleError: (err) => logger.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, "database: an idle pooled connection failed; the pool dropped it"),
        })
      : await createPrisma({ kind: "embedded", dataDir: env.PGLITE_DIR }));
  let redis: import("ioredis").Redis | undefined;
  if (env.REDIS_URL) {
    const { Redis } = await import("ioredis");
    redis = new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  }
  const limiter = createLimiterFactory(redis);
  const window = env.LOGIN_FAILURE_WINDOW_SECONDS;
  const limits: AppLimits = {
    loginFailuresByEmail: limiter({ name: "login-email", points: env.LOGIN_MAX_FAILURES_PER_EMAIL, durationSeconds: window, message: "Too many failed logins. Try again later." }),
    loginFailuresByIp: limiter({ name: "login-ip", points: env.LOGIN_MAX_FAILURES_PER_IP, durationSeconds: window, message: "Too many failed logins. Try again later." }),
    resetRequestsByEmail: limiter({ name: "reset-email", points: 5, durationSeconds: 3600, message: "Too many reset requests. Try again later." }),
    perUser: limiter({ name: "user", points: env.RATE_LIMIT_USER_PER_MINUTE, durationSeconds: 60 }),
    perApiKey: limiter({ name: "api-key", points: env.RATE_LIMIT_API_KEY_PER_MINUTE, durationSeconds: 60 }),
    perProject: byRate((rpm) => limiter({ name: `project-rpm-${rpm}`, points: rpm, durationSeconds: 60, message: `Project rate limit of ${rpm} requests per minute exceeded` })),
    perEndUser: byRate((rpm) => limiter({ name: `end-user-rpm-${rpm}`, points: rpm, durationSeconds: 60, message: `End user limit of ${rpm} requests per minute exceeded` })),
  };
  // Short TTLs: a change made on another instance is seen within this bound; changes made here are
  // applied at once by deleting the entry.
  // Config delivery entries are dropped on every change (bus) and live at most 60 s otherwise; the
  // dropped-bus case is covered by applyAll and by the SDK's polling.
  const caches: AppCaches = {
    apiKeys: new TtlCache(2_000),
    guardSettings: new TtlCache(1_000),
    dataKeys: new TtlCache(10 * 60_000),
    configDelivery: new TtlCache(60_000),
    projectAccounts: new TtlCache(60_000),
    allowances: new TtlCache(ALLOWANCE_TTL_MS),
    gatewayUpstreams: new TtlCache(60_000),
  };
  const events = opts.events ?? discardEvents;
  // Committed rows feed incident detection as batched events; the callers' 201s never wait for it.
  const ingested = new IngestEventBuffer(events);
  const metrics = opts.metrics ?? getMetrics();
  const ingest = new GroupCommitter(db, logger, { onCommitted: (rows) => ingested.add(rows), metrics });
  const configHub = new ConfigHub();
  // Read when Prometheus scrapes; unregistered on close.
  const pool = databasePool(db);
  const unregisterMetrics = [metrics.addIngestQueue(ingest), metrics.addConfigHub(configHub), ...(pool ? [metrics.addDbPool(pool)] : [])];
  const keyProvider = createLocalKeyProvider({ masterKey: env.SECRETS_MASTER_KEY, retiredMasterKeys: env.SECRETS_MASTER_KEYS_RETIRED });
  const bus = createInvalidationBus({
    db,
    logger,
    listenUrl: opts.listenUrl ?? env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    apply: (msg) => {
      if (msg.kind === "apiKey") {
        caches.apiKeys.deleteWhere((k) => k.keyId === msg.keyId);
        configHub.closeKey(msg.keyId);
      }
      if (msg.kind === "project") {
        caches.apiKeys.deleteWhere((k) => k.projectId === msg.projectId);
        caches.dataKeys.delete(msg.projectId);
        caches.projectAccounts.delete(msg.projectId);
        configHub.closeProject(msg.projectId);
      }
      if (msg.kind === "project" || msg.kind === "settings" || msg.kind === "config") {
        caches.guardSettings.delete(msg.projectId);
        caches.configDelivery.deleteWhere((e) => e.projectId === msg.projectId);
        caches.gatewayUpstreams.deleteWhere((u) => u.projectId === msg.projectId);
        configHub.notify(msg.projectId);
      }
    },
    applyAll: () => {
      caches.apiKeys.clear();
      caches.guardSettings.clear();
      caches.configDelivery.clear();
      caches.gatewayUpstreams.clear();
      configHub.notifyAll();
    },
  });
  const mailer = await createMailer({ db, logger, smtpUrl: env.SMTP_URL, from: env.SMTP_FROM });
  return {
    db,
    env,
    logger,
    mailer,
    limits,
    caches,
    ingest,
    keyProvider,
    configHub,
    events,
    metrics,
    invalidate: (msg) => bus.publish(msg),
    async drainIngest() {
      await ingest.drain();
      ingested.flush();
    },
    async close() {
      for (const unregister of unregisterMetrics) unregister();
      configHub.closeAll();
      await ingest.drain();
      ingested.flush();
      await bus.close();
      redis?.disconnect();
      if (!opts.db) await db.$disconnect();
    },
  };
}
