import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, createProject, registerUser } from "@llmguard/domain";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "@llmguard/domain/testing";
import { createPrisma } from "@llmguard/db";
import { startDatabaseProxy } from "@llmguard/db/testing";
import { restClient, serveRest } from "../testing/serve";

let app: Awaited<ReturnType<typeof createTestApp>>;
let server: { url: string; close: () => Promise<void> };
let call: ReturnType<typeof restClient>;

beforeAll(async () => {
  app = await createTestApp({ RATE_LIMIT_API_KEY_PER_MINUTE: "100000" });
  server = await serveRest(app);
  call = restClient(server.url);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
});

async function newProject() {
  const user = await registerUser({ app, input: { email: uniqueEmail(), password: TEST_PASSWORD } });
  const login = await call("POST", "/api/v1/auth/login", { body: { email: (await app.db.user.findUniqueOrThrow({ where: { id: user.id } })).email, password: TEST_PASSWORD } });
  const created = await createProject({ app, userId: user.id, input: { name: "ingest" } });
  return { userId: user.id, token: login.body.accessToken as string, projectId: created.project.id, key: created.apiKey.key };
}

const record = (over: Record<string, unknown> = {}) => ({
  prompt: "What is the capital of France?",
  response: "Paris.",
  model: "gpt-4o",
  latencyMs: 420,
  promptTokens: 12,
  completionTokens: 3,
  status: "success",
  ...over,
});

describe("POST /api/v1/requests", () => {
  it("scores, prices and stores a record, answering 201 after the commit", async () => {
    const p = await newProject();
    const res = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ endUserId: "u-1", endpoint: "chat", metadata: { plan: "pro" } }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ riskScore: expect.any(Number), riskFactors: expect.any(Array), flagged: false });
    expect(res.body.costUsd).toBeCloseTo((12 * 0.0025 + 3 * 0.01) / 1000, 9);
    const row = await app.db.llmRequest.findUniqueOrThrow({ where: { projectId_id: { projectId: p.projectId, id: res.body.id } } });
    expect(row).toMatchObject({ model: "gpt-4o", totalTokens: 15, endUserId: "u-1", endpoint: "chat", status: "success" });
  });

  it("returns the first result for a repeated id and stores it once", async () => {
    const p = await newProject();
    const id = randomUUID();
    const first = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ id }) });
    const again = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ id, prompt: "something else entirely", latencyMs: 1 }) });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await app.db.llmRequest.count({ where: { projectId: p.projectId } })).toBe(1);
    const rollup = await app.db.requestRollupHourly.findMany({ where: { projectId: p.projectId } });
    expect(rollup.reduce((s, r) => s + r.requests, 0)).toBe(1);
  });

  it("stores failed and timed-out calls with their error and counts them as errors", async () => {
    const p = await newProject();
    const err = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ status: "error", response: "", errorMessage: "upstream 500" }) });
    const timeout = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ status: "timeout", response: "", errorMessage: "timed out after 30s" }) });
    expect(err.status).toBe(201);
    expect(err.body.riskFactors.map((f: { type: string }) => f.type)).toContain("error");
    expect(timeout.status).toBe(201);
    const rollup = await app.db.requestRollupHourly.findFirstOrThrow({ where: { projectId: p.projectId } });
    expect(rollup).toMatchObject({ requests: 2, errors: 2, timeouts: 1 });
    const row = await app.db.llmRequest.findFirstOrThrow({ where: { projectId: p.projectId, status: "error" } });
    expect(row.errorMessage).toBe("upstream 500");
  });

  it("answers 400 with details, 401 without a key, 403 for a bad key and 413 for an oversized body", async () => {
    const p = await newProject();
    const bad = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ latencyMs: -1, status: "maybe", extra: 1 }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(["latencyMs", "status"]));
    expect((await call("POST", "/api/v1/requests", { body: record() })).status).toBe(401);
    expect((await call("POST", "/api/v1/requests", { apiKey: `lg_${"x".repeat(12)}_${"y".repeat(32)}`, body: record() })).status).toBe(403);
    const huge = await call("POST", "/api/v1/requests", { apiKey: p.key, rawBody: JSON.stringify(record({ prompt: "a".repeat(2_200_000) })) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const meta = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ metadata: { blob: "m".repeat(9000) } }) });
    expect(meta.status).toBe(400);
    expect(await app.db.llmRequest.count({ where: { projectId: p.projectId } })).toBe(0);
  });

  it("applies a settings change to the very next request (threshold and rate limit)", async () => {
    const p = await newProject();
    const before = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ status: "error", response: "" }) });
    expect(before.body.riskScore).toBeGreaterThanOrEqual(25);
    expect(before.body.flagged).toBe(false);
    const upd = await call("PATCH", `/api/v1/projects/${p.projectId}/settings`, { token: p.token, body: { safetyThreshold: 20, rateLimit: 4 } });
    expect(upd.status).toBe(200);
    const after = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ status: "error", response: "" }) });
    expect(after.body.flagged).toBe(true);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call("POST", "/api/v1/requests", { apiKey: p.key, body: record() })).status);
    // the new limit of 4 counts from the change: `after` took one, so three more fit and the fourth is refused
    expect(statuses).toEqual([201, 201, 201, 429]);
    const limited = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record() });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses a key without the ingest scope", async () => {
    const p = await newProject();
    const scoped = await call("POST", `/api/v1/projects/${p.projectId}/api-keys`, { token: p.token, body: { name: "config only", scopes: ["config:read"] } });
    const res = await call("POST", "/api/v1/requests", { apiKey: scoped.body.key, body: record() });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });
});

