// Crash safety of ingest (issue 14, "Soak"): the built production server (`node server.mjs`) on PostgreSQL
// is killed with SIGKILL while an application logs LLM calls through the real SDK (@llmguard/sdk, batched
// `log()` and immediate `logNow()`), then started again on the same database and port. Checked against the
// database itself (node-postgres, not the server's API):
//   - while the server is dead, every record it acknowledged (a 2xx answer naming the record) is stored:
//     the group commit answers only after its transaction committed;
//   - once the SDK's retries are done, every record the application logged is stored, exactly once (one
//     row per id, as many rows as records logged, the hourly rollups counting each record once).
// The SDK is given a fetch that passes every request to the global fetch and notes the answers, so the
// test knows what the server acknowledged and when, without changing what the SDK sends or sees.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LLMGuard, type FetchLike, type LLMGuardError, type LogRecord } from "@llmguard/sdk";
import { databaseUrlFor, DEFAULT_TEST_DATABASE_URL } from "../e2e/database";
import { rawRequest, startBuiltServer, type BuiltServer, type RawResponse } from "./built-server";

const PASSWORD = "correct-horse-42";

let srv: BuiltServer;
let db: pg.Client;
let projectId: string;
let ingestKey: string;

beforeAll(async () => {
  srv = await startBuiltServer({ label: "crash" });
  db = new pg.Client({ connectionString: databaseUrlFor(process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL, srv.databaseName) });
  await db.connect();
  const email = `crash-${randomBytes(5).toString("hex")}@example.com`;
  expectStatus(await call("POST", "/api/v1/auth/register", { body: { email, password: PASSWORD } }), 201, `register${srv.log()}`);
  // An operator's setting, as `pnpm billing:set-plan` would make it: Enterprise, so neither Free's monthly
  // cap nor its 1,000 records/min is what the test meets (both are tested in errors.smoke.test.ts).
  await db.query(`INSERT INTO "BillingAccount" ("userId", "plan", "updatedAt") SELECT "id", 'enterprise', now() FROM "User" WHERE "email" = $1`, [email]);
  const login = await call("POST", "/api/v1/auth/login", { body: { email, password: PASSWORD } });
  expectStatus(login, 200, "login");
  const token = String((login.json as { accessToken: string }).accessToken);
  const created = await call("POST", "/api/v1/projects", { token, body: { name: "crash test" } });
  expectStatus(created, 201, "create project");
  const body = created.json as { project: { id: string }; apiKey: { key: string } };
  projectId = body.project.id;
  ingestKey = body.apiKey.key;
  expectStatus(await call("PATCH", `/api/v1/projects/${projectId}/settings`, { token, body: { rateLimit: 1_000_000, message: "crash test" } }), 200, "raise the ingest limit");
});

afterAll(async () => {
  await db?.end().catch(() => undefined);
  await srv?.stop();
});

function call(method: string, path: string, opts: { body?: unknown; token?: string } = {}): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return rawRequest(srv.baseUrl, { method, path, headers, body: opts.body });
}

function expectStatus(res: RawResponse, status: number, what: string): void {
  expect(res.status, `${what} → ${res.status} ${res.text.slice(0, 600)}`).toBe(status);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ids of this project's stored records (every row, so a duplicate would show as a repeated id). */
async function storedIds(): Promise<string[]> {
  const res = await db.query<{ id: string }>(`SELECT "id"::text AS id FROM "LlmRequest" WHERE "projectId" = $1`, [projectId]);
  return res.rows.map((r) => r.id);
}

/** What the server acknowledged, as the SDK's HTTP answers say it, and what failed on the way. */
class AckLog {
  /** Record id → when its first 2xx answer arrived. */
  readonly acked = new Map<string, number>();
  inFlight = 0;
  requests = 0;
  /** Attempts that ended without an HTTP answer (connection reset or refused): the crash. */
  networkErrors = 0;
  readonly statuses = new Map<number, number>();

  /** A fetch for the SDK: the global fetch, plus bookkeeping of which record ids each 2xx answer acknowledged. */
  readonly fetch: FetchLike = async (url, init) => {
    const sent = JSON.parse(init.body ?? "{}") as { records?: { id: string }[]; id?: string };
    const ids = sent.records ? sent.records.map((r) => r.id) : [String(sent.id)];
    this.inFlight++;
    this.requests++;
    try {
      const res = await fetch(url, init);
      const text = await res.text();
      this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 200 && res.status < 300) this.#acknowledge(url, ids, text);
      return { ok: res.ok, status: res.status, headers: res.headers, text: async () => text };
    } catch (err) {
      this.networkErrors++;
      throw err;
    } finally {
      this.inFlight--;
    }
  };

  #acknowledge(url: string, ids: string[], text: string): void {
    const now = Date.now();
    if (url.endsWith("/api/v1/requests/batch")) {
      // A batch answer lists a result per record; only `ok: true` acknowledges that record.
      const body = JSON.parse(text) as { results: { index: number; ok: boolean }[] };
      for (const r of body.results) if (r.ok && !this.acked.has(ids[r.index]!)) this.acked.set(ids[r.index]!, now);
    } else {
      const body = JSON.parse(text) as { id: string };
      if (!this.acked.has(body.id)) this.acked.set(body.id, now);
    }
  }
}

