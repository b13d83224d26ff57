import type { Redis } from "ioredis";
import { listenPg, type Db, type PgListener } from "@llmguard/db";
import { isDatabaseUnavailable } from "./errors";
import type { Logger } from "./logger";

/**
 * Cache invalidation across instances (ARCHITECTURE decision 5: revocation and rotation take effect
 * immediately on every instance). A change is applied to this instance's caches at once and announced
 * after its transaction committed, with pg_notify (every instance LISTENs), or over Redis pub/sub when
 * REDIS_URL is set (ARCHITECTURE decision 8); every instance drops the same entries and wakes its config
 * streams. On the embedded default there is one process, so the local application is all there is.
 */
export type Invalidation =
  | { kind: "apiKey"; keyId: string }
  | { kind: "project"; projectId: string }
  | { kind: "settings"; projectId: string }
  /** Any config, settings or secret change of the project: delivery caches and streams. */
  | { kind: "config"; projectId: string };

export const INVALIDATION_CHANNEL = "llmguard_invalidate";

export interface InvalidationBus {
  publish(msg: Invalidation): Promise<void>;
  close(): Promise<void>;
}

export function createInvalidationBus(opts: {
  db: Db;
  listenUrl?: string;
  /** Redis URL: use Redis pub/sub instead of LISTEN/NOTIFY. */
  redisUrl?: string;
  logger: Logger;
  apply: (msg: Invalidation) => void;
  /** After a dropped LISTEN connection: notifications may have been missed. */
  applyAll: () => void;
}): InvalidationBus {
  if (opts.redisUrl) return createRedisBus({ ...opts, redisUrl: opts.redisUrl });
  let listener: PgListener | null = null;
  if (opts.listenUrl) {
    const report = listenerErrorReporter(opts.logger);
    listener = listenPg({
      url: opts.listenUrl,
      channel: INVALIDATION_CHANNEL,
      onMessage: (payload) => {
        const msg = parse(payload, opts.logger);
        if (msg) opts.apply(msg);
      },
      onReconnect: () => {
        report.reconnected();
        opts.applyAll();
      },
      onError: report.error,
    });
  }
  return {
    async publish(msg) {
      opts.apply(msg);
      if (!listener) return;
      try {
        await opts.db.$executeRaw`SELECT pg_notify(${INVALIDATION_CHANNEL}, ${JSON.stringify(msg)})`;
      } catch (err) {
        // The change itself is committed; other instances fall back to their cache TTL (≤ 2 s).
        opts.logger.warn({ err, msg }, "could not announce a cache invalidation");
      }
    },
    async close() {
      await listener?.close();
    },
  };
}

/** SQLSTATE 3D000: the listener's database was dropped (e.g. a test database at the end of a run). */
const DATABASE_DOES_NOT_EXIST = "3D000";

/**
 * A lost connection (PostgreSQL down or restarting, the backend terminated by an administrator, 57P01,
 * or its database dropped, 3D000) is an expected outage: listenPg reconnects with backoff, so it is one
 * warn line without a stack per outage, each further failed attempt is debug, and the reconnect is info
 * (issue 8: dropping the e2e database under the server logged a stack trace every few seconds).
 * Anything else keeps its stack, once per outage too.
 */
function listenerErrorReporter(logger: Logger) {
  let failing = false;
  return {
    error(err: unknown) {
      const e = err as { code?: unknown; message?: unknown } | null;
      const code = typeof e?.code === "string" ? e.code : undefined;
      const reason = typeof e?.message === "string" ? e.message : String(err);
      if (failing) {
        logger.debug({ code, reason }, "invalidation listener still disconnected; reconnecting");
        return;
      }
      failing = true;
      if (code === DATABASE_DOES_NOT_EXIST || isDatabaseUnavailable(err)) {
        logger.warn({ code, reason }, "invalidation listener lost its database connection; reconnecting");
      } else {
        logger.warn({ err }, "invalidation listener error; reconnecting");
      }
    },
    reconnected() {
      if (failing) logger.info("invalidation listener reconnected; caches cleared");
      failing = false;
    },
  };
}

function parse(payload: string, logger: Logger): Invalidation | null {
  try {
    return JSON.parse(payload) as Invalidation;
  } catch (err) {
    logger.warn({ err }, "ignored a malformed invalidation message");
    return null;
  }
}

/**
 * The same bus over Redis pub/sub: one subscriber connection per instance (a subscribed connection can do
 * nothing else) and the publishing one. ioredis re-subscribes after a reconnect; messages published
 * meanwhile are lost, so a reconnect clears everything (applyAll), as the PostgreSQL listener does.
 */
function createRedisBus(opts: { redisUrl: string; logger: Logger; apply: (msg: Invalidation) => void; applyAll: () => void }): InvalidationBus {
  let sub: Redis | null = null;
  let pub: Redis | null = null;
  let connectedOnce = false;
  const ready = (async () => {
    const { Redis } = await import("ioredis");
    pub = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1 });
    sub = new Redis(opts.redisUrl);
    pub.on("error", (err) => opts.logger.warn({ err }, "invalidation publisher error"));
    sub.on("error", (err) => opts.logger.warn({ err }, "invalidation subscriber error; reconnecting"));
    sub.on("ready", () => {
      if (connectedOnce) opts.applyAll();
      connectedOnce = true;
    });
    sub.on("message", (channel: string, payload: string) => {
      if (channel !== INVALIDATION_CHANNEL) return;
      const msg = parse(payload, opts.logger);
      if (msg) opts.apply(msg);
    });
    await sub.subscribe(INVALIDATION_CHANNEL);
  })().catch((err: unknown) => opts.logger.warn({ err }, "could not subscribe to invalidations on Redis"));
  return {
    async publish(msg) {
      opts.apply(msg);
      await ready;
      try {
        await pub?.publish(INVALIDATION_CHANNEL, JSON.stringify(msg));
      } catch (err) {
        opts.logger.warn({ err, msg }, "could not announce a cache invalidation");
      }
    },
    async close() {
      await ready;
      sub?.disconnect();
      pub?.disconnect();
    },
  };
}
