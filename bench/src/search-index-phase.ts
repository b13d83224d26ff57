// The search-indexing phase of `pnpm bench` (issue 14), called by run.ts before the ingest phases: what
// the full-text vector costs PostgreSQL per inserted row, side by side in one run on copies of
// LlmRequest with all its indexes —
//   ceiling:     no vector and no GIN index (what the table costs without search),
//   to_tsvector: the vector computed by PostgreSQL in the INSERT (ingest before issue 14's change),
//   prebuilt:    the vector built in Node (SearchVectorBuilder) and parsed from its text form (ingest now),
// plus what building it costs Node, with a cold and a warm chunk cache.
import pg from "pg";
import { createPrisma } from "@llmguard/db";
import { createLogger, SearchVectorBuilder, type SearchVectorStats } from "@llmguard/domain";
import { sampleRecords } from "./seed";
import { result } from "./lib/report";
import { fmt } from "./lib/stats";
import { enabled } from "./bench-options";
import { log, record, waitQuiet, type RunContext } from "./run-context";

const ROWS = 20_000;
/** Rows per INSERT and per build call: the group committer's largest batch. */
const BATCH = 1_000;

const COLS = `"projectId","id","timestamp","model","prompt","response","status","latencyMs","totalTokens","riskScore","riskFactors","flagged","search"`;
const insertSql = (table: string, search: string) => `
INSERT INTO ${table} (${COLS})
SELECT $1::uuid, gen_random_uuid(), now(), m, pr, rs, 'success', 100, 10, 0, '[]'::jsonb, false, ${search}
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(m, pr, rs, sv)`;
const SEARCH_EXPR = {
  ceiling: "NULL",
  toTsvector: "to_tsvector('english', left(pr, 20000) || ' ' || left(rs, 20000))",
  prebuilt: "sv::tsvector",
} as const;
type Variant = keyof typeof SEARCH_EXPR;

export async function runSearchIndexPhase(ctx: RunContext): Promise<void> {
  if (!enabled("search-indexing")) return;
  await waitQuiet("search-indexing");
  const records = sampleRecords(ROWS, 23).map((r) => ({ model: r.model, prompt: r.prompt, response: r.response ?? "" }));
  const chars = records.reduce((n, r) => n + r.prompt.length + r.response.length, 0);
  log(`search-indexing: ${ROWS.toLocaleString("en-US")} rows (mean ${Math.round(chars / ROWS)} characters), batches of ${BATCH} ...`);

  // Node: the builder against the bench database, cold then warm.
  const db = await createPrisma({ kind: "postgres", url: ctx.db.url, poolMax: 2 });
  const builder = new SearchVectorBuilder(db, createLogger({ level: "silent" }));
  const build = async () => {
    const stats: SearchVectorStats = { built: 0, fallback: 0, lookedUp: 0 };
    const vectors: (string | null)[] = [];
    const started = performance.now();
    for (let i = 0; i < ROWS; i += BATCH) vectors.push(...(await builder.build(records.slice(i, i + BATCH), stats)));
    return { vectors, stats, usPerRow: ((performance.now() - started) * 1000) / ROWS };
  };
  const cold = await build();
  const warm = await build();
  await db.$disconnect();

  // PostgreSQL: the same rows into three copies of the table, each variant twice, interleaved.
  const client = new pg.Client({ connectionString: ctx.db.url });
  await client.connect();
  const tables: Record<Variant, string> = { ceiling: "bench_ins_ceiling", toTsvector: "bench_ins_tsvector", prebuilt: "bench_ins_prebuilt" };
  const seconds: Record<Variant, number[]> = { ceiling: [], toTsvector: [], prebuilt: [] };
  try {
    for (const t of Object.values(tables)) {
      await client.query(`DROP TABLE IF EXISTS ${t}`);
      await client.query(`CREATE TABLE ${t} (LIKE "LlmRequest" INCLUDING DEFAULTS INCLUDING INDEXES)`);
    }
    const gin = await client.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = $1 AND indexdef ILIKE '%USING gin%'`, [tables.ceiling]);
    for (const r of gin.rows) await client.query(`DROP INDEX "${r.indexname}"`);
    for (let round = 0; round < 2; round++) {
      for (const v of Object.keys(tables) as Variant[]) {
        await client.query(`TRUNCATE ${tables[v]}`);
        const started = performance.now();
        for (let i = 0; i < ROWS; i += BATCH) {
          const part = records.slice(i, i + BATCH);
          // Rows the builder left to PostgreSQL get to_tsvector, as the INSERT of the group committer does.
          const sv = warm.vectors.slice(i, i + BATCH);
          const expr = v === "prebuilt" ? `COALESCE(sv::tsvector, ${SEARCH_EXPR.toTsvector})` : SEARCH_EXPR[v];
          await client.query(insertSql(tables[v], expr), [ctx.project.projectId, part.map((r) => r.model), part.map((r) => r.prompt), part.map((r) => r.response), sv]);
        }
        seconds[v].push((performance.now() - started) / 1000);
      }
    }
    // The prebuilt vectors are to_tsvector's (search-vector.int.test.ts holds it; this checks the bench's rows).
    const differ = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${tables.prebuilt} WHERE "search" IS DISTINCT FROM to_tsvector('english', left("prompt", 20000) || ' ' || left("response", 20000))`,
    );
    if (differ.rows[0]!.n !== 0) throw new Error(`search-indexing: ${differ.rows[0]!.n} prebuilt vectors differ from to_tsvector`);
  } finally {
    for (const t of Object.values(tables)) await client.query(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    await client.end();
  }

  const rate = (v: Variant) => Math.round(ROWS / Math.min(...seconds[v]));
  const rates = { ceiling: rate("ceiling"), toTsvector: rate("toTsvector"), prebuilt: rate("prebuilt") };
  const fallbackPct = Math.round((1000 * warm.stats.fallback) / ROWS) / 10;
  record(ctx, result({
    name: "search-indexing",
    title: `Search indexing on insert: ${ROWS.toLocaleString("en-US")} rows into copies of LlmRequest, batches of ${BATCH} (best of two)`,
    value: rates.prebuilt,
    unit: "rows/s",
    values: {
      ceilingRowsPerSec: rates.ceiling,
      toTsvectorRowsPerSec: rates.toTsvector,
      prebuiltRowsPerSec: rates.prebuilt,
      prebuiltVsToTsvector: Math.round((10 * rates.prebuilt) / rates.toTsvector) / 10,
      nodeBuildUsPerRowCold: Math.round(cold.usPerRow),
      nodeBuildUsPerRowWarm: Math.round(warm.usPerRow),
      chunksLookedUpCold: cold.stats.lookedUp,
      chunksLookedUpWarm: warm.stats.lookedUp,
      fallbackPct,
      meanChars: Math.round(chars / ROWS),
    },
    goal: null,
    passedGoal: null,
    rows: ROWS,
  }));
  log(`  PostgreSQL: ceiling ${fmt.int(rates.ceiling)} rows/s, to_tsvector ${fmt.int(rates.toTsvector)} rows/s, prebuilt ${fmt.int(rates.prebuilt)} rows/s`);
  log(`  Node build: ${Math.round(cold.usPerRow)} µs/row cold (${cold.stats.lookedUp} chunks looked up), ${Math.round(warm.usPerRow)} µs/row warm (${warm.stats.lookedUp}); ${fallbackPct}% of rows left to to_tsvector`);
}
