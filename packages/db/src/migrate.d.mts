/** Where migrations go: a PostgreSQL server, or the embedded PGlite data folder (absolute path). */
export type MigrationTarget = { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string };

/** DATABASE_URL, else the embedded folder (PGLITE_DIR or the default); writes the absolute folder back to env.PGLITE_DIR. */
export declare function resolveDatabase(env: Record<string, string | undefined>): MigrationTarget;

/** A log-safe description of the database (never credentials). */
export declare function describeDatabase(target: MigrationTarget): string;

/**
 * `prisma migrate deploy` against `target` in a child process (cwd `root`, default the repo root; environment
 * `env`, default process.env, with only the database target replaced). Rejects with the CLI's output on failure.
 */
export declare function migrateDeploy(opts: {
  target: MigrationTarget;
  root?: string;
  env?: Record<string, string | undefined>;
}): Promise<{ output: string; durationMs: number; applied: number }>;