describe("ingest limits fit real traffic", () => {
  it("admits two full batches of 500 in one minute under the default project limit", async () => {
    const p = await newProject();
    for (let b = 0; b < 2; b++) {
      const res = await call("POST", "/api/v1/requests/batch", { apiKey: p.key, body: { records: Array.from({ length: 500 }, () => record()) } });
      expect(res.status).toBe(200);
      expect(res.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    }
    expect(await app.db.llmRequest.count({ where: { projectId: p.projectId } })).toBe(1000);
  });

  it("refuses a batch that crosses the project limit whole, with Retry-After, and stores none of it", async () => {
    const p = await newProject();
    expect((await call("PATCH", `/api/v1/projects/${p.projectId}/settings`, { token: p.token, body: { rateLimit: 10 } })).status).toBe(200);
    const first = await call("POST", "/api/v1/requests/batch", { apiKey: p.key, body: { records: Array.from({ length: 8 }, () => record()) } });
    expect(first.status).toBe(200);
    const second = await call("POST", "/api/v1/requests/batch", { apiKey: p.key, body: { records: Array.from({ length: 8 }, () => record()) } });
    expect(second.status).toBe(429);
    expect(second.body.error.code).toBe("RATE_LIMITED");
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await app.db.llmRequest.count({ where: { projectId: p.projectId } })).toBe(8);
    // the refused batch took nothing: the two records still left in this minute are admitted
    const rest = await call("POST", "/api/v1/requests/batch", { apiKey: p.key, body: { records: [record(), record()] } });
    expect(rest.status).toBe(200);
    expect(await app.db.llmRequest.count({ where: { projectId: p.projectId } })).toBe(10);
  });

  it("answers 413 for a batch larger than the whole per-minute limit (it could never pass)", async () => {
    const p = await newProject();
    await call("PATCH", `/api/v1/projects/${p.projectId}/settings`, { token: p.token, body: { rateLimit: 5 } });
    const res = await call("POST", "/api/v1/requests/batch", { apiKey: p.key, body: { records: Array.from({ length: 6 }, () => record()) } });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: { limit: 5, requested: 6 } });
  });
});

