// Diagnostic: what one group commit costs, by batch size, without HTTP.
//   pnpm --filter @llmguard/bench exec tsx src/commit-cycle.ts
// On a fresh database llmguard_bench_<random> (dropped at the end), times sequential flushes of the real
// group committer (app.ingest.submit) for several batch sizes, and the fixed parts of a commit: an
// interactive Prisma transaction that writes nothing, and a raw `pg` one-row INSERT + COMMIT (WAL fsync).
// Prints a table and writes bench/results/commit-cycle.json.
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { migrateDeploy } from "@llmguard/db/migrate";
import { createApp, createLogger, createProject, getGuardSettings, loadServerEnv, prepareRow, registerUser, type PreparedRow } from "@llmguard/domain";
import { sampleRecords } from "./seed";
import { createBenchDatabase } from "./lib/pg";
import { machine } from "./lib/report";
import { summarize } from "./lib/stats";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function main(): Promise<void> {
  const db = await createBenchDatabase();
  const out: Record<string, unknown> = { name: "commit-cycle", date: new Date().toISOString(), ...machine() };
  try {
    await migrateDeploy({ target: { kind: "postgres", url: db.url } });
    const env = loadServerEnv({ NODE_ENV: "production", DATABASE_URL: db.url, JWT_SECRET: "x".repeat(40), API_KEY_PEPPER: "y".repeat(40), SECRETS_MASTER_KEY: "z".repeat(40), LOG_LEVEL: "warn" });
    const app = await createApp({ env, logger: createLogger({ level: "warn" }) });
    try {
      const user = await registerUser({ app, input: { email: `cycle-${Date.now()}@llmguard.local`, password: "cycle-password-1" } });
      const project = await createProject({ app, userId: user.id, input: { name: "cycle" } });
      const principal = { projectId: project.project.id, keyId: project.apiKey.id, scopes: ["ingest"] };
      const settings = await getGuardSettings(app, principal.projectId);
      const records = sampleRecords(5_000, 3);
      let k = 0;
      const rows = (n: number): PreparedRow[] => Array.from({ length: n }, () => ({ ...prepareRow(records[k++ % records.length]!, principal, settings), id: randomUUID() }));

      // Warm the pool and the plans.
      for (let i = 0; i < 20; i++) await Promise.all(app.ingest.submit(rows(10)));

      const sizes = [1, 10, 50, 250, 1000];
      const table: Record<string, unknown>[] = [];
      for (const size of sizes) {
        const rounds = size >= 250 ? 20 : 60;
        const times: number[] = [];
        for (let i = 0; i < rounds; i++) {
          const batch = rows(size);
          const t0 = performance.now();
          await Promise.all(app.ingest.submit(batch));
          times.push(performance.now() - t0);
        }
        const s = summarize(times);
        table.push({ batch: size, p50Ms: s.p50Ms, p90Ms: s.p90Ms, meanMs: s.meanMs, rowsPerSecAtP50: Math.round((size * 1000) / s.p50Ms), usPerRowAtP50: Math.round((s.p50Ms * 1000) / size) });
      }
      out.groupCommit = table;

      const empty: number[] = [];
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        await app.db.$transaction(async (tx) => {
          await tx.$queryRawUnsafe("SELECT 1");
        });
        empty.push(performance.now() - t0);
      }
      out.prismaInteractiveTxSelect1 = summarize(empty);

      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        await c.query("CREATE TABLE fsync_probe (id int)");
        const commit: number[] = [];
        for (let i = 0; i < 100; i++) {
          const t0 = performance.now();
          await c.query("BEGIN");
          await c.query("INSERT INTO fsync_probe VALUES ($1)", [i]);
          await c.query("COMMIT");
          commit.push(performance.now() - t0);
        }
        out.rawPgInsertCommit = summarize(commit);
        const noWal: number[] = [];
        for (let i = 0; i < 100; i++) {
          const t0 = performance.now();
          await c.query("BEGIN");
          await c.query("SELECT 1");
          await c.query("COMMIT");
          noWal.push(performance.now() - t0);
        }
        out.rawPgSelectCommit = summarize(noWal);
      } finally {
        await c.end();
      }
    } finally {
      await app.close();
    }
  } finally {
    await db.drop();
  }
  const dir = path.join(repoRoot, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "commit-cycle.json"), `${JSON.stringify(out, null, 2)}\n`);
  console.table(out.groupCommit);
  const s = (x: unknown) => x as { p50Ms: number; p90Ms: number };
  console.log(`interactive Prisma transaction with SELECT 1: p50 ${s(out.prismaInteractiveTxSelect1).p50Ms} ms, p90 ${s(out.prismaInteractiveTxSelect1).p90Ms} ms`);
  console.log(`raw pg BEGIN; INSERT 1 row; COMMIT (WAL fsync): p50 ${s(out.rawPgInsertCommit).p50Ms} ms, p90 ${s(out.rawPgInsertCommit).p90Ms} ms`);
  console.log(`raw pg BEGIN; SELECT 1; COMMIT (no WAL): p50 ${s(out.rawPgSelectCommit).p50Ms} ms`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
