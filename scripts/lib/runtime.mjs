// Start-up helpers of apps/web/server.mjs and scripts/ (plain ESM, no build step): local secrets here;
// database selection and the migration runner are packages/db's (src/migrate.mjs, the one
// implementation, also used by the tests), re-exported for the scripts.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../packages/db/src/paths.mjs";

export { describeDatabase, migrateDeploy, resolveDatabase } from "../../packages/db/src/migrate.mjs";
export { repoRoot };

/** Secrets the server needs; unset ones get a generated local value (never for production). */
export const LOCAL_SECRET_NAMES = ["JWT_SECRET", "NEXTAUTH_SECRET", "API_KEY_PEPPER", "SECRETS_MASTER_KEY"];

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
