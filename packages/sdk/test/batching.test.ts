import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useGuardHarness } from "./support/guard-harness";
import { LLMGuard, LLMGuardError, SDK_VERSION, type LogRecord } from "../src/index";
import { waitFor } from "./support/http";

/**
 * log(), batching, flush() and logNow() against the real ingest route (REST dispatcher, ingest service,
 * group commit, PostgreSQL), through a recording proxy: each test checks what the SDK sent and what the
 * server stored.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const record = (over: Partial<LogRecord> = {}): LogRecord => ({
  prompt: "user: What is the capital of France?",
  response: "Paris.",
  model: "gpt-4o",
  latencyMs: 420,
  status: "success",
  ...over,
});

const h = useGuardHarness({ retryBaseDelayMs: 10 });
const guard = h.guard;
const sortedIds = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe("log() and batching", () => {
  it("buffers records and sends them in one batch with the API key, a client UUID and a timestamp", async () => {
    const g = guard();
    const before = Date.now();
    const ids = [g.log(record()), g.log(record({ prompt: "second" })), g.log(record({ prompt: "third" }))];
    expect(h.proxy.seen).toHaveLength(0);
    expect(g.pending).toBe(3);

    await g.flush();

    expect(h.proxy.batches()).toHaveLength(1);
    const [batch] = h.proxy.batches();
    expect(batch!.headers["x-api-key"]).toBe(h.apiKey);
    expect(batch!.headers["content-type"]).toBe("application/json");
    expect(batch!.headers["user-agent"]).toBe(`llmguard-sdk-node/${SDK_VERSION}`);
    const sent = batch!.body.records;
    expect(sent.map((r: { prompt: string }) => r.prompt)).toEqual(["user: What is the capital of France?", "second", "third"]);
    expect(sent.map((r: { id: string }) => r.id)).toEqual(ids);
    for (const r of sent) {
      expect(r.id).toMatch(UUID);
      expect(Date.parse(r.timestamp)).toBeGreaterThanOrEqual(before - 1);
      expect(Date.parse(r.timestamp)).toBeLessThanOrEqual(Date.now());
    }
    expect(new Set(ids).size).toBe(3);
    expect(g.pending).toBe(0);
    expect(h.errors).toEqual([]);

    const rows = await h.rows();
    expect(sortedIds(rows)).toEqual([...ids].sort());
    for (const row of rows) expect(row.timestamp.toISOString()).toBe(sent.find((r: { id: string }) => r.id === row.id).timestamp);
  });

  it("keeps a caller's id and timestamp, rounds latency and sends only the contract's fields", async () => {
    const g = guard();
    const id = crypto.randomUUID();
    const metadata = { plan: "pro", nested: { n: 1 } };
    const returned = g.log({ ...record({ id, latencyMs: 12.6, timestamp: new Date("2026-01-02T03:04:05.000Z"), metadata }), extra: "dropped" } as LogRecord);
    // Mutating the caller's object after log() must not change what is sent.
    metadata.plan = "changed";
    metadata.nested.n = 2;
    await g.flush();

    expect(returned).toBe(id);
    expect(h.proxy.batchRecords()).toEqual([
      {
        id,
        prompt: "user: What is the capital of France?",
        response: "Paris.",
        model: "gpt-4o",
        latencyMs: 13,
        status: "success",
        timestamp: "2026-01-02T03:04:05.000Z",
        metadata: { plan: "pro", nested: { n: 1 } },
      },
    ]);
    // The server's record schema is strict: an unknown field would have failed the record.
    expect(h.errors).toEqual([]);
    const [row] = await h.rows();
    expect(row).toMatchObject({ id, latencyMs: 13, model: "gpt-4o", status: "success", timestamp: new Date("2026-01-02T03:04:05.000Z"), metadata: { plan: "pro", nested: { n: 1 } } });
  });

  it("sends on the flush interval without an explicit flush", async () => {
    const g = guard({ flushIntervalMs: 30 });
    g.log(record());
    await waitFor(() => h.proxy.batches().length === 1);
    await waitFor(() => g.pending === 0);
    expect(h.proxy.batchRecords()).toHaveLength(1);
    expect(await h.rows()).toHaveLength(1);
  });

  it("sends a full batch at once and never more than maxBatchSize records per request", async () => {
    const g = guard({ maxBatchSize: 10 });
    for (let i = 0; i < 25; i++) g.log(record({ latencyMs: i }));
    // Two full batches leave without waiting for the (one minute) interval.
    await waitFor(() => h.proxy.batchRecords().length === 20);
    expect(h.proxy.batches().map((b) => b.body.records.length)).toEqual([10, 10]);
    // The second batch counts as pending until its answer is read (under CPU load that takes a moment).
    await waitFor(() => g.pending === 5);

    await g.flush();
    expect(h.proxy.batches().map((b) => b.body.records.length)).toEqual([10, 10, 5]);
    expect(h.proxy.batchRecords().map((r) => r.latencyMs)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect((await h.rows()).map((r) => r.latencyMs)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it("drops the oldest records when the queue is full and reports them in one error", async () => {
    const g = guard({ maxQueueSize: 5 });
    const ids = Array.from({ length: 8 }, (_, i) => g.log(record({ latencyMs: i })));
    await Promise.resolve();
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toBeInstanceOf(LLMGuardError);
    expect(h.errors[0]!.code).toBe("QUEUE_OVERFLOW");
    expect(h.errors[0]!.records.map((r) => r.id)).toEqual(ids.slice(0, 3));

    await g.flush();
    expect(h.proxy.batchRecords().map((r) => r.id)).toEqual(ids.slice(3));
    expect((await h.rows()).map((r) => r.id)).toEqual(ids.slice(3));
  });

  it("reports records the server rejects, stores the rest, and does not retry them", async () => {
    const g = guard();
    const goodIds = [g.log(record({ latencyMs: 1 }))];
    const badId = g.log(record({ latencyMs: -1, status: "maybe" as "success", model: undefined as unknown as string }));
    goodIds.push(g.log(record({ latencyMs: 3 })));
    await g.flush();

    expect(h.proxy.batches()).toHaveLength(1);
    expect((await h.rows()).map((r) => r.id)).toEqual(goodIds);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatchObject({ code: "VALIDATION_FAILED", status: 200, retryable: false });
    expect(h.errors[0]!.records.map((r) => r.id)).toEqual([badId]);
    // A negative latency never leaves the SDK (it becomes 0); the missing model and the unknown status do.
    expect(h.proxy.batchRecords()[1]).toMatchObject({ id: badId, latencyMs: 0, status: "maybe" });
    const issues = (h.errors[0]!.details as { issues: { path: string }[] }).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(["model", "status"]);
  });

  it("rejects a record whose metadata JSON cannot carry without failing the others", async () => {
    const g = guard();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const badId = g.log(record({ metadata: cyclic }));
    const goodId = g.log(record());
    await g.flush();

    expect(h.errors.map((e) => e.code)).toEqual(["INVALID_RECORD"]);
    expect(h.errors[0]!.records[0]!.id).toBe(badId);
    expect(h.proxy.batchRecords()).toHaveLength(1);
    expect((await h.rows()).map((r) => r.id)).toEqual([goodId]);
  });

  it("never throws from log(), even for a non-object", () => {
    const g = guard();
    expect(() => g.log(null as unknown as LogRecord)).not.toThrow();
    expect(h.errors.map((e) => e.code)).toEqual(["INVALID_RECORD"]);
  });

  it("swallows an onError callback that throws", async () => {
    const g = guard({
      maxQueueSize: 1,
      onError: () => {
        throw new Error("boom");
      },
    });
    g.log(record());
    g.log(record());
    await Promise.resolve();
    await expect(g.flush()).resolves.toBe(true);
    expect(await h.rows()).toHaveLength(1);
  });
});

describe("flush() and shutdown()", () => {
  it("flush resolves at once when nothing is pending", async () => {
    const g = guard();
    await expect(g.flush()).resolves.toBe(true);
    expect(h.proxy.seen).toHaveLength(0);
  });

  it("flush waits only for what was logged before it, across several batches", async () => {
    const g = guard({ maxBatchSize: 3 });
    for (let i = 0; i < 7; i++) g.log(record({ latencyMs: i }));
    await g.flush();
    expect(h.proxy.batches().map((b) => b.body.records.length)).toEqual([3, 3, 1]);
    expect(g.pending).toBe(0);
    expect(await h.rows()).toHaveLength(7);
  });

  it("shutdown flushes, is idempotent, and records logged afterwards are reported, not sent", async () => {
    const g = guard();
    const id = g.log(record());
    const first = g.shutdown();
    expect(g.shutdown()).toBe(first);
    await first;
    expect(h.proxy.batchRecords()).toHaveLength(1);

    const lateId = g.log(record());
    await g.flush();
    expect(h.proxy.batchRecords()).toHaveLength(1);
    expect(h.errors.map((e) => e.code)).toEqual(["CLIENT_CLOSED"]);
    expect(h.errors[0]!.records[0]!.id).toBe(lateId);
    await expect(g.logNow(record())).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
    expect((await h.rows()).map((r) => r.id)).toEqual([id]);
  });
});

describe("logNow()", () => {
  it("sends one record immediately and returns what the server computed and stored", async () => {
    const g = guard();
    const result = await g.logNow(record({ endUserId: "u-1", promptTokens: 12, completionTokens: 3 }));

    const [req] = h.proxy.seen;
    expect(req!.path).toBe("/api/v1/requests");
    expect(req!.body).toMatchObject({ id: result.id, endUserId: "u-1" });
    expect(result.id).toMatch(UUID);
    const [row] = await h.rows();
    expect(row).toMatchObject({ id: result.id, endUserId: "u-1", totalTokens: 15 });
    expect(result).toEqual({ id: row!.id, riskScore: row!.riskScore, riskFactors: row!.riskFactors, flagged: row!.flagged, costUsd: Number(row!.costUsd) });
    // gpt-4o at $0.0025 per 1K prompt tokens and $0.01 per 1K completion tokens.
    expect(result.costUsd).toBeCloseTo((12 * 0.0025 + 3 * 0.01) / 1000, 9);
  });

  it("throws an LLMGuardError with the server's code and status", async () => {
    const g = guard();
    const err = await g.logNow(record({ latencyMs: Number.NaN })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LLMGuardError);
    expect(err).toMatchObject({ code: "VALIDATION_FAILED", status: 400, retryable: false, attempts: 1 });
    expect((err as LLMGuardError).records).toHaveLength(1);
    expect((err as LLMGuardError).details).toMatchObject({ issues: [expect.objectContaining({ path: "latencyMs" })] });
    expect(await h.rows()).toEqual([]);
  });
});

describe("options", () => {
  it("rejects invalid options when constructed", () => {
    const base = { apiKey: "lg_x", baseUrl: "http://127.0.0.1:1", handleProcessExit: false };
    const invalid = (message: RegExp) => expect.objectContaining({ name: "LLMGuardError", code: "INVALID_OPTIONS", message: expect.stringMatching(message) });
    expect(() => new LLMGuard({ ...base, apiKey: "" })).toThrow(invalid(/apiKey/));
    expect(() => new LLMGuard({ ...base, baseUrl: "llmguard.example.com" })).toThrow(invalid(/baseUrl/));
    expect(() => new LLMGuard({ ...base, maxBatchSize: 501 })).toThrow(invalid(/maxBatchSize must be an integer between 1 and 500/));
    expect(() => new LLMGuard({ ...base, maxBatchSize: 0 })).toThrow(invalid(/maxBatchSize/));
    expect(() => new LLMGuard({ ...base, maxRetries: -1 })).toThrow(invalid(/maxRetries/));
    expect(() => new LLMGuard({ ...base, flushIntervalMs: 1.5 })).toThrow(invalid(/flushIntervalMs/));
  });

  it("accepts a base URL with a trailing slash and a custom fetch", async () => {
    const calls: string[] = [];
    const g = guard({
      baseUrl: `${h.proxy.url}/`,
      fetch: (url, init) => {
        calls.push(url);
        return fetch(url, init);
      },
    });
    g.log(record());
    await g.flush();
    expect(calls).toEqual([`${h.proxy.url}/api/v1/requests/batch`]);
    expect(await h.rows()).toHaveLength(1);
  });

  it("SDK_VERSION matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(SDK_VERSION).toBe(pkg.version);
  });
});
