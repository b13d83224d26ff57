#!/usr/bin/env node
// `pnpm db:migrate`: applies pending Prisma migrations to DATABASE_URL, or, when it is unset, to the
// embedded PGlite data folder ($PGLITE_DIR, default <repo>/.data/pglite) the server would open.
// Stop the server first when using the embedded default: PGlite allows one process per folder.
import { describeDatabase, migrateDeploy, resolveDatabase } from "./lib/runtime.mjs";

const target = resolveDatabase(process.env);
console.log(`Applying migrations to ${describeDatabase(target)} ...`);
try {
  const { output, durationMs } = await migrateDeploy({ target });
  process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
  console.log(`Done in ${(durationMs / 1000).toFixed(1)} s.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
