import { listenPg, type Db, type PgListener } from "@llmguard/db";
import type { Logger } from "./logger";

/**
 * Cache invalidation across instances (ARCHITECTURE decision 5: revocation and rotation take effect
 * immediately on every instance). A change is applied to this instance's caches at once and announced
 * with pg_notify after its transaction committed; every instance LISTENs and drops the same entries.
 * On the embedded default there is one process, so the local application is all there is.
 */
export type Invalidation =
  | { kind: "apiKey"; keyId: string }
  | { kind: "project"; projectId: string }
  | { kind: "settings"; projectId: string };

export const INVALIDATION_CHANNEL = "llmguard_invalidate";

export interface InvalidationBus {
  publish(msg: Invalidation): Promise<void>;
  close(): Promise<void>;
}

export function createInvalidationBus(opts: {
  db: Db;
  listenUrl?: string;
  logger: Logger;
  apply: (msg: Invalidation) => void;
  /** After a dropped LISTEN connection: notifications may have been missed. */
  applyAll: () => void;
}): InvalidationBus {
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
