import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "ioredis";
import { DomainError } from "./errors";

/**
 * Rate limits (requirement 10.1) on rate-limiter-flexible: in memory by default, shared through Redis
 * when REDIS_URL is set so every instance counts together.
 */
export interface Limiter {
  /**
   * Takes `points` (default 1) all or nothing: over the limit it takes none and throws RATE_LIMITED
   * with retryAfterSeconds; more points than the whole limit can never pass and throw PAYLOAD_TOO_LARGE.
   */
  consume(key: string, points?: number): Promise<void>;
  /** Throws RATE_LIMITED if the key is already over the limit, without taking a point. */
  check(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export type LimiterFactory = (opts: { name: string; points: number; durationSeconds: number; message?: string }) => Limiter;

function rateLimited(res: RateLimiterRes, message: string): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new DomainError("RATE_LIMITED", message, { retryAfterSeconds, details: { retryAfterSeconds } });
}

/** rate-limiter-flexible rejects with a RateLimiterRes; recognised by shape (the bundle may copy the class). */
function isLimiterRefusal(e: unknown): e is RateLimiterRes {
  return e instanceof RateLimiterRes || (typeof e === "object" && e !== null && typeof (e as RateLimiterRes).msBeforeNext === "number" && typeof (e as RateLimiterRes).consumedPoints === "number");
}

function wrap(rl: RateLimiterAbstract, points: number, durationSeconds: number, message: string): Limiter {
  return {
    async consume(key, n = 1) {
      if (n > points) {
        throw new DomainError("PAYLOAD_TOO_LARGE", `${n} at once exceed the limit of ${points} per ${durationSeconds} s; send smaller batches`, {
          details: { limit: points, windowSeconds: durationSeconds, requested: n },
        });
      }
      try {
        await rl.consume(key, n);
      } catch (e) {
        if (!isLimiterRefusal(e)) throw e;
        // All or nothing: a refused batch gives its points back, so it does not eat the next window.
        await rl.reward(key, n).catch(() => undefined);
        throw rateLimited(e, message);
      }
    },
    async check(key) {
      const res = await rl.get(key);
      if (res && res.consumedPoints >= points) throw rateLimited(res, message);
    },
    async reset(key) {
      await rl.delete(key);
    },
  };
}

export function createLimiterFactory(redis?: Redis): LimiterFactory {
  return ({ name, points, durationSeconds, message = "Too many requests" }) => {
    const rl = redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `llmguard:rl:${name}`, points, duration: durationSeconds })
      : new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds });
    return wrap(rl, points, durationSeconds, message);
  };
}
