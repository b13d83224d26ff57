import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createLimiterFactory } from "./rate-limit";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

describe("rate limits", () => {
  it("in memory: allows `points` per window, then RATE_LIMITED with a retry delay", async () => {
    const limiter = createLimiterFactory()({ name: `mem-${Date.now()}`, points: 3, durationSeconds: 60 });
    for (let i = 0; i < 3; i++) await limiter.consume("k");
    const err = await limiter.consume("k").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
    await limiter.consume("other-key");
  });

  it("admits or refuses a batch of points whole: a refused batch takes nothing", async () => {
    const limiter = createLimiterFactory()({ name: `batch-${Date.now()}`, points: 10, durationSeconds: 60 });
    await limiter.consume("p", 8);
    await expect(limiter.consume("p", 8)).rejects.toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
    // the refused 8 were given back: 2 still fit, a third does not
    await limiter.consume("p", 2);
    await expect(limiter.consume("p", 1)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("refuses more points than the whole limit as too large, naming the limit", async () => {
    const limiter = createLimiterFactory()({ name: `big-${Date.now()}`, points: 10, durationSeconds: 60 });
    await expect(limiter.consume("p", 11)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: { limit: 10, requested: 11 } });
    await limiter.consume("p", 10);
  });

  describe("with Redis", () => {
    const clients: Redis[] = [];
    afterAll(() => clients.forEach((c) => c.disconnect()));

    it("counts together across instances (two factories, one Redis)", async () => {
      const a = new Redis(redisUrl);
      const b = new Redis(redisUrl);
      clients.push(a, b);
      const name = `shared-${Date.now()}`;
      const one = createLimiterFactory(a)({ name, points: 4, durationSeconds: 60 });
      const two = createLimiterFactory(b)({ name, points: 4, durationSeconds: 60 });
      await one.consume("user-1");
      await two.consume("user-1");
      await one.consume("user-1");
      await two.consume("user-1");
      await expect(one.consume("user-1")).rejects.toMatchObject({ code: "RATE_LIMITED" });
      await expect(two.check("user-1")).rejects.toMatchObject({ code: "RATE_LIMITED" });
      await one.reset("user-1");
      await two.consume("user-1");
    });

    it("refuses a batch whole on Redis too", async () => {
      const a = new Redis(redisUrl);
      clients.push(a);
      const limiter = createLimiterFactory(a)({ name: `redis-batch-${Date.now()}`, points: 10, durationSeconds: 60 });
      await limiter.consume("p", 6);
      await expect(limiter.consume("p", 6)).rejects.toMatchObject({ code: "RATE_LIMITED" });
      await limiter.consume("p", 4);
    });
  });
});
