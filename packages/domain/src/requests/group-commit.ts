import type { Db } from "@llmguard/db";
import { databaseUnavailable, DomainError, isDatabaseUnavailable } from "../shared/errors";
import type { Logger } from "../shared/logger";
import { emptyBuckets, latencyBucketIndex } from "../metrics/latency-buckets";
import type { PreparedRow, StoredResult } from "./request-row";

/**
 * Group commit for ingest (ARCHITECTURE decision 6). Requests are validated and scored by the caller,
 * then queued here; one flush at a time writes everything queued as one multi-row INSERT plus the hourly
 * rollup upserts, in one transaction. A caller's promise resolves only after its batch has committed,
 * so a 201 always means a committed row; if the transaction fails, every caller in it gets the error.
 */
export interface GroupCommitOptions {
  /** Most rows per transaction. */
  maxBatch?: number;
  /** Most rows waiting; beyond it new requests are refused with 503 (back-pressure). */
  maxQueued?: number;
  /**
   * Transactions in flight at once. Two let Node prepare and send one batch while PostgreSQL writes the
   * other; rollup rows are locked in a fixed order, so concurrent flushes cannot deadlock.
   */
  maxInFlight?: number;
}

interface Pending {
  row: PreparedRow;
  resolve: (r: StoredResult) => void;
  reject: (e: unknown) => void;
}

const COLS = `"projectId","id","timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata","search"`;

// One INSERT for any number of rows: each column travels as one array parameter and unnest() zips them.
// The tsvector indexes the first 20,000 characters of prompt and response (bounded work per row).
const INSERT_SQL = `
INSERT INTO "LlmRequest" (${COLS})
SELECT p, i, t, k, m, pr, rs, st::"RequestStatus", em, l, pt, ct, tt, c, r, rf, f, eu, ep, md,
       to_tsvector('english', left(pr, 20000) || ' ' || left(rs, 20000))
FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
            $10::int[], $11::int[], $12::int[], $13::int[], $14::numeric[], $15::int[], $16::jsonb[], $17::bool[], $18::text[], $19::text[], $20::jsonb[])
  AS u(p, i, t, k, m, pr, rs, st, em, l, pt, ct, tt, c, r, rf, f, eu, ep, md)
ON CONFLICT ("projectId", "id") DO NOTHING
RETURNING "projectId"::text AS "projectId", "id"::text AS "id"`;

const ROLLUP_SQL = `
INSERT INTO "RequestRollupHourly" ("projectId","hour","model","requests","errors","timeouts","flagged","latencySumMs","promptTokens","completionTokens","totalTokens","costUsd","unpricedRequests","riskScoreSum","latencyBuckets")
SELECT p, h, m, n, e, t, f, ls, pt, ct, tt, c, up, rs, string_to_array(b, ',')::int[]
FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::numeric[], $13::int[], $14::bigint[], $15::text[])
  AS u(p, h, m, n, e, t, f, ls, pt, ct, tt, c, up, rs, b)
ON CONFLICT ("projectId","hour","model") DO UPDATE SET
  "requests" = "RequestRollupHourly"."requests" + EXCLUDED."requests",
  "errors" = "RequestRollupHourly"."errors" + EXCLUDED."errors",
  "timeouts" = "RequestRollupHourly"."timeouts" + EXCLUDED."timeouts",
  "flagged" = "RequestRollupHourly"."flagged" + EXCLUDED."flagged",
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

interface RollupAcc {
  projectId: string;
  hour: Date;
  model: string;
  requests: number;
  errors: number;
  timeouts: number;
  flagged: number;
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

export function rollupRows(rows: PreparedRow[]): RollupAcc[] {
  const acc = new Map<string, RollupAcc>();
  for (const r of rows) {
    const hour = hourOf(r.timestamp);
    const key = `${r.projectId}|${hour.toISOString()}|${r.model}`;
    let a = acc.get(key);
    if (!a) {
      a = { projectId: r.projectId, hour, model: r.model, requests: 0, errors: 0, timeouts: 0, flagged: 0, latencySumMs: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, costUsd: 0, unpriced: 0, riskScoreSum: 0, buckets: emptyBuckets() };
      acc.set(key, a);
    }
    a.requests++;
    if (r.status !== "success") a.errors++;
    if (r.status === "timeout") a.timeouts++;
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

export class GroupCommitter {
  private queue: Pending[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxBatch: number;
  private readonly maxQueued: number;
  private readonly maxInFlight: number;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 1000;
    this.maxQueued = opts.maxQueued ?? 50_000;
    this.maxInFlight = opts.maxInFlight ?? 2;
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
    // The same id twice in one batch: the first is written, later ones share its result.
    const firstByKey = new Map<string, Pending>();
    const followers: [Pending, string][] = [];
    for (const p of batch) {
      const key = `${p.row.projectId}|${p.row.id}`;
      if (firstByKey.has(key)) followers.push([p, key]);
      else firstByKey.set(key, p);
    }
    const unique = [...firstByKey.values()];
    try {
      const results = await this.write(unique.map((p) => p.row));
      for (const p of unique) p.resolve(results.get(`${p.row.projectId}|${p.row.id}`)!);
      for (const [p, key] of followers) p.resolve({ ...results.get(key)!, duplicate: true });
    } catch (err) {
      const error = isDatabaseUnavailable(err) ? databaseUnavailable(err) : err;
      if (!(error instanceof DomainError)) this.logger.error({ err, rows: batch.length }, "ingest batch failed");
      for (const p of batch) p.reject(error);
    }
  }

  private async write(unsorted: PreparedRow[]): Promise<Map<string, StoredResult>> {
    // Key order: two concurrent flushes that share ids (client retries) take the unique-index locks in the
    // same order, so they wait for each other instead of deadlocking.
    const key = (r: PreparedRow) => `${r.projectId}|${r.id}`;
    const rows = [...unsorted].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return this.db.$transaction(async (tx) => {
      const inserted = await tx.$queryRawUnsafe<{ projectId: string; id: string }[]>(
        INSERT_SQL,
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
      );
      const insertedKeys = new Set(inserted.map((r) => `${r.projectId}|${r.id}`));
      const fresh = rows.filter((r) => insertedKeys.has(`${r.projectId}|${r.id}`));
      const results = new Map<string, StoredResult>();
      for (const r of fresh) {
        results.set(`${r.projectId}|${r.id}`, { id: r.id, riskScore: r.riskScore, riskFactors: r.riskFactors, flagged: r.flagged, costUsd: r.costUsd, duplicate: false });
      }
      const repeats = rows.filter((r) => !insertedKeys.has(`${r.projectId}|${r.id}`));
      if (repeats.length > 0) {
        // A repeated id (an SDK retry): answer with what was stored the first time.
        const existing = await tx.llmRequest.findMany({
          where: { OR: repeats.map((r) => ({ projectId: r.projectId, id: r.id })) },
          select: { projectId: true, id: true, riskScore: true, riskFactors: true, flagged: true, costUsd: true },
        });
        for (const e of existing) {
          results.set(`${e.projectId}|${e.id}`, {
            id: e.id,
            riskScore: e.riskScore,
            riskFactors: e.riskFactors as unknown as StoredResult["riskFactors"],
            flagged: e.flagged,
            costUsd: e.costUsd === null ? null : Number(e.costUsd),
            duplicate: true,
          });
        }
      }
      const rollups = rollupRows(fresh);
      if (rollups.length > 0) {
        await tx.$executeRawUnsafe(
          ROLLUP_SQL,
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
        );
      }
      return results;
    });
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
