import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, databasePool, type Db, type PoolClient } from "@llmguard/db";
import { startDatabaseProxy } from "@llmguard/db/testing";
import { registerUser } from "../auth/auth.service";
import { createProject } from "../projects/project.service";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "../testing";
import { createMetrics, type Metrics } from "../observability/prometheus.mjs";
import { GroupCommitter } from "./group-commit";
import type { PreparedRow, StoredResult } from "./request-row";

// Issue 8: one record PostgreSQL refuses must not fail the records group-committed with it
// (ARCHITECTURE decision 13), while a database outage still fails the whole batch with 503.

let app: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.close());

async function newProject(): Promise<{ projectId: string; keyId: string }> {
  const user = await registerUser({ app, input: { email: uniqueEmail("gc"), password: TEST_PASSWORD } });
  const created = await createProject({ app, userId: user.id, input: { name: "group-commit" } });
  return { projectId: created.project.id, keyId: created.apiKey.id };
}

// Every row in one hour, so each (project, model) has exactly one hourly rollup row.
const HOUR = new Date("2025-03-04T10:00:00.000Z");

function row(p: { projectId: string; keyId: string }, over: Partial<PreparedRow> = {}): PreparedRow {
  return {
    projectId: p.projectId,
    id: randomUUID(),
    timestamp: new Date(HOUR.getTime() + 17 * 60_000),
    apiKeyId: p.keyId,
    model: "gpt-4o",
    prompt: "What is the capital of France?",
    response: "Paris.",
    status: "success",
    errorMessage: null,
    latencyMs: 100,
    promptTokens: 12,
    completionTokens: 3,
    totalTokens: 15,
    costUsd: 0.001,
    riskScore: 7,
    riskFactors: [],
    flagged: false,
    endUserId: "u-1",
    endpoint: "chat",
    metadata: { plan: "pro" },
    requestedModel: null,
    enforcement: null,
    ...over,
  };
}

type Settled = { ok: true; value: StoredResult } | { ok: false; error: { code?: unknown; message?: unknown; details?: unknown } };

/** Submits rows in one call (one flush on a fresh committer) and waits for every answer. */
async function submitAll(committer: GroupCommitter, rows: PreparedRow[]): Promise<Settled[]> {
  const settled = await Promise.allSettled(committer.submit(rows));
  return settled.map((s) => (s.status === "fulfilled" ? { ok: true, value: s.value } : { ok: false, error: s.reason as Settled extends { error: infer E } ? E : never }));
}

/**
 * Counts the group commit's transactions on a client and calls `before(n)` before the n-th one starts.
 * They go straight to the client's node-postgres pool (databasePool): its promise-style connect() is
 * wrapped (pool.query, the search-vector lookup, connects with a callback and is not counted). Call
 * `restore()` when done.
 */
