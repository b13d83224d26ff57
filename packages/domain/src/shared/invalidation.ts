import type { Redis } from "ioredis";
import { listenPg, type Db, type PgListener } from "@llmguard/db";
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
    listener = listenPg({
      url: opts.listenUrl,
      channel: INVALIDATION_CHANNEL,
      onMessage: (payload) => {
        try {
          opts.apply(JSON.parse(payload) as Invalidation);
        } catch (err) {
          opts.logger.warn({ err }, "ignored a malformed invalidation message");
        }
      },
      onReconnect: () => opts.applyAll(),
      onError: (err) => opts.logger.warn({ err }, "invalidation listener error; reconnecting"),
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
