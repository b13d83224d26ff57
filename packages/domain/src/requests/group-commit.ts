import { databasePool, type Db } from "@llmguard/db";
import { databaseUnavailable, DomainError, isDatabaseUnavailable, isDomainError } from "../shared/errors";
import type { Logger } from "../shared/logger";
import { emptyBuckets, latencyBucketIndex } from "../metrics/latency-buckets";
import { getMetrics, type Metrics } from "../observability/prometheus.mjs";
import type { PreparedRow, StoredResult } from "./request-row";
import { SearchVectorBuilder } from "./search-vector";

/**
 * Group commit for ingest (ARCHITECTURE decision 6). Requests are validated and scored by the caller,
 * then queued here; one flush at a time writes everything queued as one multi-row INSERT plus the hourly
 * rollup upserts, atomically: on PostgreSQL one autocommitted statement when every row is new (the
 * common case, one round trip), else one transaction. A caller's promise resolves only after its row
 * has committed, so a 201 always means a committed row.
 *
 * If that write fails because PostgreSQL is unavailable, every caller in it gets 503 and retries.
 * Any other failure is isolated (issue 8, ARCHITECTURE decision 13): the batch is bisected into smaller
 * writes until every row the database accepts is committed (once, with its rollups) and only the rows
 * it refuses reject. The happy path stays one write; bisection runs only after a failure.
 */
export interface GroupCommitOptions {
  /** Most rows per write (statement or transaction). */
  maxBatch?: number;
  /** Most rows waiting; beyond it new requests are refused with 503 (back-pressure). */
  maxQueued?: number;
  /**
   * Writes in flight at once. Two let Node prepare and send one batch while PostgreSQL writes the
   * other; rollup rows are locked in a fixed order on both write paths (rollupSteps), so concurrent
   * flushes cannot deadlock.
   */
  maxInFlight?: number;
  /**
   * Called after each commit with the rows it stored for the first time (not repeats): incident detection
   * reads them from here, after the callers' 201s, so ingest never waits for it. Must not throw.
   */
  onCommitted?: (rows: PreparedRow[]) => void;
  /** Where records, batches, batch sizes and commit times are counted (default: the process's, getMetrics()). */
  metrics?: Metrics;
  /**
   * Builds each row's search vector in Node (search-vector.ts); `false` leaves every vector to
   * to_tsvector in the INSERT (the benchmark's before/after). Default: one builder per committer.
   */
  searchVectors?: SearchVectorBuilder | false;
}

interface Pending {
  row: PreparedRow;
  resolve: (r: StoredResult) => void;
  reject: (e: unknown) => void;
}

const COLS = `"projectId","id","timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata","requestedModel","enforcement","enforcementReasons","source","search"`;

// One INSERT for any number of rows: each column travels as one array parameter and unnest() zips them.
// The tsvector indexes the first 20,000 characters of prompt and response (bounded work per row). It
// arrives prebuilt (sv, search-vector.ts: the same vector, about a seventh of the database's work);
// where it is null, PostgreSQL builds it.
const INSERT_SQL = `
INSERT INTO "LlmRequest" (${COLS})
SELECT p, i, t, k, m, pr, rs, st::"RequestStatus", em, l, pt, ct, tt, c, r, rf, f, eu, ep, md, rm, en, er, so,
       COALESCE(sv::tsvector, to_tsvector('english', left(pr, 20000) || ' ' || left(rs, 20000)))
FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
            $10::int[], $11::int[], $12::int[], $13::int[], $14::numeric[], $15::int[], $16::jsonb[], $17::bool[], $18::text[], $19::text[], $20::jsonb[],
            $21::text[], $22::text[], $23::jsonb[], $24::text[], $25::text[])
  AS u(p, i, t, k, m, pr, rs, st, em, l, pt, ct, tt, c, r, rf, f, eu, ep, md, rm, en, er, so, sv)
ON CONFLICT ("projectId", "id") DO NOTHING
RETURNING "projectId"::text AS "projectId", "id"::text AS "id"`;

