// Where LLMGuard keeps its local data. The one definition of the embedded database's default folder,
// used by the server start-up (migrate.mjs), the domain's environment (packages/domain/src/env.ts) and
// the Prisma CLI (prisma.config.ts). Plain ESM without a build step, so apps/web/server.mjs, scripts/
// and prisma.config.ts load it as it is; TypeScript imports it as @llmguard/db/paths (paths.d.mts).
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root (this file lives in <root>/packages/db/src). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The embedded PGlite data folder when PGLITE_DIR is unset: <repo root>/.data/pglite, an absolute path. */
export const DEFAULT_PGLITE_DIR = path.join(repoRoot, ".data", "pglite");

/**
 * The PGlite data folder for a PGLITE_DIR value, always absolute: a relative value is taken from the
 * current directory (where the command was started); unset or empty selects DEFAULT_PGLITE_DIR.
 * @param {string | undefined} value
 * @returns {string}
 */
export function resolvePgliteDir(value) {
  return value ? path.resolve(value) : DEFAULT_PGLITE_DIR;
}
