import type pg from "pg";
import { createScratchDatabase, type ScratchDatabase } from "@llmguard/db/testing";

/** The PostgreSQL server the benchmark creates its database on; only this machine is allowed. */
export function adminUrl(): string {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]", ""].includes(host)) {
    throw new Error(`BENCH_DATABASE_URL must point at this machine (127.0.0.1/localhost), not ${host}`);
  }
  return url;
}

/** A fresh database llmguard_bench_<random> (the throw-away helpers of @llmguard/db/testing). */
export function createBenchDatabase(): Promise<ScratchDatabase> {
  return createScratchDatabase({ adminUrl: adminUrl(), prefix: "llmguard_bench" });
}

/** Server-wide and per-database counters, for commits per second, rows per commit and WAL flushes. */
export interface PgCounters {
  at: number;
  xactCommit: number;
  tupInserted: number;
  walRecords: number;
  walBytes: number;
  walWrite: number;
  walSync: number;
}

export async function pgCounters(c: pg.Client, database: string): Promise<PgCounters> {
  const db = await c.query<{ xact_commit: string; tup_inserted: string }>("SELECT xact_commit, tup_inserted FROM pg_stat_database WHERE datname = $1", [database]);
  const wal = await c.query<{ wal_records: string; wal_bytes: string; wal_write: string; wal_sync: string }>("SELECT wal_records, wal_bytes, wal_write, wal_sync FROM pg_stat_wal");
  const d = db.rows[0];
  const w = wal.rows[0];
  return {
    at: performance.now(),
    xactCommit: Number(d?.xact_commit ?? 0),
    tupInserted: Number(d?.tup_inserted ?? 0),
    walRecords: Number(w?.wal_records ?? 0),
    walBytes: Number(w?.wal_bytes ?? 0),
    walWrite: Number(w?.wal_write ?? 0),
    walSync: Number(w?.wal_sync ?? 0),
  };
}

export interface PgRates {
  commitsPerSec: number;
  tuplesInsertedPerSec: number;
  walSyncsPerSec: number;
  walMBPerSec: number;
}

export function pgRates(a: PgCounters, b: PgCounters): PgRates {
  const s = Math.max(0.001, (b.at - a.at) / 1000);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    commitsPerSec: r((b.xactCommit - a.xactCommit) / s),
    tuplesInsertedPerSec: r((b.tupInserted - a.tupInserted) / s),
    walSyncsPerSec: r((b.walSync - a.walSync) / s),
    walMBPerSec: r((b.walBytes - a.walBytes) / s / 1e6),
  };
}