// The same sums per endpoint, for the hourly statistics per endpoint (only the columns they read).
const ENDPOINT_ROLLUP_SQL = `
INSERT INTO "RequestRollupEndpointHourly" ("projectId","hour","endpoint","requests","errors","flagged","latencySumMs","costUsd","latencyBuckets","blocked")
SELECT p, h, e, n, er, f, ls, c, string_to_array(b, ',')::int[], bl
FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int[], $5::int[], $6::int[], $7::bigint[], $8::numeric[], $9::text[], $10::int[])
  AS u(p, h, e, n, er, f, ls, c, b, bl)
ON CONFLICT ("projectId","hour","endpoint") DO UPDATE SET
  "requests" = "RequestRollupEndpointHourly"."requests" + EXCLUDED."requests",
  "errors" = "RequestRollupEndpointHourly"."errors" + EXCLUDED."errors",
  "flagged" = "RequestRollupEndpointHourly"."flagged" + EXCLUDED."flagged",
  "blocked" = "RequestRollupEndpointHourly"."blocked" + EXCLUDED."blocked",
  "latencySumMs" = "RequestRollupEndpointHourly"."latencySumMs" + EXCLUDED."latencySumMs",
  "costUsd" = "RequestRollupEndpointHourly"."costUsd" + EXCLUDED."costUsd",
  "latencyBuckets" = ARRAY(
    SELECT COALESCE(a, 0) + COALESCE(b, 0)
    FROM unnest("RequestRollupEndpointHourly"."latencyBuckets", EXCLUDED."latencyBuckets") AS x(a, b))`;

const ROLLUP_SQL = `
INSERT INTO "RequestRollupHourly" ("projectId","hour","model","requests","errors","timeouts","flagged","latencySumMs","promptTokens","completionTokens","totalTokens","costUsd","unpricedRequests","riskScoreSum","latencyBuckets","blocked")
SELECT p, h, m, n, e, t, f, ls, pt, ct, tt, c, up, rs, string_to_array(b, ',')::int[], bl
FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::numeric[], $13::int[], $14::bigint[], $15::text[], $16::int[])
  AS u(p, h, m, n, e, t, f, ls, pt, ct, tt, c, up, rs, b, bl)
ON CONFLICT ("projectId","hour","model") DO UPDATE SET
  "requests" = "RequestRollupHourly"."requests" + EXCLUDED."requests",
  "errors" = "RequestRollupHourly"."errors" + EXCLUDED."errors",
  "timeouts" = "RequestRollupHourly"."timeouts" + EXCLUDED."timeouts",
  "flagged" = "RequestRollupHourly"."flagged" + EXCLUDED."flagged",
  "blocked" = "RequestRollupHourly"."blocked" + EXCLUDED."blocked",
  "latencySumMs" = "RequestRollupHourly"."latencySumMs" + EXCLUDED."latencySumMs",
  "promptTokens" = "RequestRollupHourly"."promptTokens" + EXCLUDED."promptTokens",
  "completionTokens" = "RequestRollupHourly"."completionTokens" + EXCLUDED."completionTokens",
  "totalTokens" = "RequestRollupHourly"."totalTokens" + EXCLUDED."totalTokens",
  "costUsd" = "RequestRollupHourly"."costUsd" + EXCLUDED."costUsd",
  "unpricedRequests" = "RequestRollupHourly"."unpricedRequests" + EXCLUDED."unpricedRequests",
  "riskScoreSum" = "RequestRollupHourly"."riskScoreSum" + EXCLUDED."riskScoreSum",
  "latencyBuckets" = ARRAY(
    SELECT COALESCE(a, 0) + COALESCE(b, 0)
    FROM unnest("RequestRollupHourly"."latencyBuckets", EXCLUDED."latencyBuckets") AS x(a, b))`;

/** A statement inside the group commit's transaction; its rows. */
type Query = <R = unknown>(sql: string, params: unknown[]) => Promise<R[]>;

// What a repeated id (an SDK retry) was stored with the first time.
const REPEATS_SQL = `
SELECT "projectId"::text AS "projectId", "id"::text AS "id", "riskScore", "riskFactors", "flagged", "costUsd"::text AS "costUsd"
FROM "LlmRequest"
WHERE ("projectId", "id") IN (SELECT p, i FROM unnest($1::uuid[], $2::uuid[]) AS u(p, i))`;

// Billing usage (issue 11): records stored per account in the hour of ingestion, one statement per flush.
const USAGE_SQL = `
INSERT INTO "UsageHourly" ("accountId","hour","requests")
SELECT a, $2::timestamptz, n FROM unnest($1::uuid[], $3::int[]) AS u(a, n)
ON CONFLICT ("accountId","hour") DO UPDATE SET "requests" = "UsageHourly"."requests" + EXCLUDED."requests"`;

