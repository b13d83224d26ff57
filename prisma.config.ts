import { defineConfig } from "prisma/config";
import { pgMigrationAdapter, pgliteMigrationAdapter } from "./packages/db/src/migration-adapters";
import { resolvePgliteDir } from "./packages/db/src/paths.mjs";

// DATABASE_URL=postgresql://...      -> real Postgres (shadow DB = temp database on that server)
// DATABASE_URL + PGLITE_SERVER=1     -> pglite-server (wire protocol); shadow = in-memory PGlite
// DATABASE_URL unset                 -> embedded PGlite data folder: $PGLITE_DIR (relative to the current
//                                       directory), else <repo root>/.data/pglite, as the server uses it
const url = process.env.DATABASE_URL;
const pgliteDir = resolvePgliteDir(process.env.PGLITE_DIR);
const shadow = process.env.PGLITE_SERVER ? "pglite-memory" : process.env.SHADOW_DATABASE_URL;
// Prisma 6 requires a syntactically valid datasource url in schema.prisma; with an adapter it is unused.
process.env.DATABASE_URL ??= "postgresql://unused@localhost/unused";

// Optional: Prisma 6.19's WASM schema engine (and PGlite) leave 10 s / 60 s timers armed after a
// command has finished, so the CLI lingers. Unref long timers in the CLI process only.
if (process.env.PRISMA_UNREF_TIMERS !== "0") {
  const st = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...a: unknown[]) => {
    const t = st(fn, ms, ...a);
    if ((ms ?? 0) >= 5_000) t.unref();
    return t;
  }) as typeof setTimeout;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => (url ? pgMigrationAdapter(url, shadow) : pgliteMigrationAdapter(pgliteDir)),
});