describe("text is made safe at the edge", () => {
  it("stores NUL and lone surrogates as U+FFFD instead of failing the record", async () => {
    const p = await newProject();
    const raw = JSON.stringify(record({ prompt: "before\u0000after", metadata: { "k\u0000": "\ud800x" } }));
    // JSON.stringify writes both as JSON escapes (\u0000, \ud800), as an SDK would send them
    expect(raw).toContain("\\u0000");
    const res = await call("POST", "/api/v1/requests", { apiKey: p.key, rawBody: raw });
    expect(res.status).toBe(201);
    const row = await app.db.llmRequest.findUniqueOrThrow({ where: { projectId_id: { projectId: p.projectId, id: res.body.id } } });
    expect(row.prompt).toBe("before\uFFFDafter");
    expect(row.metadata).toEqual({ "k\uFFFD": "\uFFFDx" });
  });

  it("answers 400 for JSON nested thousands of levels deep (no stack overflow, no 500)", async () => {
    const p = await newProject();
    const deep = `{"a":`.repeat(5000) + "1" + "}".repeat(5000);
    const res = await call("POST", "/api/v1/requests", { apiKey: p.key, rawBody: `{"prompt":"p","response":"r","model":"m","latencyMs":1,"status":"success","metadata":${deep}}` });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.message).toMatch(/nested deeper/);
  });

  it("one record with NUL in a batch does not fail the others, nor another project's concurrent records", async () => {
    const a = await newProject();
    const b = await newProject();
    const bad = call("POST", "/api/v1/requests/batch", { apiKey: a.key, rawBody: `{"records":[${JSON.stringify(record())},${JSON.stringify(record({ response: "x\u0000y" }))}]}` });
    const others = Array.from({ length: 40 }, () => call("POST", "/api/v1/requests", { apiKey: b.key, body: record() }));
    const [badRes, ...otherRes] = await Promise.all([bad, ...others]);
    expect(badRes.status).toBe(200);
    expect(badRes.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    expect(otherRes.map((r) => r.status)).toEqual(otherRes.map(() => 201));
    expect(await app.db.llmRequest.count({ where: { projectId: b.projectId } })).toBe(40);
  });
});

describe("POST /api/v1/requests/batch", () => {
  it("stores valid records even when others fail, with results in input order", async () => {
    const p = await newProject();
    const records = [record(), { model: "gpt-4o" }, record({ model: "o3-mini", totalTokens: 2000, promptTokens: undefined, completionTokens: undefined }), record({ latencyMs: "fast" })];
    const res = await call("POST", "/api/v1/requests/batch", { apiKey: p.key, body: { records } });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { index: number; ok: boolean }) => [r.index, r.ok])).toEqual([[0, true], [1, false], [2, true], [3, false]]);
    expect(res.body.results[1].error.code).toBe("VALIDATION_FAILED");
    expect(res.body.results[2].costUsd).toBeCloseTo(0.002, 9);
    expect(await app.db.llmRequest.count({ where: { projectId: p.projectId } })).toBe(2);
  });

  it("refuses more than 500 records and an empty batch", async () => {
    const p = await newProject();
    expect((await call("POST", "/api/v1/requests/batch", { apiKey: p.key, body: { records: Array.from({ length: 501 }, () => record()) } })).status).toBe(400);
    expect((await call("POST", "/api/v1/requests/batch", { apiKey: p.key, body: { records: [] } })).status).toBe(400);
  });

  it("deduplicates ids inside one batch and across batches", async () => {
    const p = await newProject();
    const id = randomUUID();
    const res = await call("POST", "/api/v1/requests/batch", { apiKey: p.key, body: { records: [record({ id }), record({ id })] } });
    expect(res.body.results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([false, true]);
    const again = await call("POST", "/api/v1/requests/batch", { apiKey: p.key, body: { records: [record({ id })] } });
    expect(again.body.results[0]).toMatchObject({ ok: true, id, duplicate: true });
    expect(await app.db.llmRequest.count({ where: { projectId: p.projectId } })).toBe(1);
  });

  it("treats an id in upper case as the same UUID: stored lower-case once, its retries and mixed batches answered", async () => {
    const p = await newProject();
    const id = randomUUID();
    const upper = id.toUpperCase();
    const first = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ id: upper }) });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id });
    // a retry in either case, alone and beside a new id in upper case (the transactional path)
    const retry = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ id: upper }) });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ id });
    const other = randomUUID();
    const mixed = await call("POST", "/api/v1/requests/batch", { apiKey: p.key, body: { records: [record({ id }), record({ id: other.toUpperCase() }), record({ id: other })] } });
    expect(mixed.body.results).toMatchObject([
      { ok: true, id, duplicate: true },
      { ok: true, id: other, duplicate: false },
      { ok: true, id: other, duplicate: true },
    ]);
    expect(await app.db.llmRequest.count({ where: { projectId: p.projectId } })).toBe(2);
    const rollup = await app.db.requestRollupHourly.findMany({ where: { projectId: p.projectId } });
    expect(rollup.reduce((n, r) => n + r.requests, 0)).toBe(2);
  });
});