/** `$n` → `$(n + by)`: a statement's parameters renumbered to follow another's in one combined statement. */
function shiftParams(sql: string, by: number): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);
}

/**
 * The three rollup upserts as data-modifying CTEs of one statement, each guarded by `guard` (SQL), in a
 * forced order: per endpoint, per model, plan usage. PostgreSQL calls the order of a statement's
 * sub-statements unpredictable (in practice it runs unread ones last, in reverse), so each reads the one
 * before it (`RETURNING 1` and a count of it): every flush, on either write path, locks rollup rows in the
 * same order, each table's in its rows' sorted order, so concurrent flushes cannot deadlock. (It is also
 * the order of the separate statements before, which a rolling deploy runs beside this.)
 * Parameters: per-endpoint $1–$10, per-model $11–$26, usage $27–$29, before `shift`.
 */
function rollupSteps(guard: string, shift: number): string {
  const step = (sql: string, after: string | null) =>
    shiftParams(sql, shift).replace("\nON CONFLICT", `\nWHERE ${guard}${after ? ` AND (SELECT count(*) FROM ${after}) >= 0` : ""}\nON CONFLICT`) + "\nRETURNING 1";
  return `endpoint_rollups AS (${step(ENDPOINT_ROLLUP_SQL, null)}),
model_rollups AS (${step(shiftParams(ROLLUP_SQL, 10), "endpoint_rollups")}),
usage AS (${step(shiftParams(USAGE_SQL, 26), "model_rollups")})`;
}

// The rollups of the rows a transaction stored for the first time (the transactional write path).
const ROLLUPS_SQL = `WITH ${rollupSteps("TRUE", 0)}
SELECT count(*) FROM usage`;

/** Which rows a flush stored for the first time, and every caller's result. */
interface Written {
  results: Map<string, StoredResult>;
  fresh: PreparedRow[];
}

type RepeatRow = { projectId: string; id: string; riskScore: number; riskFactors: StoredResult["riskFactors"]; flagged: boolean; costUsd: string | null };

// The SQLSTATE (division_by_zero) ONE_STATEMENT_SQL fails with when some of its rows were repeats but not
// all: none of these statements divides otherwise.
const SOME_ROWS_REPEATED = "22012";

// A whole flush in one autocommitted statement: the INSERT ($1–$25) and, only if every row was new, the
// rollups ($26–$54, ROLLUPS_SQL's shifted by 25; $55 the row count; they read `ins`, so the INSERT comes
// first). Some new and some repeated: the division by zero fails the statement, which rolls all of it back
// (writeInOneStatement falls back to the transaction). None new: nothing is written, and no row answers.
const ONE_STATEMENT_SQL = `
WITH ins AS (${INSERT_SQL}),
${rollupSteps("(SELECT count(*) FROM ins) = $55", 25)}
SELECT "projectId", "id", 1 / ((SELECT count(*) FROM ins) = $55)::int AS "allNew" FROM ins`;

/** ROLLUPS_SQL's parameters for the rows stored for the first time. */
function rollupParams(fresh: PreparedRow[], hour: Date): unknown[] {
  const byEndpoint = rollupRows(fresh, (r) => r.endpoint);
  const rollups = rollupRows(fresh);
  const usage = usageCounts(fresh);
  return [
    byEndpoint.map((a) => a.projectId),
    byEndpoint.map((a) => a.hour.toISOString()),
    byEndpoint.map((a) => a.model),
    byEndpoint.map((a) => a.requests),
    byEndpoint.map((a) => a.errors),
    byEndpoint.map((a) => a.flagged),
    byEndpoint.map((a) => a.latencySumMs),
    byEndpoint.map((a) => a.costUsd.toFixed(6)),
    byEndpoint.map((a) => a.buckets.join(",")),
    byEndpoint.map((a) => a.blocked),
    rollups.map((a) => a.projectId),
    rollups.map((a) => a.hour.toISOString()),
    rollups.map((a) => a.model),
    rollups.map((a) => a.requests),
    rollups.map((a) => a.errors),
    rollups.map((a) => a.timeouts),
    rollups.map((a) => a.flagged),
    rollups.map((a) => a.latencySumMs),
    rollups.map((a) => a.promptTokens),
    rollups.map((a) => a.completionTokens),
    rollups.map((a) => a.totalTokens),
    rollups.map((a) => a.costUsd.toFixed(6)),
    rollups.map((a) => a.unpriced),
    rollups.map((a) => a.riskScoreSum),
    rollups.map((a) => a.buckets.join(",")),
    rollups.map((a) => a.blocked),
    usage.accounts,
    hour.toISOString(),
    usage.counts,
  ];
}

