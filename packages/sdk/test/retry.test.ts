import { describe, expect, it } from "vitest";
import { useGuardHarness } from "./support/guard-harness";
import type { LogRecord } from "../src/index";
import { errorBody } from "./support/ingest-double";

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

const gaps = () => h.ingest.received.slice(1).map((r, i) => r.at - h.ingest.received[i]!.at);
const ids = (i: number) => h.ingest.batches()[i]!.body.records.map((r: { id: string }) => r.id);

describe("retries", () => {
  it("waits out a 503's Retry-After, then delivers the same records (same ids) once", async () => {
    h.ingest.script({ status: 503, headers: { "retry-after": "1" }, body: errorBody("SERVICE_UNAVAILABLE", "The database is unavailable; retry shortly") });
    const g = guard();
    g.log(record());
    g.log(record());
    await g.flush();

    expect(h.ingest.batches()).toHaveLength(2);
    expect(gaps()[0]).toBeGreaterThanOrEqual(950);
    expect(ids(1)).toEqual(ids(0));
    expect(h.ingest.stored.size).toBe(2);
    expect(h.errors).toEqual([]);
  });

  it("honours a 429's Retry-After", async () => {
    h.ingest.script({ status: 429, headers: { "retry-after": "1" }, body: errorBody("RATE_LIMITED", "Too many requests") });
    const g = guard({ retryBaseDelayMs: 1 });
    g.log(record());
    await g.flush();

    expect(h.ingest.batches()).toHaveLength(2);
    expect(gaps()[0]).toBeGreaterThanOrEqual(950);
    expect(h.errors).toEqual([]);
  });

  it("backs off exponentially on 5xx without Retry-After", async () => {
    h.ingest.script({ status: 500 }, { status: 502, raw: "<html>Bad gateway</html>" }, { status: 503 });
    const g = guard({ retryBaseDelayMs: 100 });
    g.log(record());
    await g.flush();

    expect(h.ingest.batches()).toHaveLength(4);
    const [first, second, third] = gaps();
    // Equal jitter: retry n waits between 50% and 100% of 100 ms · 2^(n-1).
    expect(first).toBeGreaterThanOrEqual(45);
    expect(second).toBeGreaterThanOrEqual(95);
    expect(third).toBeGreaterThanOrEqual(195);
    expect(h.errors).toEqual([]);
  });

  it("retries a dropped connection, a 408 and a request that timed out", async () => {
    h.ingest.script({ destroy: true }, { status: 408 }, { delayMs: 400 });
    const g = guard({ requestTimeoutMs: 150 });
    g.log(record());
    await g.flush();

    expect(h.ingest.batches()).toHaveLength(4);
    expect(h.ingest.stored.size).toBe(1);
    expect(h.errors).toEqual([]);
  });

  it("retries a 2xx whose body is not JSON (a proxy page)", async () => {
    h.ingest.script({ status: 200, raw: "<html>ok</html>" });
    const g = guard();
    g.log(record());
    await g.flush();
    expect(h.ingest.batches()).toHaveLength(2);
    expect(h.errors).toEqual([]);
  });

  it("gives up after maxRetries and reports the dropped records", async () => {
    h.ingest.script({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const g = guard({ maxRetries: 2, retryBaseDelayMs: 5 });
    const id = g.log(record());
    await expect(g.flush()).resolves.toBe(true);

    expect(h.ingest.batches()).toHaveLength(3);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatchObject({ code: "HTTP_503", status: 503, retryable: true, attempts: 3 });
    expect(h.errors[0]!.message).toMatch(/gave up after 3 attempts/);
    expect(h.errors[0]!.records.map((r) => r.id)).toEqual([id]);
  });

  it.each([
    [400, "VALIDATION_FAILED"],
    [401, "UNAUTHENTICATED"],
    [403, "INVALID_API_KEY"],
    [404, "NOT_FOUND"],
  ])("never retries a %i: drops the batch and reports %s", async (status, code) => {
    h.ingest.script({ status, body: errorBody(code, "nope") });
    const g = guard();
    g.log(record());
    g.log(record());
    await g.flush();

    expect(h.ingest.batches()).toHaveLength(1);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatchObject({ code, status, retryable: false, attempts: 1 });
    expect(h.errors[0]!.records).toHaveLength(2);
  });

  it("reports a wrong API key from the protocol itself without retrying", async () => {
    const g = guard({ apiKey: "lg_wrong" });
    g.log(record());
    await g.flush();
    expect(h.ingest.batches()).toHaveLength(1);
    expect(h.errors[0]).toMatchObject({ code: "INVALID_API_KEY", status: 403 });
  });

  it("splits a batch the server answers 413 until the pieces fit", async () => {
    h.ingest.script({ status: 413, body: errorBody("PAYLOAD_TOO_LARGE", "Body too large") }, { status: 413, body: errorBody("PAYLOAD_TOO_LARGE", "Body too large") });
    const g = guard();
    for (let i = 0; i < 4; i++) g.log(record({ latencyMs: i }));
    await g.flush();

    expect(h.ingest.batches().map((b) => b.body.records.length)).toEqual([4, 2, 1, 1, 2]);
    expect(h.ingest.stored.size).toBe(4);
    expect(h.errors).toEqual([]);
  });

  it("keeps accepting records while a batch backs off, and sends them after it", async () => {
    h.ingest.script({ status: 503, headers: { "retry-after": "1" } });
    const g = guard({ flushIntervalMs: 20 });
    g.log(record({ latencyMs: 1 }));
    await new Promise((r) => setTimeout(r, 100));
    g.log(record({ latencyMs: 2 }));
    await g.flush();

    expect(h.ingest.batches().map((b) => b.body.records.map((r: { latencyMs: number }) => r.latencyMs))).toEqual([[1], [1], [2]]);
    expect(h.errors).toEqual([]);
  });

  it("logNow() retries a 503 and then returns the result", async () => {
    h.ingest.script({ status: 503, headers: { "retry-after": "0" } });
    const g = guard();
    const result = await g.logNow(record());
    expect(result.riskScore).toBe(7);
    expect(h.ingest.received.map((r) => r.path)).toEqual(["/api/v1/requests", "/api/v1/requests"]);
    expect(h.ingest.received[0]!.body.id).toBe(h.ingest.received[1]!.body.id);
  });

  it("shutdown() gives up after its timeout and reports what was not delivered", async () => {
    h.ingest.script({ status: 503, headers: { "retry-after": "60" } });
    const g = guard();
    g.log(record());
    const started = Date.now();
    await g.shutdown({ timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await new Promise((r) => setTimeout(r, 20));

    expect(h.ingest.batches()).toHaveLength(1);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]!.records).toHaveLength(1);
    expect(h.errors[0]!.message).toMatch(/shutdown/);
  });
});