/** A varied LLM call; `seq` goes into metadata so every row can be traced to the call that logged it. */
function llmCall(seq: number, id?: string): LogRecord {
  const topics = ["my last invoice", "the refund policy", "a failed payment", "the quarterly revenue", "shipping to Norway"];
  return {
    ...(id ? { id } : {}),
    prompt: `Customer ${seq % 97}: please summarize ${topics[seq % topics.length]} (#${seq})`,
    response: `Here is a short summary of ${topics[seq % topics.length]} for request ${seq}.`,
    model: seq % 3 === 0 ? "gpt-4o" : "gpt-4o-mini",
    latencyMs: 100 + (seq % 400),
    promptTokens: 20 + (seq % 30),
    completionTokens: 10 + (seq % 50),
    status: seq % 41 === 0 ? "error" : "success",
    ...(seq % 41 === 0 ? { errorMessage: "upstream 500" } : {}),
    endpoint: seq % 2 === 0 ? "support-chat" : "summarizer",
    endUserId: `user_${seq % 13}`,
    metadata: { seq },
  };
}

describe("kill -9 of the server during SDK traffic, then a restart on the same database", () => {
  it("stores every acknowledged record before answering, and the SDK's retries store the rest exactly once", async () => {
    const acks = new AckLog();
    const sdkErrors: LLMGuardError[] = [];
    // Two instances of the application, each with its own SDK client (its own batches in flight).
    const guards = [0, 1].map(
      () =>
        new LLMGuard({
          apiKey: ingestKey,
          baseUrl: srv.baseUrl,
          fetch: acks.fetch,
          flushIntervalMs: 50,
          maxBatchSize: 100,
          // Enough attempts to outlast a restart (the defaults, 5 retries from 500 ms, give up after 8–15 s).
          maxRetries: 40,
          retryBaseDelayMs: 100,
          retryMaxDelayMs: 1_000,
          requestTimeoutMs: 10_000,
          handleProcessExit: false,
          enforce: false,
          onError: (e) => sdkErrors.push(e),
        }),
    );

    // The application: a steady stream of log() calls (batched by the SDK, which assigns the ids), and
    // request handlers that each await logNow() for their call (ids chosen by the application).
    const logged = new Map<string, number>();
    let seq = 0;
    let producing = true;
    const producers = guards.map(async (guard) => {
      while (producing) {
        for (let i = 0; i < 3; i++) {
          const s = ++seq;
          logged.set(guard.log(llmCall(s)), s);
        }
        await sleep(10);
      }
    });
    const handlerFailures: string[] = [];
    const handlers = Array.from({ length: 6 }, async (_, h) => {
      const guard = guards[h % guards.length]!;
      while (producing) {
        const s = ++seq;
        const id = randomUUID();
        logged.set(id, s);
        try {
          const result = await guard.logNow(llmCall(s, id));
          if (result.id !== id) handlerFailures.push(`logNow(${id}) answered for ${result.id}`);
        } catch (err) {
          handlerFailures.push(`logNow(${id}) failed: ${String(err)}`);
        }
      }
    });

    // Kill once the server has acknowledged a good number of records, at a moment when requests are in flight.
    const t0 = Date.now();
    while (acks.acked.size < 600 || acks.inFlight < 3) {
      if (Date.now() - t0 > 30_000) throw new Error(`no traffic: ${acks.acked.size} records acknowledged, statuses ${JSON.stringify([...acks.statuses])}${srv.log()}`);
      await sleep(1);
    }
    const inFlightAtKill = acks.inFlight;
    const loggedBeforeKill = new Set(logged.keys());
    expect(srv.child.kill("SIGKILL")).toBe(true);
    const death = await srv.exited;
    expect(death.signal).toBe("SIGKILL");
    // Answers already on their way are read, then nothing can acknowledge anything until the restart.
    await sleep(300);
    const ackedWhileDead = new Set(acks.acked.keys());
    const storedWhileDead = new Set(await storedIds());
    const ackedNotStored = [...ackedWhileDead].filter((id) => !storedWhileDead.has(id));
    expect(ackedNotStored, `${ackedNotStored.length} of ${ackedWhileDead.size} acknowledged records are not in the database after the crash`).toEqual([]);

    // The application goes on logging while the server is down and while it starts again.
    const down = Date.now();
    await srv.restart();
    const restartMs = Date.now() - down;
    await sleep(1_500);
    producing = false;
    await Promise.all([...producers, ...handlers]);
    for (const guard of guards) {
      expect(await guard.flush({ timeoutMs: 30_000 }), "the SDK delivered everything it buffered").toBe(true);
      await guard.shutdown({ timeoutMs: 1_000 });
    }
    expect(handlerFailures, "logNow() calls that did not store their record").toEqual([]);
    expect(
      sdkErrors.map((e) => `${e.code} ${e.status ?? ""} ${e.message} (${e.records.length} records)`),
      "the SDK dropped or had records rejected",
    ).toEqual([]);

    // The crash did interrupt traffic, and records logged before it reached the database through retries.
    expect(acks.networkErrors, "attempts that failed because the server was gone").toBeGreaterThan(0);
    const deliveredAfterRestart = [...loggedBeforeKill].filter((id) => !ackedWhileDead.has(id));
    expect(deliveredAfterRestart.length, "records logged before the kill but acknowledged only after the restart").toBeGreaterThan(0);

    // Every record the application logged is stored once; every acknowledgement is in the database.
    const ids = await storedIds();
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    const duplicates = [...counts].filter(([, n]) => n > 1);
    expect(duplicates, "ids stored more than once").toEqual([]);
    const missing = [...logged.keys()].filter((id) => !counts.has(id));
    expect(missing.length, `${missing.length} of ${logged.size} logged records are missing`).toBe(0);
    const unexpected = ids.filter((id) => !logged.has(id));
    expect(unexpected, "rows the application did not log (a retry stored under a new id)").toEqual([]);
    expect(ids.length).toBe(logged.size);
    const ackedMissing = [...acks.acked.keys()].filter((id) => !counts.has(id));
    expect(ackedMissing).toEqual([]);
    expect(acks.acked.size).toBe(logged.size);

    // Each row is the call that was logged under its id, and the hourly rollups count each record once.
    const seqs = await db.query<{ id: string; seq: number }>(`SELECT "id"::text AS id, ("metadata"->>'seq')::int AS seq FROM "LlmRequest" WHERE "projectId" = $1`, [projectId]);
    const mismatched = seqs.rows.filter((r) => logged.get(r.id) !== r.seq);
    expect(mismatched, "rows whose metadata.seq is not the call logged under their id").toEqual([]);
    const rollup = await db.query<{ n: string }>(`SELECT COALESCE(sum("requests"), 0)::text AS n FROM "RequestRollupHourly" WHERE "projectId" = $1`, [projectId]);
    expect(Number(rollup.rows[0]!.n), "records counted in the hourly rollups").toBe(logged.size);

    console.info(
      `[crash] ${logged.size} records logged (${loggedBeforeKill.size} before the kill); ${ackedWhileDead.size} acknowledged before the kill, ` +
        `${storedWhileDead.size} stored then (${storedWhileDead.size - ackedWhileDead.size} committed but not acknowledged); ${inFlightAtKill} requests in flight at the kill; ` +
        `${deliveredAfterRestart.length} logged before the kill delivered after the restart; restart ${restartMs} ms; ${acks.requests} HTTP attempts, ${acks.networkErrors} network errors, statuses ${JSON.stringify([...acks.statuses])}`,
    );
  }, 120_000);
});