function freshResults(fresh: PreparedRow[]): Map<string, StoredResult> {
  const results = new Map<string, StoredResult>();
  for (const r of fresh) results.set(`${r.projectId}|${r.id}`, { id: r.id, riskScore: r.riskScore, riskFactors: r.riskFactors, flagged: r.flagged, costUsd: r.costUsd, duplicate: false });
  return results;
}

function repeatResults(existing: RepeatRow[]): Map<string, StoredResult> {
  const results = new Map<string, StoredResult>();
  for (const e of existing) {
    results.set(`${e.projectId}|${e.id}`, { id: e.id, riskScore: e.riskScore, riskFactors: e.riskFactors, flagged: e.flagged, costUsd: e.costUsd === null ? null : Number(e.costUsd), duplicate: true });
  }
  return results;
}

/**
 * A row the database answered nothing for: never expected (ids are lower-cased UUIDs, as PostgreSQL
 * answers them), but its caller gets an error rather than a promise that never settles.
 */
function missingResult(key: string, logger: Logger): DomainError {
  logger.error({ key }, "the group commit has no result for a row");
  return new DomainError("INTERNAL", "The record could not be stored");
}

/** Stored records per account, in account order (concurrent flushes lock usage rows in the same order). */
export function usageCounts(rows: readonly PreparedRow[]): { accounts: string[]; counts: number[] } {
  const acc = new Map<string, number>();
  for (const r of rows) if (r.accountId) acc.set(r.accountId, (acc.get(r.accountId) ?? 0) + 1);
  const accounts = [...acc.keys()].sort();
  return { accounts, counts: accounts.map((a) => acc.get(a)!) };
}

interface RollupAcc {
  projectId: string;
  hour: Date;
  model: string;
  requests: number;
  errors: number;
  timeouts: number;
  flagged: number;
  blocked: number;
  latencySumMs: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  costUsd: number;
  unpriced: number;
  riskScoreSum: number;
  buckets: number[];
}

function hourOf(d: Date): Date {
  const h = new Date(d.getTime());
  h.setUTCMinutes(0, 0, 0);
  return h;
}

/**
 * Sums rows per (project, hour, dimension): the model by default (RequestRollupHourly), or the endpoint
 * (RequestRollupEndpointHourly, rows without one are left out). `model` holds the dimension's value.
 */
export function rollupRows(rows: PreparedRow[], dimension: (r: PreparedRow) => string | null = (r) => r.model): RollupAcc[] {
  const acc = new Map<string, RollupAcc>();
  for (const r of rows) {
    const dim = dimension(r);
    if (dim === null) continue;
    const hour = hourOf(r.timestamp);
    const key = `${r.projectId}|${hour.toISOString()}|${dim}`;
    let a = acc.get(key);
    if (!a) {
      a = { projectId: r.projectId, hour, model: dim, requests: 0, errors: 0, timeouts: 0, flagged: 0, blocked: 0, latencySumMs: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, costUsd: 0, unpriced: 0, riskScoreSum: 0, buckets: emptyBuckets() };
      acc.set(key, a);
    }
    a.requests++;
    // A blocked call is the guard working, not a failure: counted apart, never in errors.
    if (r.status === "error" || r.status === "timeout") a.errors++;
    if (r.status === "timeout") a.timeouts++;
    if (r.status === "blocked") a.blocked++;
    if (r.flagged) a.flagged++;
    a.latencySumMs += r.latencyMs;
    a.promptTokens += r.promptTokens ?? 0;
    a.completionTokens += r.completionTokens ?? 0;
    a.totalTokens += r.totalTokens;
    if (r.costUsd === null) a.unpriced++;
    else a.costUsd += r.costUsd;
    a.riskScoreSum += r.riskScore;
    a.buckets[latencyBucketIndex(r.latencyMs)]!++;
  }
  // A fixed order: concurrent writers (other instances) lock rollup rows in the same order, no deadlock.
  return [...acc.values()].sort((x, y) => (x.projectId + x.hour.toISOString() + x.model < y.projectId + y.hour.toISOString() + y.model ? -1 : 1));
}

