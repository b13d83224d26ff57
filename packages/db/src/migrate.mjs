// Database selection and migrations at start-up: the one migration runner, used by apps/web/server.mjs
// (before Next opens the database), `pnpm db:migrate` (scripts/migrate.mjs), the test set-up
// (testing.ts, the vitest global setup) and the benchmarks. Plain ESM without a build step so the
// server loads it as it is; TypeScript imports it as @llmguard/db/migrate (types in migrate.d.mts).
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";
import { URL } from "node:url";
import { repoRoot, resolvePgliteDir } from "./paths.mjs";

/** @typedef {{ kind: "postgres", url: string } | { kind: "embedded", dataDir: string }} MigrationTarget */

/**
 * Picks the database the way ARCHITECTURE decision 2 describes: DATABASE_URL selects a PostgreSQL
 * server; without it the embedded PGlite data folder (PGLITE_DIR, default <repo root>/.data/pglite).
 * Writes the absolute folder back to `env.PGLITE_DIR`, so the migration child (cwd = repo root) and the
 * server (cwd = wherever it was started) open the same folder.
 * @param {Record<string, string | undefined>} env
 * @returns {MigrationTarget}
 */
export function resolveDatabase(env) {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  const dataDir = resolvePgliteDir(env.PGLITE_DIR);
  env.PGLITE_DIR = dataDir;
  return { kind: "embedded", dataDir };
}

/**
 * A log-safe description of the database: never includes credentials.
 * @param {MigrationTarget} target
 * @returns {string}
 */
export function describeDatabase(target) {
  if (target.kind === "embedded") return `embedded PGlite at ${target.dataDir}`;
  try {
    const u = new URL(target.url);
    const db = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
    return `PostgreSQL at ${u.hostname || "localhost"}${u.port ? `:${u.port}` : ""}/${db}`;
  } catch {
    return "PostgreSQL";
  }
}

/**
 * Applies pending migrations with `prisma migrate deploy` in a child process (the offline WASM engine
 * configured by the repo's prisma.config.ts). The child inherits `env` (PATH, proxies) with only the
 * database target replaced. For the embedded default this must finish before anything opens the data
 * folder: PGlite allows one process per folder. Rejects with the CLI's output when it fails.
 * @param {{ target: MigrationTarget, root?: string, env?: Record<string, string | undefined> }} opts
 * @returns {Promise<{ output: string, durationMs: number, applied: number }>}
 */
export async function migrateDeploy({ target, root = repoRoot, env }) {
  const require = createRequire(path.join(root, "package.json"));
  const cli = require.resolve("prisma/build/index.js");
  // eslint-disable-next-line no-restricted-properties -- by default the child inherits this process's environment
  const childEnv = { ...(env ?? process.env), PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  delete childEnv.DATABASE_URL;
  delete childEnv.PGLITE_DIR;
  if (target.kind === "postgres") childEnv.DATABASE_URL = target.url;
  else {
    mkdirSync(target.dataDir, { recursive: true });
    childEnv.PGLITE_DIR = target.dataDir;
  }
  const started = Date.now();
  const output = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d.toString()));
    child.stderr.on("data", (d) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve(out) : reject(new Error(`prisma migrate deploy failed (${signal ? `signal ${signal}` : `exit ${code}`}):\n${out.trim()}`)),
    );
  });
  return { output, durationMs: Date.now() - started, applied: parseApplied(output) };
}

/**
 * Counts the migration folders `migrate deploy` reports as applied (0 when none were pending).
 * @param {string} output
 */
function parseApplied(output) {
  const i = output.search(/have been applied/i);
  return i < 0 ? 0 : (output.slice(i).match(/\b\d{14}_[\w-]+/g) ?? []).length;
}
