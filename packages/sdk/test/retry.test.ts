import { describe, expect, it } from "vitest";
import { DomainError } from "@llmguard/domain";
import { useGuardHarness } from "./support/guard-harness";
import type { LogRecord } from "../src/index";

/**
 * Retries, backoff and 413 splitting against the real ingest route. The failures are injected by the
 * proxy in front of it (support/fault-proxy.ts): answers the server gives for its own errors (built by
 * its REST error mapping), a gateway's answers, dropped connections and late answers. Everything else,
 * including every successful delivery and what ends up stored, is the real server's.
 */

const record = (over: Partial<LogRecord> = {}): LogRecord => ({
  prompt: "user: hi",
  response: "hello",
  model: "gpt-4o-mini",
  latencyMs: 100,
  status: "success",
  ...over,
});

const h = useGuardHarness({ retryBaseDelayMs: 20 });
const guard = h.guard;

const gaps = () => h.proxy.seen.slice(1).map((r, i) => r.at - h.proxy.seen[i]!.at);
const ids = (i: number) => h.proxy.batches()[i]!.body.records.map((r: { id: string }) => r.id);
const outage = (retryAfterSeconds?: number) => new DomainError("SERVICE_UNAVAILABLE", "The database is unavailable; retry shortly", { retryAfterSeconds });