function json(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

const rowKey = (r: PreparedRow) => `${r.projectId}|${r.id}`;

function byKey(a: PreparedRow, b: PreparedRow): number {
  const ka = rowKey(a);
  const kb = rowKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

// Five characters, digits and upper-case letters, not a Prisma code (P2010) or a Node one (ECONNRESET).
const SQLSTATE = /^[0-9][0-9A-Z]{4}$/;

/**
 * The SQLSTATE of a PostgreSQL error as Prisma reports it: through the driver adapter
 * (`meta.driverAdapterError.cause.originalCode`, e.g. P2010 "Raw query failed"), in `meta.code` (the
 * native engine), or as `code` on a node-postgres error; causes are followed a few levels.
 */
function sqlStateOf(err: unknown, depth = 0): string | undefined {
  if (typeof err !== "object" || err === null || depth > 5) return undefined;
  const e = err as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } }; cause?: unknown };
  const adapter = e.meta?.driverAdapterError?.cause;
  for (const c of [adapter?.originalCode, adapter?.code, e.meta?.code, e.code]) {
    if (typeof c === "string" && SQLSTATE.test(c)) return c;
  }
  return e.cause !== undefined && e.cause !== err ? sqlStateOf(e.cause, depth + 1) : undefined;
}

/** What a client is told for each data exception; never the driver's text, which may quote the record. */
const REFUSED_DATA: Record<string, string> = {
  "22021": "text contains a character PostgreSQL cannot store (NUL, U+0000)",
  "22P05": "JSON metadata contains an escape PostgreSQL cannot store (\\u0000)",
  "22P02": "a value is malformed for its column (for example a lone surrogate in JSON metadata)",
  "22001": "a text value is too long",
  "22003": "a number is out of range",
  "22007": "a timestamp is malformed",
  "22008": "a timestamp is out of range",
};

/**
 * The error for one row that failed on its own. PostgreSQL data exceptions (SQLSTATE class 22) refuse
 * the record: VALIDATION_FAILED with the SQLSTATE as `reason`. Anything else stays as it was (the
 * caller maps it to INTERNAL; flush() logs it once).
 */
function refusal(err: unknown): unknown {
  if (isDomainError(err)) return err;
  const state = sqlStateOf(err);
  if (state === undefined || !state.startsWith("22")) return err;
  const problem = REFUSED_DATA[state] ?? "a value is not valid for its column";
  return new DomainError("VALIDATION_FAILED", `The database refused this record: ${problem}`, { details: { reason: state } });
}

/**
 * Failures one row can cause, worth isolating: data exceptions (class 22, e.g. NUL in text), integrity
 * violations (23) and program limits (54, e.g. a tsvector over its size).
 */