describe("group commit", () => {
  it("N parallel ingests store exactly N rows and N in the rollups", async () => {
    const p = await newProject();
    const N = 200;
    const results = await Promise.all(Array.from({ length: N }, (_, i) => call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ latencyMs: i }) })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(N);
    expect(await app.db.llmRequest.count({ where: { projectId: p.projectId } })).toBe(N);
    const rollups = await app.db.requestRollupHourly.findMany({ where: { projectId: p.projectId } });
    expect(rollups.reduce((s, r) => s + r.requests, 0)).toBe(N);
  });
});

describe("group commit with retries in flight", () => {
  it("the same id sent concurrently many times is stored once and every answer is the first result", async () => {
    const p = await newProject();
    const id = randomUUID();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => call("POST", "/api/v1/requests", { apiKey: p.key, body: record({ id, latencyMs: i }) })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await app.db.llmRequest.count({ where: { projectId: p.projectId } })).toBe(1);
    const rollups = await app.db.requestRollupHourly.findMany({ where: { projectId: p.projectId } });
    expect(rollups.reduce((s, r) => s + r.requests, 0)).toBe(1);
  });
});

describe("database outage", () => {
  it("answers 503 with Retry-After while PostgreSQL is unreachable, never a false 201, and recovers", async () => {
    const p = await newProject();
    // A TCP proxy in front of the test database: cutting it makes PostgreSQL unreachable for a second App.
    const proxy = await startDatabaseProxy(app.database.url);
    const db = await createPrisma({ kind: "postgres", url: proxy.url, poolMax: 2 });
    const outageApp = await createApp({ env: app.env, db, logger: app.logger });
    const outageServer = await serveRest(outageApp);
    const c = restClient(outageServer.url);
    try {
      expect((await c("POST", "/api/v1/requests", { apiKey: p.key, body: record() })).status).toBe(201);
      proxy.cut();
      outageApp.caches.apiKeys.clear();
      const down = await c("POST", "/api/v1/requests", { apiKey: p.key, body: record({ id: randomUUID() }) });
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe("SERVICE_UNAVAILABLE");
      expect(Number(down.headers.get("retry-after"))).toBeGreaterThan(0);
      proxy.restore();
      let up = 0;
      for (let i = 0; i < 20 && up !== 201; i++) {
        up = (await c("POST", "/api/v1/requests", { apiKey: p.key, body: record() })).status;
        if (up !== 201) await new Promise((r) => setTimeout(r, 200));
      }
      expect(up).toBe(201);
      expect(await app.db.llmRequest.count({ where: { projectId: p.projectId } })).toBe(2);
    } finally {
      await outageServer.close();
      await outageApp.close();
      await db.$disconnect();
      await proxy.close();
    }
  });
});
