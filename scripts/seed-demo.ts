#!/usr/bin/env -S npx tsx
// `pnpm seed:demo`: fills a project with 30 days of realistic LLM traffic through the production write
// path (scoring, pricing, group commit, hourly rollups). The generator lives in bench/src/seed, where the
// benchmarks reuse it. Run `pnpm seed:demo --help` for the options.
import { parseArgs } from "node:util";
import type { SeedProgress } from "../bench/src/seed";

const DEMO_EMAIL = "demo@llmguard.local";
const DEMO_PASSWORD = "llmguard-demo-2024";
const DEMO_PROJECT = "Demo chatbot";

const HELP = `Usage: pnpm seed:demo [options]

Creates (or reuses) the demo account ${DEMO_EMAIL} and its project "${DEMO_PROJECT}", and fills the
project with realistic LLM traffic over the last days: daily and weekly rhythm, five models (one of them,
local-llama, has no price), three endpoints, end users, prompts with PII, prompt injections, jailbreaks,
secrets and long inputs, a 1–3% error/timeout rate with an incident spike on one day. Every record is
scored and priced by the real domain code and written by the real group committer, so the hourly rollups
behind the dashboard are maintained exactly as in production.

Options:
  --requests N       how many requests to write (default 20000; 1000000 takes a few minutes on PostgreSQL)
  --days N           spread them over the last N days (default 30)
  --project-id ID    seed into this existing project instead of the demo project
  --replace          delete the project's existing requests and rollups first
  --database-url URL PostgreSQL to write to (default: $DATABASE_URL, else the embedded database the server
                     uses: $PGLITE_DIR or <repo>/.data/pglite)
  --email ADDRESS    demo account e-mail (default ${DEMO_EMAIL})
  --password VALUE   password for a newly created demo account (default ${DEMO_PASSWORD})
  --seed N           random seed; the same seed and options give the same data (default 42)
  --template-pool N  above N requests, texts come from N pre-scored records, each row getting a fresh
                     id, time, latency and end user (default 50000); scores stay exact for every row
  -h, --help         this text

Embedded database: PGlite allows only one process per data folder, so stop the server (pnpm start /
pnpm dev) before seeding it and start it again afterwards. PostgreSQL has no such limit.

Migrations are applied first (like the server does). Progress goes to stderr, the summary to stdout.
`;

function fail(message: string): never {
  process.stderr.write(`seed:demo: ${message}\nRun with --help for usage.\n`);
  process.exit(2);
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a non-negative integer (got "${value}")`);
  return n;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        requests: { type: "string" },
        days: { type: "string" },
        "project-id": { type: "string" },
        replace: { type: "boolean" },
        "database-url": { type: "string" },
        email: { type: "string" },
        password: { type: "string" },
        seed: { type: "string" },
        "template-pool": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
    });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const args = parsed.values;
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  const requests = positiveInt("requests", args.requests, 20_000);
  const days = positiveInt("days", args.days, 30);
  if (days < 1) fail("--days must be at least 1");
  const seed = positiveInt("seed", args.seed, 42);
  const templatePool = positiveInt("template-pool", args["template-pool"], 50_000);
  const databaseUrl = args["database-url"];
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) fail("--database-url must be a postgresql:// URL");

  // Loaded after argument parsing, so --help and usage errors answer without loading the domain.
  const { clearProjectRequests, ensureDemoProject, openApp, seedRequests } = await import("../bench/src/seed");
  const opened = await openApp({ databaseUrl });
  const { app } = opened;
  process.stderr.write(`Database: ${opened.description}${opened.migrationsApplied ? ` (${opened.migrationsApplied} migrations applied)` : ""}\n`);
  try {
    let projectId: string;
    let account: string;
    if (args["project-id"]) {
      projectId = args["project-id"];
      const project = /^[0-9a-f-]{36}$/i.test(projectId) ? await app.db.project.findUnique({ where: { id: projectId }, select: { name: true } }) : null;
      if (!project) fail(`no project with id ${projectId} in this database`);
      account = `existing project "${project.name}"`;
    } else {
      const demo = await ensureDemoProject(app, { email: args.email ?? DEMO_EMAIL, password: args.password ?? DEMO_PASSWORD, projectName: DEMO_PROJECT });
      projectId = demo.projectId;
      const login = demo.userCreated ? `${args.email ?? DEMO_EMAIL} / password ${args.password ?? DEMO_PASSWORD}` : `${args.email ?? DEMO_EMAIL} (existing account, password unchanged; the default for accounts this script created is ${DEMO_PASSWORD})`;
      account = `${demo.projectCreated ? "created" : "reused"} project "${DEMO_PROJECT}" of ${login}`;
      if (demo.apiKey) account += `\nAPI key (shown once): ${demo.apiKey}`;
    }
    process.stderr.write(`${account}\n`);
    if (args.replace) {
      const removed = await clearProjectRequests(app, projectId);
      process.stderr.write(`Removed ${removed.toLocaleString("en-US")} existing requests and their rollups.\n`);
    }

    const tty = process.stderr.isTTY;
    let lastPrint = 0;
    const onProgress = (p: SeedProgress) => {
      const now = Date.now();
      if (p.done < p.total && now - lastPrint < (tty ? 250 : 5_000)) return;
      lastPrint = now;
      const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
      const eta = rate > 0 ? ((p.total - p.done) / rate) * 1000 : 0;
      const line = `seeded ${p.done.toLocaleString("en-US")}/${p.total.toLocaleString("en-US")} (${((100 * p.done) / Math.max(1, p.total)).toFixed(1)}%)  ${Math.round(rate).toLocaleString("en-US")} rows/s  elapsed ${duration(p.elapsedMs)}  ETA ${duration(eta)}`;
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    };
    const res = await seedRequests({ app, projectId, requests, days, seed, templatePool, onProgress });
    if (tty) process.stderr.write("\n");
    const n = (x: number) => x.toLocaleString("en-US");
    process.stdout.write(
      [
        `Seeded ${n(res.inserted)} requests into project ${projectId} in ${duration(res.elapsedMs)} (${n(res.rowsPerSecond)} rows/s).`,
        `  statuses: ${n(res.byStatus.success)} success, ${n(res.byStatus.error)} error, ${n(res.byStatus.timeout)} timeout${res.spikeDay ? `; incident spike on ${res.spikeDay}` : ""}`,
        `  flagged (score >= project threshold): ${n(res.flagged)}; records scored: ${n(res.scored)}${res.duplicates ? `; duplicates skipped: ${n(res.duplicates)}` : ""}`,
        `  ${account.split("\n").join("\n  ")}`,
        "",
      ].join("\n"),
    );
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`\nseed:demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
