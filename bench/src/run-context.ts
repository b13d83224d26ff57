// What the phases of `pnpm bench` (run.ts) share: the log, the quiet-machine wait, the results collected so
// far, and the database, server, user and projects the setup phase created.
import type pg from "pg";
import type { Api } from "./lib/api";
import { cpuSnapshot, cpuSplit } from "./lib/cpu";
import type { createBenchDatabase, PgCounters } from "./lib/pg";
import type { ProfileWindow } from "./lib/profile";
import { writeResult, type BenchResult } from "./lib/report";
import type { RunningServer } from "./lib/server";
import { cfg, resultsDir } from "./bench-options";

export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/**
 * On a shared machine another job (a build, a test run) can take a core away from a measurement. Before
 * each measured phase, wait up to BENCH_WAIT_IDLE_S seconds for the machine to be quiet (< 25% of one core
 * busy over 2 s, our own idle server included); the CPU table then shows what else ran during the phase.
 */
export async function waitQuiet(phase: string): Promise<void> {
  const deadline = Date.now() + cfg.waitIdleMs;
  let busy = 0;
  do {
    const a = cpuSnapshot(null);
    await new Promise((r) => setTimeout(r, 2_000));
    busy = cpuSplit(a, cpuSnapshot(null)).machineBusyPct;
    if (busy < 25) return;
    if (Date.now() < deadline) log(`  waiting for the machine to be quiet before ${phase} (${busy}% of one core busy) ...`);
  } while (Date.now() < deadline);
  if (cfg.waitIdleMs > 0) log(`  machine still busy (${busy}%); measuring ${phase} anyway`);
}

/** What a run collects from its start: results, notes for the summary, and CPU profile windows. */
export interface RunState {
  startedAt: Date;
  results: BenchResult[];
  notes: string[];
  /** Measured windows, so the profile summary can show each phase on its own (BENCH_CPU_PROF=1). */
  profileWindows: ProfileWindow[];
  profileDir: string;
}

export type BenchDatabase = Awaited<ReturnType<typeof createBenchDatabase>>;

export interface BenchProject {
  projectId: string;
  apiKey: string;
}

/** Everything a measured phase needs, once the setup phase has started the server. */
export interface RunContext extends RunState {
  db: BenchDatabase;
  admin: pg.Client;
  server: RunningServer;
  api: Api;
  /** A fresh access token of the benchmark user. */
  login: () => Promise<string>;
  /** The project single ingest, search and metrics measure. */
  project: BenchProject;
  /** The project batch ingest writes to. */
  batchProject: BenchProject;
  counters: () => Promise<PgCounters>;
  projectRows: (projectId: string) => Promise<number>;
}

/** Keeps a result for the summary and writes bench/results/<name>.json. */
export function record(run: RunState, r: BenchResult): void {
  run.results.push(r);
  writeResult(resultsDir, r);
}