function rowSpecific(err: unknown): boolean {
  const state = sqlStateOf(err);
  return state !== undefined && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxBatch: number;
  private readonly maxQueued: number;
  private readonly maxInFlight: number;
  /** Until when (performance.now()) flushes skip the one-statement write: a flush just had repeated ids. */
  private repeatsSeenUntil = 0;
  private readonly onCommitted?: (rows: PreparedRow[]) => void;
  private readonly metrics: Metrics;
  private readonly searchVectors: SearchVectorBuilder | null;
  /** Each row's prebuilt search vector (null: to_tsvector builds it), set by flush() for write(). */
  private readonly vectorOf = new WeakMap<PreparedRow, string | null>();
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 1000;
    this.maxQueued = opts.maxQueued ?? 50_000;
    this.maxInFlight = opts.maxInFlight ?? 2;
    this.onCommitted = opts.onCommitted;
    this.metrics = opts.metrics ?? getMetrics();
    this.searchVectors = opts.searchVectors === false ? null : (opts.searchVectors ?? new SearchVectorBuilder(db, logger));
  }

  /** Records waiting for a flush (the queue-depth gauge reads it when Prometheus scrapes). */
  get queued(): number {
    return this.queue.length;
  }

  /** Queues rows; each promise resolves once its row (or the first row with its id) is committed. */
  submit(rows: PreparedRow[]): Promise<StoredResult>[] {
    if (this.closed) return rows.map(() => Promise.reject(new DomainError("SERVICE_UNAVAILABLE", "Shutting down", { retryAfterSeconds: 1 })));
    if (this.queue.length + rows.length > this.maxQueued) {
      return rows.map(() => Promise.reject(new DomainError("SERVICE_UNAVAILABLE", "Ingest queue is full; retry shortly", { retryAfterSeconds: 1 })));
    }
    const promises = rows.map((row) => new Promise<StoredResult>((resolve, reject) => this.queue.push({ row, resolve, reject })));
    this.kick();
    return promises;
  }

  private kick(): void {
    while (this.inFlight.size < this.maxInFlight && this.queue.length > 0) {
      const loop: Promise<void> = this.flushLoop().finally(() => {
        this.inFlight.delete(loop);
        this.kick();
      });
      this.inFlight.add(loop);
    }
  }

  /** Flushes until the queue is empty: whatever arrived during a flush goes in the next one. */
  private async flushLoop(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      await this.flush(batch);
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    // The same id twice in one batch: the first is written, later ones share its result (or its error).
    const firstByKey = new Map<string, Pending>();
    const followers: [Pending, string][] = [];
    for (const p of batch) {
      const key = rowKey(p.row);
      if (firstByKey.has(key)) followers.push([p, key]);
      else firstByKey.set(key, p);
    }
    const unique = [...firstByKey.values()];
    let results: Map<string, StoredResult>;
    const errors = new Map<string, unknown>();
    const m = this.metrics;
    m.ingestBatchSize.observe(batch.length);
    try {
      await this.prepareVectors(unique.map((p) => p.row));
      results = await this.write(unique.map((p) => p.row));
      m.ingestBatches.inc({ outcome: "committed" });
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        const error = databaseUnavailable(err);
        for (const p of batch) p.reject(error);
        m.ingestBatches.inc({ outcome: "failed" });
        m.ingestRecords.inc({ outcome: "failed" }, batch.length);
        return;
      }
      if (!rowSpecific(err)) {
        // Not something one row can cause (a schema or permission problem): every row would fail alone too.
        this.logger.error({ err, rows: batch.length }, "ingest batch failed");
        for (const p of batch) p.reject(err);
        m.ingestBatches.inc({ outcome: "failed" });
        m.ingestRecords.inc({ outcome: "failed" }, batch.length);
        return;
      }
      results = new Map();
      await this.isolate(unique.map((p) => p.row), err, results, errors);
      this.logFailures(batch.length, errors);
      m.ingestBatches.inc({ outcome: "isolated" });
    }
    let stored = 0;
    let duplicate = 0;
    let failed = 0;
    for (const p of unique) {
      const key = rowKey(p.row);
      const result = results.get(key);
      if (errors.has(key) || !result) {
        failed++;
        p.reject(errors.get(key) ?? missingResult(key, this.logger));
      } else {
        if (result.duplicate) duplicate++;
        else stored++;
        p.resolve(result);
      }
    }
    for (const [p, key] of followers) {
      const result = results.get(key);
      if (errors.has(key) || !result) {
        failed++;
        p.reject(errors.get(key) ?? missingResult(key, this.logger));
      } else {
        duplicate++;
        p.resolve({ ...result, duplicate: true });
      }
    }
    if (stored > 0) m.ingestRecords.inc({ outcome: "stored" }, stored);
    if (duplicate > 0) m.ingestRecords.inc({ outcome: "duplicate" }, duplicate);
    if (failed > 0) m.ingestRecords.inc({ outcome: "failed" }, failed);
  }

  /**
   * After a batch failed with `err` (not an outage): bisects it, each half in its own transaction,
   * recursively down to single rows, so every row the database accepts commits exactly once and each row
   * it refuses gets its own error. Halves run one after another, each taking its locks in key order as
   * write() does, so they cannot deadlock with each other or with the other flush in flight. If the
   * database becomes unavailable meanwhile, the rows not committed yet get 503 (their clients retry);
   * rows already committed keep their results.
   */
  private async isolate(rows: PreparedRow[], err: unknown, results: Map<string, StoredResult>, errors: Map<string, unknown>): Promise<void> {
    let outage: DomainError | undefined;
    const split = async (part: PreparedRow[], failure: unknown): Promise<void> => {
      if (part.length === 1) {
        errors.set(rowKey(part[0]!), refusal(failure));
        return;
      }
      const mid = Math.ceil(part.length / 2);
      await attempt(part.slice(0, mid));
      await attempt(part.slice(mid));
    };
    const attempt = async (part: PreparedRow[]): Promise<void> => {
      if (outage) {
        for (const r of part) errors.set(rowKey(r), outage);
        return;
      }
      try {
        for (const [key, result] of await this.write(part)) results.set(key, result);
      } catch (failure) {
        if (isDatabaseUnavailable(failure)) {
          outage = databaseUnavailable(failure);
          for (const r of part) errors.set(rowKey(r), outage);
          return;
        }
        await split(part, failure);
      }
    };
    // Key order, so each half is a contiguous key range.
    await split([...rows].sort(byKey), err);
  }

  /** One log line per failed flush: unexpected errors at error level, refused data (4xx) as a count. */
  private logFailures(rows: number, errors: Map<string, unknown>): void {
    const unexpected = [...errors.values()].filter((e) => !isDomainError(e));
    const refused = [...errors.values()].filter((e) => isDomainError(e) && e.code === "VALIDATION_FAILED") as DomainError[];
    if (unexpected.length > 0) this.logger.error({ err: unexpected[0], rows, failed: unexpected.length }, "ingest batch failed");
    if (refused.length > 0) {
      // The SQLSTATEs only: the driver's text may quote the record.
      const reasons = [...new Set(refused.map((e) => String(e.details?.reason)))];
      this.logger.warn({ rows, refused: refused.length, reasons }, "the database refused ingest rows; isolated them from the rest of the batch");
    }
  }

  /**
   * One transaction: on PostgreSQL straight on a pooled node-postgres connection (Prisma's raw-query
   * layer serialised every one of a batch's array parameters and parsed them again in its query
   * compiler: about a third of the server's CPU in batch ingest); on the embedded database, Prisma's.
   */
  private async transaction<T>(run: (query: Query) => Promise<T>): Promise<T> {
    const pool = databasePool(this.db);
    if (!pool) return this.db.$transaction((tx) => run(<R>(sql: string, params: unknown[]) => tx.$queryRawUnsafe<R[]>(sql, ...params)));
    const client = await pool.connect();
    // A checked-out client has no 'error' listener of the pool's: without one, a connection lost
    // mid-transaction would be an unhandled 'error' event (the process exits) instead of the failed
    // query's rejection, which is what reaches the caller (503). Prisma's adapter does the same.
    const ignore = () => {};
    client.on("error", ignore);
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await run(async <R>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as R[]);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      // A connection that cannot even roll back is dropped, not returned to the pool.
      await client.query("ROLLBACK").catch((e: Error) => (broken = e));
      throw err;
    } finally {
      client.removeListener("error", ignore);
      client.release(broken);
    }
  }

  /** Builds the batch's search vectors before its transaction (their lookup is not part of it). */
  private async prepareVectors(rows: PreparedRow[]): Promise<void> {
    if (!this.searchVectors) return;
    const stats = { built: 0, fallback: 0, lookedUp: 0 };
    const vectors = await this.searchVectors.build(rows, stats);
    rows.forEach((r, i) => this.vectorOf.set(r, vectors[i]!));
    if (stats.built > 0) this.metrics.searchVectorRows.inc({ built: "node" }, stats.built);
    if (stats.fallback > 0) this.metrics.searchVectorRows.inc({ built: "postgres" }, stats.fallback);
  }

  private async write(unsorted: PreparedRow[]): Promise<Map<string, StoredResult>> {
    // Key order: two concurrent flushes that share ids (client retries) take the unique-index locks in the
    // same order, so they wait for each other instead of deadlocking.
    const rows = [...unsorted].sort(byKey);
    const started = performance.now();
    const { results, fresh } = (await this.writeInOneStatement(rows)) ?? (await this.writeInTransaction(rows));
    this.metrics.ingestCommitDuration.observe((performance.now() - started) / 1000);
    if (fresh.length > 0 && this.onCommitted) {
      try {
        this.onCommitted(fresh);
      } catch (err) {
        this.logger.error({ err }, "onCommitted hook failed");
      }
    }
    return results;
  }

  /**
   * The common flush, every row new, as one autocommitted statement (PostgreSQL only): one round trip
   * instead of four, and the rollup rows every flush updates are locked only while it runs. Null when
   * some rows but not all were new (an SDK retry among them): nothing was written and the transaction
   * path redoes the flush, rolling up the new rows only. All rows repeated: nothing was written either,
   * and each gets what was stored the first time.
   */
  private async writeInOneStatement(rows: PreparedRow[]): Promise<Written | null> {
    const pool = databasePool(this.db);
    // Just after a flush with repeated ids (SDK retries come in bursts, after an outage), straight to the
    // transaction: the failed statement's work (the INSERT, its index entries) would be done twice.
    if (!pool || performance.now() < this.repeatsSeenUntil) return null;
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const params = [...this.insertParams(rows), ...rollupParams(rows, hour), rows.length];
    const client = await pool.connect();
    const ignore = () => {}; // as in transaction(): a lost connection rejects the query instead
    client.on("error", ignore);
    let broken: Error | undefined;
    try {
      const inserted = (await client.query<{ projectId: string; id: string }>(ONE_STATEMENT_SQL, params)).rows;
      if (inserted.length === rows.length) return { results: freshResults(rows), fresh: rows };
      const existing = (await client.query<RepeatRow>(REPEATS_SQL, [rows.map((r) => r.projectId), rows.map((r) => r.id)])).rows;
      return { results: repeatResults(existing), fresh: [] };
    } catch (err) {
      const e = err as { code?: unknown; severity?: unknown };
      if (e.code === SOME_ROWS_REPEATED) {
        this.repeatsSeenUntil = performance.now() + 5_000;
        return null;
      }
      // Not an answer of PostgreSQL's (no SQLSTATE), or one that ends the session: the connection is dropped.
      if (typeof e.code !== "string" || !e.severity || e.severity === "FATAL" || e.severity === "PANIC") broken = err as Error;
      throw err;
    } finally {
      client.removeListener("error", ignore);
      client.release(broken);
    }
  }

  /** Any flush, in one transaction: the INSERT, the first results of repeated ids, the new rows' rollups. */
  private async writeInTransaction(rows: PreparedRow[]): Promise<Written> {
    let fresh: PreparedRow[] = [];
    const results = await this.transaction(async (query) => {
      const inserted = await query<{ projectId: string; id: string }>(INSERT_SQL, this.insertParams(rows));
      const insertedKeys = new Set(inserted.map((r) => `${r.projectId}|${r.id}`));
      fresh = rows.filter((r) => insertedKeys.has(`${r.projectId}|${r.id}`));
      const results = freshResults(fresh);
      const repeats = rows.filter((r) => !insertedKeys.has(`${r.projectId}|${r.id}`));
      if (repeats.length > 0) {
        // A repeated id (an SDK retry): answer with what was stored the first time.
        const existing = await query<RepeatRow>(REPEATS_SQL, [repeats.map((r) => r.projectId), repeats.map((r) => r.id)]);
        for (const [key, result] of repeatResults(existing)) results.set(key, result);
      }
      if (fresh.length > 0) await query(ROLLUPS_SQL, rollupParams(fresh, new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000)));
      return results;
    });
    return { results, fresh };
  }

  /** INSERT_SQL's parameters: one array per column. */
  private insertParams(rows: PreparedRow[]): unknown[] {
    return [
      rows.map((r) => r.projectId),
      rows.map((r) => r.id),
      rows.map((r) => r.timestamp.toISOString()),
      rows.map((r) => r.apiKeyId),
      rows.map((r) => r.model),
      rows.map((r) => r.prompt),
      rows.map((r) => r.response),
      rows.map((r) => r.status),
      rows.map((r) => r.errorMessage),
      rows.map((r) => r.latencyMs),
      rows.map((r) => r.promptTokens),
      rows.map((r) => r.completionTokens),
      rows.map((r) => r.totalTokens),
      rows.map((r) => (r.costUsd === null ? null : r.costUsd.toFixed(6))),
      rows.map((r) => r.riskScore),
      rows.map((r) => json(r.riskFactors)),
      rows.map((r) => r.flagged),
      rows.map((r) => r.endUserId),
      rows.map((r) => r.endpoint),
      rows.map((r) => json(r.metadata)),
      rows.map((r) => r.requestedModel),
      rows.map((r) => r.enforcement?.outcome ?? null),
      rows.map((r) => json(r.enforcement?.reasons)),
      rows.map((r) => r.source ?? "api"),
      rows.map((r) => this.vectorOf.get(r) ?? null),
    ];
  }

  /** Waits for everything queued to be committed (graceful shutdown), then refuses new rows. */
  async drain(): Promise<void> {
    this.closed = true;
    while (this.inFlight.size > 0 || this.queue.length > 0) {
      this.kick();
      await Promise.all([...this.inFlight]);
    }
  }
}
