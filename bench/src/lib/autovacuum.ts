import pg from "pg";

/**
 * What autovacuum would do, for a PostgreSQL that runs without it (this machine's has `autovacuum = off`).
 * LLMGuard relies on autovacuum like any PostgreSQL application: without ANALYZE the planner has no
 * statistics for a table that grew by hundreds of thousands of rows, and without VACUUM the GIN index's
 * pending list is never merged, so every search reads all of it. A soak of half an hour on such a server
 * measures the missing maintenance, not the product (a first 30-minute run's searches went from 10 ms to
 * 25 s as LlmRequest passed 300,000 rows, never analyzed).
 *
 * Every `intervalMs` it applies autovacuum's default thresholds (PostgreSQL 15) to each table of the
 * database: VACUUM when dead tuples exceed 50 + 20% of the table, or rows inserted since the last vacuum
 * exceed 1,000 + 20%; ANALYZE when rows changed since the last analyze exceed 50 + 10%. On its own
 * connection, one table at a time, as one autovacuum worker would. Returns null when autovacuum is on.
 */
export async function startAutovacuumStandIn(opts: { url: string; intervalMs?: number; log: (line: string) => void }): Promise<{ stop: () => Promise<void>; runs: () => { vacuums: number; analyzes: number } } | null> {
  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  const on = (await client.query<{ autovacuum: string }>("SHOW autovacuum")).rows[0]?.autovacuum === "on";
  if (on) {
    await client.end();
    return null;
  }
  opts.log("autovacuum is off on this PostgreSQL: the harness runs VACUUM and ANALYZE at autovacuum's default thresholds (lib/autovacuum.ts)");
  let vacuums = 0;
  let analyzes = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    const tables = await client.query<{ relname: string; reltuples: number; n_dead_tup: string; n_ins_since_vacuum: string; n_mod_since_analyze: string }>(
      `SELECT s.relname, greatest(c.reltuples, 0)::float8 AS reltuples, s.n_dead_tup::text, s.n_ins_since_vacuum::text, s.n_mod_since_analyze::text
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid`,
    );
    for (const t of tables.rows) {
      if (stopped) return;
      const name = `"${t.relname.replaceAll('"', '""')}"`;
      const vacuum = Number(t.n_dead_tup) > 50 + 0.2 * t.reltuples || Number(t.n_ins_since_vacuum) > 1000 + 0.2 * t.reltuples;
      const analyze = Number(t.n_mod_since_analyze) > 50 + 0.1 * t.reltuples;
      if (!vacuum && !analyze) continue;
      const started = performance.now();
      await client.query(vacuum && analyze ? `VACUUM (ANALYZE) ${name}` : vacuum ? `VACUUM ${name}` : `ANALYZE ${name}`);
      if (vacuum) vacuums++;
      if (analyze) analyzes++;
      const ms = performance.now() - started;
      if (ms > 1000) opts.log(`  (autovacuum stand-in: ${vacuum ? "VACUUM" : ""}${vacuum && analyze ? " + " : ""}${analyze ? "ANALYZE" : ""} ${t.relname} took ${(ms / 1000).toFixed(1)} s)`);
    }
  };
  const schedule = () => {
    timer = setTimeout(() => {
      running = pass()
        .catch((err: unknown) => opts.log(`  (autovacuum stand-in failed: ${err instanceof Error ? err.message : String(err)})`))
        .finally(() => {
          if (!stopped) schedule();
        });
    }, opts.intervalMs ?? 20_000);
  };
  schedule();
  return {
    runs: () => ({ vacuums, analyzes }),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      await client.end();
    },
  };
}