function watched(db: Db, before: (n: number) => void = () => {}): { db: Db; transactions: () => number; restore: () => void } {
  let n = 0;
  const pool = databasePool(db)!;
  const connect = pool.connect;
  pool.connect = function (this: typeof pool, ...args: unknown[]) {
    if (args.length === 0) {
      n++;
      before(n);
    }
    return (connect as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pool.connect;
  return { db, transactions: () => n, restore: () => void (pool.connect = connect) };
}

async function stored(projectId: string): Promise<number> {
  return app.db.llmRequest.count({ where: { projectId } });
}

async function rollups(projectId: string) {
  const rows = await app.db.requestRollupHourly.findMany({ where: { projectId }, orderBy: { model: "asc" } });
  return rows.map((r) => ({
    hour: r.hour.toISOString(),
    model: r.model,
    requests: r.requests,
    errors: r.errors,
    latencySumMs: Number(r.latencySumMs),
    totalTokens: Number(r.totalTokens),
    costUsd: Number(r.costUsd),
  }));
}

describe("group commit isolates rows the database refuses", () => {
  it("commits every benign row of a flush once and refuses only a NUL in text and a \\u0000 in metadata", async () => {
    const a = await newProject();
    const b = await newProject();

    // A clean flush stays one transaction.
    const clean = watched(app.db);
    const warmup = await submitAll(new GroupCommitter(clean.db, app.logger), [row(a, { model: "warmup" }), row(b, { model: "warmup" })]);
    clean.restore();
    expect(warmup.map((s) => s.ok)).toEqual([true, true]);
    expect(clean.transactions()).toBe(1);

    const benignA = Array.from({ length: 40 }, () => row(a));
    const benignB = Array.from({ length: 25 }, () => row(b, { model: "claude-3-5-sonnet", latencyMs: 300, status: "error" }));
    const nulPrompt = row(a, { prompt: "secret-marker-1\u0000tail" });
    const nulMetadata = row(b, { model: "claude-3-5-sonnet", metadata: { note: "secret-marker-2\u0000" } });
    // The bad rows in the middle of the batch, among rows of both projects.
    const batch = [...benignA.slice(0, 20), nulPrompt, ...benignB.slice(0, 12), nulMetadata, ...benignA.slice(20), ...benignB.slice(12)];
    const results = await submitAll(new GroupCommitter(app.db, app.logger), batch);

    const byId = new Map(batch.map((r, i) => [r.id, results[i]!]));
    for (const r of [...benignA, ...benignB]) {
      expect(byId.get(r.id)).toEqual({ ok: true, value: { id: r.id, riskScore: 7, riskFactors: [], flagged: false, costUsd: 0.001, duplicate: false } });
    }
    const nulPromptResult = byId.get(nulPrompt.id)!;
    expect(nulPromptResult).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", details: { reason: "22021" } } });
    expect(String((nulPromptResult as { error: { message: unknown } }).error.message)).toMatch(/^The database refused this record: /);
    const nulMetadataResult = byId.get(nulMetadata.id)!;
    expect(nulMetadataResult).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", details: { reason: "22P05" } } });
    // The answer never echoes the record's text.
    for (const r of [nulPromptResult, nulMetadataResult]) expect(JSON.stringify(r)).not.toMatch(/secret-marker/);

    expect(await stored(a.projectId)).toBe(1 + 40);
    expect(await stored(b.projectId)).toBe(1 + 25);
    expect(await app.db.llmRequest.count({ where: { id: { in: [nulPrompt.id, nulMetadata.id] } } })).toBe(0);
    // Rollups count each committed row exactly once (bisection commits no row twice, and no refused row).
    expect(await rollups(a.projectId)).toEqual([
      { hour: HOUR.toISOString(), model: "gpt-4o", requests: 40, errors: 0, latencySumMs: 4000, totalTokens: 600, costUsd: 0.04 },
      { hour: HOUR.toISOString(), model: "warmup", requests: 1, errors: 0, latencySumMs: 100, totalTokens: 15, costUsd: 0.001 },
    ]);
    expect(await rollups(b.projectId)).toEqual([
      { hour: HOUR.toISOString(), model: "claude-3-5-sonnet", requests: 25, errors: 25, latencySumMs: 7500, totalTokens: 375, costUsd: 0.025 },
      { hour: HOUR.toISOString(), model: "warmup", requests: 1, errors: 0, latencySumMs: 100, totalTokens: 15, costUsd: 0.001 },
    ]);
  });

  it("refuses a lone surrogate in metadata with VALIDATION_FAILED and commits the rest", async () => {
    const p = await newProject();
    const good = [row(p), row(p), row(p)];
    const surrogate = row(p, { metadata: { note: "\ud800" } });
    const results = await submitAll(new GroupCommitter(app.db, app.logger), [good[0]!, surrogate, good[1]!, good[2]!]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", message: expect.stringMatching(/^The database refused this record: /), details: { reason: "22P02" } } });
    expect(await stored(p.projectId)).toBe(3);
    expect((await rollups(p.projectId)).map((r) => r.requests)).toEqual([3]);
  });

  it("a refused single-row flush rejects with VALIDATION_FAILED, not the driver's error", async () => {
    const p = await newProject();
    const [only] = await submitAll(new GroupCommitter(app.db, app.logger), [row(p, { prompt: "x\u0000" })]);
    expect(only).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", details: { reason: "22021" } } });
    expect(await stored(p.projectId)).toBe(0);
    expect(await rollups(p.projectId)).toEqual([]);
  });

  it("keeps duplicate-id semantics in a batch that also holds a refused row", async () => {
    const p = await newProject();
    const committer = new GroupCommitter(app.db, app.logger);
    const earlier = row(p, { riskScore: 55, flagged: true, costUsd: 0.5 });
    expect((await submitAll(committer, [earlier]))[0]).toMatchObject({ ok: true, value: { duplicate: false } });

    const first = row(p, { riskScore: 9 });
    const sameIdAgain = row(p, { id: first.id, riskScore: 80, prompt: "a retry with other text" });
    const retryOfEarlier = row(p, { id: earlier.id, riskScore: 1, costUsd: 0.002 });
    const bad = row(p, { prompt: "\u0000" });
    const badAgain = row(p, { id: bad.id, prompt: "\u0000" });
    const others = [row(p), row(p), row(p), row(p)];
    const batch = [others[0]!, first, bad, others[1]!, sameIdAgain, retryOfEarlier, others[2]!, badAgain, others[3]!];
    const results = await submitAll(committer, batch);

    expect(results[1]).toEqual({ ok: true, value: { id: first.id, riskScore: 9, riskFactors: [], flagged: false, costUsd: 0.001, duplicate: false } });
    expect(results[4]).toEqual({ ok: true, value: { id: first.id, riskScore: 9, riskFactors: [], flagged: false, costUsd: 0.001, duplicate: true } });
    expect(results[5]).toEqual({ ok: true, value: { id: earlier.id, riskScore: 55, riskFactors: [], flagged: true, costUsd: 0.5, duplicate: true } });
    expect(results[2]).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", details: { reason: "22021" } } });
    expect(results[7]).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", details: { reason: "22021" } } });
    for (const i of [0, 3, 6, 8]) expect(results[i]).toMatchObject({ ok: true, value: { id: batch[i]!.id, duplicate: false } });

    // earlier + first + four others; the repeats and the refused row stored nothing.
    expect(await stored(p.projectId)).toBe(6);
    const [rollup] = await rollups(p.projectId);
    expect(rollup).toEqual({ hour: HOUR.toISOString(), model: "gpt-4o", requests: 6, errors: 0, latencySumMs: 600, totalTokens: 90, costUsd: 0.505 });
  });
});

describe("a database outage still fails the whole batch", () => {
  async function proxied<T>(fn: (ctx: { db: Db; cut: () => void }) => Promise<T>): Promise<T> {
    // A TCP proxy in front of the test database (as the REST ingest suite does): cutting it makes
    // PostgreSQL unreachable for this client only.
    const proxy = await startDatabaseProxy(app.database.url);
    const db = await createPrisma({ kind: "postgres", url: proxy.url, poolMax: 2 });
    try {
      return await fn({ db, cut: () => proxy.cut() });
    } finally {
      await db.$disconnect();
      await proxy.close();
    }
  }

  it("rejects every row with SERVICE_UNAVAILABLE, also when PostgreSQL goes away while refused rows are isolated", async () => {
    const p = await newProject();

    // Down before the flush: the whole batch (bad row included) is 503, nothing stored.
    const before = [row(p), row(p, { prompt: "\u0000" }), row(p)];
    const down = await proxied(async ({ db, cut }) => {
      cut();
      return submitAll(new GroupCommitter(db, app.logger), before);
    });
    for (const r of down) expect(r).toMatchObject({ ok: false, error: { code: "SERVICE_UNAVAILABLE" } });

    // Down right after the first transaction failed on the bad row: no row may be answered as refused
    // (we never learned which one was bad) nor with the driver's error; every row is 503, so it is retried.
    const during = [row(p), row(p), row(p, { metadata: { note: "\u0000" } }), row(p), row(p)];
    const lost = await proxied(async ({ db, cut }) => {
      const w = watched(db, (n) => {
        if (n === 2) cut();
      });
      return submitAll(new GroupCommitter(w.db, app.logger), during);
    });
    for (const r of lost) expect(r).toMatchObject({ ok: false, error: { code: "SERVICE_UNAVAILABLE" } });

    expect(await stored(p.projectId)).toBe(0);
    expect(await rollups(p.projectId)).toEqual([]);

    // Down a little later, while isolation may already have committed some rows: a row answered as
    // stored is stored (and counted once), every other row is 503 — never a false success or a refusal.
    const q = await newProject();
    // The bad row sorts last, so the rows before it can commit before the cut.
    const later = [row(q), row(q), row(q), row(q, { id: "ffffffff-ffff-4fff-bfff-ffffffffffff", prompt: "\u0000" }), row(q), row(q), row(q)];
    const partial = await proxied(async ({ db, cut }) => {
      const w = watched(db, (n) => {
        if (n === 3) cut();
      });
      return submitAll(new GroupCommitter(w.db, app.logger), later);
    });
    const committed = later.filter((_, i) => partial[i]!.ok).map((r) => r.id);
    for (const r of partial) if (!r.ok) expect(r).toMatchObject({ ok: false, error: { code: "SERVICE_UNAVAILABLE" } });
    expect(partial[3]).toMatchObject({ ok: false, error: { code: "SERVICE_UNAVAILABLE" } });
    expect(await app.db.llmRequest.count({ where: { projectId: q.projectId, id: { in: committed } } })).toBe(committed.length);
    expect(await stored(q.projectId)).toBe(committed.length);
    expect((await rollups(q.projectId)).reduce((s, r) => s + r.requests, 0)).toBe(committed.length);
  });
});

describe("rollups per endpoint", () => {
  it("sums committed rows per endpoint beside the per-model rollup; rows without an endpoint and repeats are not counted", async () => {
    const p = await newProject();
    const repeated = row(p, { endpoint: "chat" });
    const rows = [
      repeated,
      row(p, { endpoint: "chat", status: "error", latencyMs: 300 }),
      row(p, { endpoint: "chat", flagged: true }),
      row(p, { endpoint: "search", costUsd: 0.5 }),
      row(p, { endpoint: "search" }),
      row(p, { endpoint: null }),
    ];
    const first = await submitAll(new GroupCommitter(app.db, app.logger), rows);
    expect(first.every((r) => r.ok)).toBe(true);
    // the same id again (an SDK retry) stores nothing and counts nothing
    await submitAll(new GroupCommitter(app.db, app.logger), [repeated]);
    const byEndpoint = await app.db.requestRollupEndpointHourly.findMany({ where: { projectId: p.projectId }, orderBy: { endpoint: "asc" } });
    expect(byEndpoint.map((r) => ({ hour: r.hour.toISOString(), endpoint: r.endpoint, requests: r.requests, errors: r.errors, flagged: r.flagged, latencySumMs: Number(r.latencySumMs), costUsd: Number(r.costUsd) }))).toEqual([
      { hour: HOUR.toISOString(), endpoint: "chat", requests: 3, errors: 1, flagged: 1, latencySumMs: 500, costUsd: 0.003 },
      { hour: HOUR.toISOString(), endpoint: "search", requests: 2, errors: 0, flagged: 0, latencySumMs: 200, costUsd: 0.501 },
    ]);
    expect((await rollups(p.projectId)).map((r) => r.requests)).toEqual([6]);
  });
});

describe("Prometheus metrics of the group commit (issue 14)", () => {
  /** One series' value: a counter or gauge by its labels, or a histogram's _count/_sum. */
  async function valueOf(metric: { get(): Promise<{ values: { value: number; labels: Record<string, unknown>; metricName?: string }[] }> }, match: Record<string, unknown> = {}, metricName?: string): Promise<number> {
    const { values } = await metric.get();
    const hit = values.find((v) => (metricName === undefined || v.metricName === metricName) && Object.entries(match).every(([k, x]) => v.labels[k] === x));
    return hit?.value ?? 0;
  }
  const records = (m: Metrics, outcome: string) => valueOf(m.ingestRecords, { outcome });
  const batches = (m: Metrics, outcome: string) => valueOf(m.ingestBatches, { outcome });

  it("counts records by outcome, batches by outcome, batch sizes and committed transactions", async () => {
    const p = await newProject();
    const metrics = createMetrics({ processMetrics: false });
    const committer = new GroupCommitter(app.db, app.logger, { metrics });

    // One clean flush of three rows: one committed batch, three stored records, one transaction timed.
    await submitAll(committer, [row(p), row(p), row(p)]);
    expect(await records(metrics, "stored")).toBe(3);
    expect(await batches(metrics, "committed")).toBe(1);
    expect(await valueOf(metrics.ingestBatchSize, {}, "llmguard_ingest_batch_size_count")).toBe(1);
    expect(await valueOf(metrics.ingestBatchSize, {}, "llmguard_ingest_batch_size_sum")).toBe(3);
    expect(await valueOf(metrics.ingestCommitDuration, {}, "llmguard_ingest_commit_duration_seconds_count")).toBe(1);
    // Plain text: each row's search vector was built in Node (search-vector.ts), none left to to_tsvector.
    expect(await valueOf(metrics.searchVectorRows, { built: "node" })).toBe(3);
    expect(await valueOf(metrics.searchVectorRows, { built: "postgres" })).toBe(0);

    // One flush of five: a new row, the same id twice more, a row PostgreSQL refuses (NUL) and another new
    // row. The batch is isolated (bisected): 2 stored, 2 duplicates, 1 failed.
    const fresh = row(p);
    const batch = [fresh, row(p, { id: fresh.id }), row(p, { id: fresh.id }), row(p, { prompt: "x\u0000" }), row(p)];
    const results = await submitAll(committer, batch);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, true]);
    expect(await records(metrics, "stored")).toBe(3 + 2);
    expect(await records(metrics, "duplicate")).toBe(2);
    expect(await records(metrics, "failed")).toBe(1);
    expect(await batches(metrics, "isolated")).toBe(1);
    expect(await batches(metrics, "committed")).toBe(1);
    expect(await valueOf(metrics.ingestBatchSize, {}, "llmguard_ingest_batch_size_count")).toBe(2);
    expect(await valueOf(metrics.ingestBatchSize, {}, "llmguard_ingest_batch_size_sum")).toBe(3 + 5);
    // The text format carries them as Prometheus reads them.
    const text = await metrics.registry.metrics();
    expect(text).toContain('llmguard_ingest_records_total{outcome="stored"} 5');
    expect(text).toContain('llmguard_ingest_batches_total{outcome="isolated"} 1');
    expect(text).toContain("# TYPE llmguard_ingest_commit_duration_seconds histogram");

    // Vectors are built once per distinct row of a flush (3 of the 5 above). A tag-like `<` sends its
    // row to to_tsvector.
    await submitAll(committer, [row(p, { prompt: "Render <b>bold</b> please" }), row(p)]);
    expect(await valueOf(metrics.searchVectorRows, { built: "postgres" })).toBe(1);
    expect(await valueOf(metrics.searchVectorRows, { built: "node" })).toBe(3 + 3 + 1);
  });

  it("reports the rows waiting for a flush as the queue depth, and the pool's connections", async () => {
    const p = await newProject();
    const metrics = createMetrics({ processMetrics: false });
    const proxy = await startDatabaseProxy(app.database.url);
    const db = await createPrisma({ kind: "postgres", url: proxy.url, poolMax: 2 });
    try {
      const pool = databasePool(db);
      expect(pool).toBeDefined();
      metrics.addDbPool(pool!);
      // One flush at a time: while the first is in flight, the next rows wait in the queue.
      const committer = new GroupCommitter(db, app.logger, { metrics, maxInFlight: 1 });
      const unregister = metrics.addIngestQueue(committer);
      const first = Promise.allSettled(committer.submit([row(p)]));
      const waiting = Promise.allSettled(committer.submit([row(p), row(p), row(p), row(p)]));
      expect(await valueOf(metrics.ingestQueueDepth)).toBe(4);
      // Both flushes use a connection of the pool of two.
      await Promise.all([first, waiting]);
      expect(await valueOf(metrics.ingestQueueDepth)).toBe(0);
      expect(await valueOf(metrics.dbPoolMax)).toBe(2);
      const open = await valueOf(metrics.dbPoolConnections);
      expect(open).toBeGreaterThanOrEqual(1);
      expect(open).toBeLessThanOrEqual(2);
      expect(await valueOf(metrics.dbPoolIdle)).toBe(open); // nothing running now
      expect(await valueOf(metrics.dbPoolWaiting)).toBe(0);
      expect(await records(metrics, "stored")).toBe(5);
      unregister();
      committer.submit([row(p)]); // kicked at once; the gauge no longer reads this committer anyway
      expect(await valueOf(metrics.ingestQueueDepth)).toBe(0);
      await committer.drain();
    } finally {
      await db.$disconnect();
      await proxy.close();
    }
    // After $disconnect the pool is ended: no connection left open.
    expect(databasePool(db)!.totalCount).toBe(0);
  });
});

/**
 * The first three words of every statement the group commit sends on a connection it checks out of the
 * client's pool (promise-style connect; the search-vector lookup's pool.query is not counted). Call
 * `restore()` when done.
 */
function statementsSent(db: Db): { sent: string[]; restore: () => void } {
  const pool = databasePool(db)!;
  const connect = pool.connect;
  const sent: string[] = [];
  pool.connect = async function (this: typeof pool, ...args: unknown[]) {
    if (args.length > 0) return (connect as (...a: unknown[]) => unknown).apply(this, args);
    const client = await (connect as () => Promise<PoolClient>).call(this);
    const { query, release } = client;
    client.query = ((...q: unknown[]) => {
      const text = typeof q[0] === "string" ? q[0] : (q[0] as { text: string }).text;
      sent.push(text.trim().split(/\s+/).slice(0, 3).join(" "));
      return (query as (...a: unknown[]) => unknown).apply(client, q);
    }) as typeof client.query;
    client.release = ((...r: unknown[]) => {
      client.query = query;
      client.release = release;
      return (release as (...a: unknown[]) => unknown).apply(client, r);
    }) as typeof client.release;
    return client;
  } as typeof pool.connect;
  return { sent, restore: () => void (pool.connect = connect) };
}

describe("how a flush is written", () => {
  it("every row new: one autocommitted statement writes the rows and their rollups", async () => {
    const p = await newProject();
    const watch = statementsSent(app.db);
    const results = await submitAll(new GroupCommitter(app.db, app.logger), [row(p), row(p, { model: "o3-mini", latencyMs: 900 })]);
    watch.restore();
    expect(results.map((r) => r.ok && r.value.duplicate)).toEqual([false, false]);
    expect(watch.sent).toEqual(["WITH ins AS"]);
    expect(await stored(p.projectId)).toBe(2);
    expect((await rollups(p.projectId)).map((r) => [r.model, r.requests, r.latencySumMs])).toEqual([
      ["gpt-4o", 1, 100],
      ["o3-mini", 1, 900],
    ]);
  });

  it("new rows beside repeated ids: the statement writes nothing and the transaction rolls up the new rows only", async () => {
    const p = await newProject();
    const earlier = row(p, { riskScore: 55, flagged: true });
    await submitAll(new GroupCommitter(app.db, app.logger), [earlier]);
    const committer = new GroupCommitter(app.db, app.logger);
    const watch = statementsSent(app.db);
    const results = await submitAll(committer, [row(p), { ...earlier, riskScore: 1, flagged: false }, row(p)]);
    const sentFirst = [...watch.sent];
    // Retries come in bursts: for a few seconds this committer's flushes go straight to the transaction.
    await submitAll(committer, [row(p)]);
    watch.restore();
    expect(watch.sent.slice(sentFirst.length)).toEqual(["BEGIN", 'INSERT INTO "LlmRequest"', "WITH endpoint_rollups AS", "COMMIT"]);
    watch.sent.length = sentFirst.length;
    expect(results.map((r) => r.ok && [r.value.duplicate, r.value.riskScore])).toEqual([
      [false, 7],
      [true, 55],
      [false, 7],
    ]);
    expect(watch.sent).toEqual(["WITH ins AS", "BEGIN", 'INSERT INTO "LlmRequest"', 'SELECT "projectId"::text AS', "WITH endpoint_rollups AS", "COMMIT"]);
    expect(await stored(p.projectId)).toBe(4);
    expect((await rollups(p.projectId)).map((r) => r.requests)).toEqual([4]);
  });

  it("every id repeated: nothing is written or counted, and each gets its first result", async () => {
    const p = await newProject();
    const first = [row(p, { riskScore: 40 }), row(p, { riskScore: 41 })];
    await submitAll(new GroupCommitter(app.db, app.logger), first);
    const watch = statementsSent(app.db);
    const results = await submitAll(new GroupCommitter(app.db, app.logger), first.map((r) => ({ ...r, riskScore: 0 })));
    watch.restore();
    expect(results.map((r) => r.ok && [r.value.duplicate, r.value.riskScore])).toEqual([
      [true, 40],
      [true, 41],
    ]);
    expect(watch.sent).toEqual(["WITH ins AS", 'SELECT "projectId"::text AS']);
    expect((await rollups(p.projectId)).map((r) => r.requests)).toEqual([2]);
  });
});
