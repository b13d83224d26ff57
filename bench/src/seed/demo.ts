import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp, createLogger, createProject, loadServerEnv, registerUser, type App } from "@llmguard/domain";

/** The plain-JS start-up helpers the server uses (scripts/lib/runtime.mjs), typed for this module. */
interface Runtime {
  repoRoot: string;
  resolveDatabase(env: Record<string, string | undefined>, root: string): DbTarget;
  describeDatabase(target: DbTarget): string;
  ensureLocalSecrets(opts: { root: string; env: Record<string, string | undefined> }): { names: string[]; file: string };
  migrateDeploy(opts: { root: string; target: DbTarget; env: Record<string, string | undefined> }): Promise<{ applied: number; durationMs: number }>;
}
export type DbTarget = { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string };

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

async function loadRuntime(): Promise<Runtime> {
  const url = new URL("../../../scripts/lib/runtime.mjs", import.meta.url).href;
  return (await import(url)) as Runtime;
}

export interface OpenedApp {
  app: App;
  target: DbTarget;
  description: string;
  migrationsApplied: number;
}

/**
 * Opens the database the way the server does: `databaseUrl`, else DATABASE_URL, else the embedded PGlite
 * folder (PGLITE_DIR, default <repo>/.data/pglite); fills unset secrets from <repo>/.data/local-secrets.json
 * (so API keys created here work with a server started on the same machine); applies pending migrations
 * first; then builds the domain App.
 */
export async function openApp(opts: { databaseUrl?: string; logLevel?: string } = {}): Promise<OpenedApp> {
  const runtime = await loadRuntime();
  // The child environment the server would see, without touching this process's own.
  const env: Record<string, string | undefined> = { ...process.env };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  const target = runtime.resolveDatabase(env, runtime.repoRoot);
  runtime.ensureLocalSecrets({ root: runtime.repoRoot, env });
  const migrated = await runtime.migrateDeploy({ root: runtime.repoRoot, target, env });
  const serverEnv = loadServerEnv({ ...env, LOG_LEVEL: opts.logLevel ?? "warn" });
  const app = await createApp({ env: serverEnv, logger: createLogger({ level: serverEnv.LOG_LEVEL }) });
  return { app, target, description: runtime.describeDatabase(target), migrationsApplied: migrated.applied };
}

export interface DemoProject {
  userId: string;
  projectId: string;
  userCreated: boolean;
  projectCreated: boolean;
  /** The project's first API key, only when the project was created now (keys are shown once). */
  apiKey: string | null;
}

/** Creates (or reuses) the demo account and its project, through the same services the API uses. */
export async function ensureDemoProject(app: App, opts: { email: string; password: string; projectName: string }): Promise<DemoProject> {
  let user = await app.db.user.findUnique({ where: { email: opts.email.toLowerCase() }, select: { id: true } });
  let userCreated = false;
  if (!user) {
    const created = await registerUser({ app, input: { email: opts.email.toLowerCase(), password: opts.password, name: "Demo User" } });
    user = { id: created.id };
    userCreated = true;
  }
  const membership = await app.db.projectMember.findFirst({
    where: { userId: user.id, role: "owner", project: { name: opts.projectName } },
    orderBy: { createdAt: "asc" },
    select: { projectId: true },
  });
  if (membership) return { userId: user.id, projectId: membership.projectId, userCreated, projectCreated: false, apiKey: null };
  const created = await createProject({ app, userId: user.id, input: { name: opts.projectName } });
  return { userId: user.id, projectId: created.project.id, userCreated, projectCreated: true, apiKey: created.apiKey.key };
}

/** Deletes a project's requests and their rollups together, so the two stay consistent. */
export async function clearProjectRequests(app: App, projectId: string): Promise<number> {
  const [deleted] = await app.db.$transaction([
    app.db.llmRequest.deleteMany({ where: { projectId } }),
    app.db.requestRollupHourly.deleteMany({ where: { projectId } }),
  ]);
  return deleted.count;
}