describe("retries", () => {
  it("waits out a 503's Retry-After, then delivers the same records (same ids) once", async () => {
    h.proxy.inject({ error: outage(1) });
    const g = guard();
    const logged = [g.log(record({ latencyMs: 1 })), g.log(record({ latencyMs: 2 }))];
    await g.flush();

    expect(h.proxy.seen.map((r) => r.status)).toEqual([503, 200]);
    expect(h.proxy.seen[0]!.forwarded).toBe(false);
    expect(gaps()[0]).toBeGreaterThanOrEqual(950);
    expect(ids(1)).toEqual(ids(0));
    expect((await h.rows()).map((r) => r.id)).toEqual(logged);
    expect(h.errors).toEqual([]);
  });

  it("honours a 429's Retry-After", async () => {
    h.proxy.inject({ error: new DomainError("RATE_LIMITED", "Too many requests", { retryAfterSeconds: 1 }) });
    const g = guard({ retryBaseDelayMs: 1 });
    g.log(record());
    await g.flush();

    expect(h.proxy.seen.map((r) => r.status)).toEqual([429, 200]);
    expect(gaps()[0]).toBeGreaterThanOrEqual(950);
    expect(await h.rows()).toHaveLength(1);
    expect(h.errors).toEqual([]);
  });

  it("backs off exponentially on 5xx without Retry-After", async () => {
    h.proxy.inject({ error: new DomainError("INTERNAL", "Internal server error") }, { status: 502, body: "<html>Bad gateway</html>" }, { status: 503 });
    const g = guard({ retryBaseDelayMs: 100 });
    g.log(record());
    await g.flush();

    expect(h.proxy.seen.map((r) => r.status)).toEqual([500, 502, 503, 200]);
    const [first, second, third] = gaps();
    // Equal jitter: retry n waits between 50% and 100% of 100 ms · 2^(n-1).
    expect(first).toBeGreaterThanOrEqual(45);
    expect(second).toBeGreaterThanOrEqual(95);
    expect(third).toBeGreaterThanOrEqual(195);
    expect(await h.rows()).toHaveLength(1);
    expect(h.errors).toEqual([]);
  });

  it("retries a dropped connection, a 408 and a request that timed out, and the record is stored once", async () => {
    // The third attempt reaches the server (and is stored) but its answer comes after the client gave up.
    h.proxy.inject({ drop: true }, { status: 408 }, { delayMs: 400 });
    const g = guard({ requestTimeoutMs: 150 });
    const id = g.log(record());
    await g.flush();

    expect(h.proxy.batches()).toHaveLength(4);
    expect(h.proxy.seen.map((r) => r.forwarded)).toEqual([false, false, true, true]);
    expect(h.proxy.seen[3]!.status).toBe(200);
    expect((await h.rows()).map((r) => r.id)).toEqual([id]);
    expect(h.errors).toEqual([]);
  });

  it("retries a batch whose answer was lost after the server stored it: the server reports duplicates, nothing is stored twice", async () => {
    h.proxy.inject({ afterServer: true, drop: true });
    const g = guard();
    const logged = [g.log(record({ latencyMs: 1 })), g.log(record({ latencyMs: 2 }))];
    await g.flush();

    expect(h.proxy.seen.map((r) => r.forwarded)).toEqual([true, true]);
    expect(ids(1)).toEqual(logged);
    expect(h.proxy.seen[0]!.answer.results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([false, false]);
    expect(h.proxy.seen[1]!.answer.results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([true, true]);
    expect((await h.rows()).map((r) => r.id)).toEqual(logged);
    expect(h.errors).toEqual([]);
  });

  it("retries a 2xx whose body is not JSON (a proxy page), though the records may be stored already", async () => {
    h.proxy.inject({ afterServer: true, status: 200, body: "<html>ok</html>" });
    const g = guard();
    const id = g.log(record());
    await g.flush();

    expect(h.proxy.batches()).toHaveLength(2);
    expect((await h.rows()).map((r) => r.id)).toEqual([id]);
    expect(h.errors).toEqual([]);
  });

  it("gives up after maxRetries and reports the dropped records", async () => {
    h.proxy.inject({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const g = guard({ maxRetries: 2, retryBaseDelayMs: 5 });
    const id = g.log(record());
    await expect(g.flush()).resolves.toBe(true);

    expect(h.proxy.batches()).toHaveLength(3);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatchObject({ code: "HTTP_503", status: 503, retryable: true, attempts: 3 });
    expect(h.errors[0]!.message).toMatch(/gave up after 3 attempts/);
    expect(h.errors[0]!.records.map((r) => r.id)).toEqual([id]);
    expect(await h.rows()).toEqual([]);
  });

  it.each([
    [400, "VALIDATION_FAILED"],
    [401, "UNAUTHENTICATED"],
    [403, "INVALID_API_KEY"],
    [404, "NOT_FOUND"],
  ] as const)("never retries a %i: drops the batch and reports %s", async (status, code) => {
    h.proxy.inject({ error: new DomainError(code, "nope") });
    const g = guard();
    g.log(record());
    g.log(record());
    await g.flush();

    expect(h.proxy.batches()).toHaveLength(1);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatchObject({ code, status, retryable: false, attempts: 1 });
    expect(h.errors[0]!.records).toHaveLength(2);
    expect(await h.rows()).toEqual([]);
  });

  it("reports the server's own refusals without retrying: an unknown API key (403), a wrong base URL (404)", async () => {
    const wrongKey = guard({ apiKey: `lg_${"x".repeat(12)}_${"y".repeat(32)}` });
    wrongKey.log(record());
    await wrongKey.flush();
    const wrongPath = guard({ baseUrl: `${h.proxy.url}/llmguard` });
    wrongPath.log(record());
    await wrongPath.flush();

    expect(h.proxy.seen.map((r) => [r.path, r.forwarded, r.status])).toEqual([
      ["/api/v1/requests/batch", true, 403],
      ["/llmguard/api/v1/requests/batch", true, 404],
    ]);
    expect(h.errors).toMatchObject([
      { code: "INVALID_API_KEY", status: 403, retryable: false, attempts: 1 },
      // Outside /api/v1 the server's REST adapter does not answer (Next's 404 page does): not our envelope.
      { code: "HTTP_404", status: 404, retryable: false, attempts: 1 },
    ]);
    expect(await h.rows()).toEqual([]);
  });

  it("splits a batch the server answers 413 until the pieces fit", async () => {
    const tooLarge = () => new DomainError("PAYLOAD_TOO_LARGE", "Request body exceeds 16777216 bytes", { details: { limitBytes: 16777216 } });
    h.proxy.inject({ error: tooLarge() }, { error: tooLarge() });
    const g = guard();
    for (let i = 0; i < 4; i++) g.log(record({ latencyMs: i }));
    await g.flush();

    expect(h.proxy.batches().map((b) => b.body.records.length)).toEqual([4, 2, 1, 1, 2]);
    expect(h.proxy.seen.map((r) => r.status)).toEqual([413, 413, 200, 200, 200]);
    expect((await h.rows()).map((r) => r.latencyMs)).toEqual([0, 1, 2, 3]);
    expect(h.errors).toEqual([]);
  });

  it("splits a batch the real server refuses as too large (over 16 MB) and stores every record", async () => {
    // Three records of 2 × 1,000,000 three-byte characters: 18 MB together, over the batch route's 16 MB
    // body limit; halves of two and one fit. The text limit is in characters, the body limit in bytes.
    const text = "€".repeat(1_000_000);
    const g = guard({ requestTimeoutMs: 30_000 });
    for (let i = 0; i < 3; i++) g.log(record({ latencyMs: i, prompt: text, response: text }));
    await g.flush();

    expect(h.proxy.batches().map((b) => [b.body.records.length, b.status])).toEqual([
      [3, 413],
      [2, 200],
      [1, 200],
    ]);
    expect(h.proxy.seen[0]!.answer).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    expect(h.errors).toEqual([]);
    const rows = await h.rows();
    expect(rows.map((r) => [r.latencyMs, r.prompt.length, r.response.length])).toEqual([
      [0, 1_000_000, 1_000_000],
      [1, 1_000_000, 1_000_000],
      [2, 1_000_000, 1_000_000],
    ]);
  });

  it("logNow() reports a record over the single-record route's 2 MB limit (413) without retrying", async () => {
    const g = guard();
    const err = await g.logNow(record({ prompt: "€".repeat(1_000_000) })).catch((e: unknown) => e);

    expect(err).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413, retryable: false, attempts: 1 });
    expect(h.proxy.seen.map((r) => [r.path, r.forwarded, r.status])).toEqual([["/api/v1/requests", true, 413]]);
    expect(await h.rows()).toEqual([]);
  });

  it("keeps accepting records while a batch backs off, and sends them after it", async () => {
    h.proxy.inject({ error: outage(1) });
    const g = guard({ flushIntervalMs: 20 });
    g.log(record({ latencyMs: 1 }));
    await new Promise((r) => setTimeout(r, 100));
    g.log(record({ latencyMs: 2 }));
    await g.flush();

    expect(h.proxy.batches().map((b) => b.body.records.map((r: { latencyMs: number }) => r.latencyMs))).toEqual([[1], [1], [2]]);
    expect((await h.rows()).map((r) => r.latencyMs)).toEqual([1, 2]);
    expect(h.errors).toEqual([]);
  });

  it("logNow() retries a 503 and then returns the server's result", async () => {
    h.proxy.inject({ error: outage() });
    const g = guard();
    const result = await g.logNow(record());

    expect(h.proxy.seen.map((r) => [r.path, r.status])).toEqual([
      ["/api/v1/requests", 503],
      ["/api/v1/requests", 201],
    ]);
    expect(h.proxy.seen[0]!.body.id).toBe(h.proxy.seen[1]!.body.id);
    const [row] = await h.rows();
    expect(row).toMatchObject({ id: result.id, riskScore: result.riskScore, flagged: result.flagged });
  });

  it("shutdown() gives up after its timeout and reports what was not delivered", async () => {
    h.proxy.inject({ error: outage(60) });
    const g = guard();
    g.log(record());
    const started = Date.now();
    await g.shutdown({ timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await new Promise((r) => setTimeout(r, 20));

    expect(h.proxy.batches()).toHaveLength(1);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]!.records).toHaveLength(1);
    expect(h.errors[0]!.message).toMatch(/shutdown/);
    expect(await h.rows()).toEqual([]);
  });
});
