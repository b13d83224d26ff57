// The start of `pnpm bench` (run.ts): the run's state, cleanup on exit and on Ctrl+C, the machine's load
// before the run, then a fresh database, the production server, the benchmark user and its projects.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { App } from "@llmguard/domain";
import { Api } from "./lib/api";
import { cpuSnapshot, cpuSplit } from "./lib/cpu";
import { createBenchDatabase, pgCounters } from "./lib/pg";
import { machine } from "./lib/report";
import { startServer, type RunningServer } from "./lib/server";
import { fmt } from "./lib/stats";
import { cfg, repoRoot, resultsDir } from "./bench-options";
import { log, type BenchDatabase, type RunContext, type RunState } from "./run-context";

export function openRun(): RunState {
  const startedAt = new Date();
  const m = machine();
  log(`Node ${m.node}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB; BENCH_ROWS=${cfg.rows}${cfg.only.length ? `, BENCH_ONLY=${cfg.only.join(",")}` : ""}`);
  mkdirSync(resultsDir, { recursive: true });
  const profileDir = path.join(resultsDir, "profiles.tmp");
  if (cfg.cpuProfile) rmSync(profileDir, { recursive: true, force: true });
  return { startedAt, results: [], notes: [], profileWindows: [], profileDir };
}

/** What the run has opened and must close: filled in as the phases go. */
export interface Resources {
  db: BenchDatabase | null;
  server: RunningServer | null;
  /** The in-process app the seed phase writes with, while it runs. */
  seedApp: App | null;
  admin: pg.Client | null;
}

/** Closes whatever is open and drops the database (unless BENCH_KEEP_DB=1), at the end and on SIGINT/SIGTERM. */
export function trackResources(): { live: Resources; cleanup: () => Promise<void> } {
  const live: Resources = { db: null, server: null, seedApp: null, admin: null };
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await live.seedApp?.close().catch((e: unknown) => log(`closing the seeder failed: ${String(e)}`));
      await live.server?.stop().catch((e: unknown) => log(`stopping the server failed: ${String(e)}`));
      await live.admin?.end().catch(() => undefined);
      const db = live.db;
      if (db && !cfg.keepDb) {
        await db.drop().then(() => log(`dropped database ${db.name}`), (e: unknown) => log(`dropping ${db.name} failed: ${String(e)}`));
      } else if (db) log(`kept database ${db.name} (BENCH_KEEP_DB=1): ${db.url}`);
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  return { live, cleanup };
}

/** Other work on the machine skews every figure: measure how busy it is before starting. */
export async function noteBackgroundLoad(run: RunState): Promise<void> {
  const idleA = cpuSnapshot(null);
  await new Promise((r) => setTimeout(r, 2_000));
  const background = cpuSplit(idleA, cpuSnapshot(null));
  const backgroundNote = `Machine busy before the run: ${background.machineBusyPct}% of one core (postgres ${background.postgresPct}%) over 2 s.`;
  run.notes.push(background.machineBusyPct > 15 ? `**Other load was running:** ${backgroundNote} Figures are lower than on an idle machine.` : backgroundNote);
  log(backgroundNote);
}

/** A fresh database, the production server on it (migrations run on start), a user and two projects over REST. */
export async function setUp(run: RunState, live: Resources): Promise<RunContext> {
  const db = (live.db = await createBenchDatabase());
  log(`created database ${db.name}`);
  const admin = (live.admin = new pg.Client({ connectionString: db.url }));
  await admin.connect();
  const pgVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
  const pgSettings = (await admin.query<{ name: string; setting: string; unit: string | null }>(
    "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers','synchronous_commit','fsync','wal_level','max_wal_size','commit_delay','work_mem')",
  )).rows;
  run.notes.push(`PostgreSQL ${pgVersion}, stock settings: ${pgSettings.map((s) => `${s.name}=${s.setting}${s.unit ?? ""}`).join(", ")}.`);

  log("starting the production server (migrations run on start) ...");
  const t0 = Date.now();
  const server = (live.server = await startServer({
    repoRoot,
    databaseUrl: db.url,
    logFile: path.join(resultsDir, "server.log.tmp"),
    // The gateway phase's upstream is a local process (an operator's setting for self-hosted models).
    env: { GATEWAY_ALLOW_PRIVATE_UPSTREAMS: "1" },
    ...(cfg.cpuProfile ? { cpuProfileDir: run.profileDir } : {}),
  }));
  log(`server ready at ${server.origin} in ${fmt.duration(Date.now() - t0)} (pid ${server.pid})`);

  const api = new Api(server.origin);
  const email = `bench-${Date.now()}@llmguard.local`;
  const password = "bench-password-1";
  await api.register(email, password);
  // The bench measures the server, not the plan: its account is on Enterprise with no practical monthly
  // limit (an operator's setting; a Free account would meet its 10,000-request cap within seconds).
  await admin.query(`INSERT INTO "BillingAccount" ("userId", "plan", "customMonthlyRequests", "updatedAt") SELECT "id", 'enterprise', 2000000000, now() FROM "User" WHERE "email" = $1`, [email]);
  const token = await api.login(email, password);
  const project = await api.createProject(token, "Bench");
  const batchProject = await api.createProject(token, "Bench (batch)");

  return {
    ...run,
    db,
    admin,
    server,
    api,
    login: () => api.login(email, password),
    project,
    batchProject,
    counters: () => pgCounters(admin, db.name),
    projectRows: async (projectId: string) =>
      Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM "LlmRequest" WHERE "projectId" = $1', [projectId])).rows[0]!.n),
  };
}
