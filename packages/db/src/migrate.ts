import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Applies pending migrations with `prisma migrate deploy` (the offline WASM engine, configured in
 * the repo's prisma.config.ts). Used on server start, by `pnpm db:migrate` and by test set-up.
 * For the embedded default it must run before the server opens the data folder (one process only).
 */
export async function migrateDeploy(opts: { repoRoot: string; databaseUrl?: string; pgliteDir?: string }): Promise<void> {
  const require = createRequire(path.join(opts.repoRoot, "package.json"));
  const cli = require.resolve("prisma/build/index.js");
  // The CLI child inherits the environment (PATH, proxies) with only the database target replaced.
  // eslint-disable-next-line no-restricted-properties
  const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  delete env.DATABASE_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else if (opts.pgliteDir) {
    mkdirSync(opts.pgliteDir, { recursive: true });
    env.PGLITE_DIR = opts.pgliteDir;
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], { cwd: opts.repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${out}`))));
  });
}
