// Start-up helpers shared by apps/web/server.mjs and scripts/migrate.mjs (plain ESM, no build step).
// packages/db/src/migrate.ts is the TypeScript twin used by tests; keep the two in step.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root (this file lives in <root>/scripts/lib). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Secrets the server needs; unset ones get a generated local value (never for production). */
export const LOCAL_SECRET_NAMES = ["JWT_SECRET", "NEXTAUTH_SECRET", "API_KEY_PEPPER", "SECRETS_MASTER_KEY"];

/**
 * Picks the database the way ARCHITECTURE decision 2 describes: DATABASE_URL selects a PostgreSQL
 * server; without it the embedded PGlite data folder ($PGLITE_DIR, default <root>/.data/pglite).
 * Normalizes PGLITE_DIR to an absolute path in `env`, so the migration child (cwd = repo root) and
 * the server (cwd = wherever it was started) open the same folder.
 * @returns {{ kind: "postgres", url: string } | { kind: "embedded", dataDir: string }}
 */
export function resolveDatabase(env = process.env, root = repoRoot) {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  const dataDir = env.PGLITE_DIR ? path.resolve(env.PGLITE_DIR) : path.join(root, ".data", "pglite");
  env.PGLITE_DIR = dataDir;
  return { kind: "embedded", dataDir };
}

/** A log-safe description of the database: never includes credentials. */
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
 * Applies pending migrations with `prisma migrate deploy` in a child process (the offline WASM
 * engine configured by the repo's prisma.config.ts). For the embedded default this must finish
 * before the server opens the data folder: PGlite allows one process per folder.
 * Rejects with the CLI's output when it fails.
 */
export async function migrateDeploy({ root = repoRoot, target, env = process.env }) {
  const require = createRequire(path.join(root, "package.json"));
  const cli = require.resolve("prisma/build/index.js");
  const childEnv = { ...env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
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

/** Counts the migration folders `migrate deploy` reports as applied (0 when none were pending). */
function parseApplied(output) {
  const i = output.search(/have been applied/i);
  return i < 0 ? 0 : (output.slice(i).match(/\b\d{14}_[\w-]+/g) ?? []).length;
}

/**
 * Fills unset JWT_SECRET / NEXTAUTH_SECRET / API_KEY_PEPPER / SECRETS_MASTER_KEY from
 * <root>/.data/local-secrets.json, generating 32 random bytes (base64url) for any the file lacks, so a
 * fresh machine starts without configuration and keeps its sessions and API keys valid across
 * restarts. Values are never logged.
 * @returns {{ names: string[], file: string }} the names that came from the local file.
 */
export function ensureLocalSecrets({ root = repoRoot, env = process.env } = {}) {
  const file = path.join(root, ".data", "local-secrets.json");
  const missing = LOCAL_SECRET_NAMES.filter((n) => !env[n]);
  if (missing.length === 0) return { names: [], file };
  let stored = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new Error(`${file} is not valid JSON (${err.message}); delete it to generate new local secrets`);
    }
  }
  let changed = false;
  for (const name of missing) {
    if (typeof stored[name] !== "string" || stored[name].length < 32) {
      stored[name] = randomBytes(32).toString("base64url");
      changed = true;
    }
    env[name] = stored[name];
  }
  if (changed) {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  }
  try {
    chmodSync(file, 0o600);
  } catch {
    // Best effort (e.g. a read-only or foreign-owned file); the values are already loaded.
  }
  return { names: missing, file };
}
