// `pnpm bench:soak` (issue 14): does the production server stay flat under steady load? Starts the server
// on a fresh PostgreSQL database as `pnpm bench` does (setup-phase.ts), measures the peak of a mixed
// traffic profile (soak-traffic.ts: single and batched ingest, config reads, log search, metrics), then
// runs it at half that rate for SOAK_MINUTES (default 30) and prints, per window (default one minute):
// throughput, p50/p99 latency, errors, the server's RSS (/proc/<pid>/status) and V8 heap, and CPU. The
// verdict compares the last third of the windows with the first. Writes bench/results/soak.json.
//
//   SOAK_MINUTES=3 pnpm --filter @llmguard/bench bench:soak     # a quick run
//
// Knobs: SOAK_MINUTES (30), SOAK_WINDOW_S (60), SOAK_PEAK_OPS (measure), SOAK_PEAK_S (20, after a 5 s
// warm-up), SOAK_LOAD_FRACTION (0.5), SOAK_CLIENTS (50); and the harness's BENCH_RESULTS_DIR,
// BENCH_WAIT_IDLE_S, BENCH_KEEP_DB.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { startAutovacuumStandIn } from "./lib/autovacuum";
import { cpuSnapshot, cpuSplit, type CpuSnapshot } from "./lib/cpu";
import { setUpConfig } from "./lib/config-fixture";
import { result } from "./lib/report";
import { fmt, summarize } from "./lib/stats";
import { resultsDir } from "./bench-options";
import { log, record, waitQuiet } from "./run-context";
import { noteBackgroundLoad, openRun, setUp, trackResources } from "./setup-phase";
import { runSoakLoad, SOAK_BATCH_SIZE, SOAK_MIX, soakRequests, type SoakKind, type SoakWindow } from "./soak-traffic";

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`);
  return n;
}

const soak = {
  minutes: envNumber("SOAK_MINUTES", 30),
  windowMs: envNumber("SOAK_WINDOW_S", 60) * 1000,
  peakOps: process.env.SOAK_PEAK_OPS ? envNumber("SOAK_PEAK_OPS", 1) : null,
  peakMs: envNumber("SOAK_PEAK_S", 20) * 1000,
  fraction: envNumber("SOAK_LOAD_FRACTION", 0.5),
  clients: Math.round(envNumber("SOAK_CLIENTS", 50)),
};

// --- the server's memory --------------------------------------------------------------------------
// RSS from /proc; the V8 heap from inside the process: a preload (passed in NODE_OPTIONS to the server
// only, as a data: URL, so nothing is added to the repository's server code) writes process.memoryUsage()
// to a file every second.
const heapDir = path.join(resultsDir, "soak-heap.tmp");
const HEAP_PROBE = `import { writeFileSync, renameSync } from "node:fs";
const dir = process.env.SOAK_HEAP_DIR;
if (dir) {
  const file = dir + "/heap-" + process.pid + ".json";
  setInterval(() => {
    try { writeFileSync(file + ".tmp", JSON.stringify(process.memoryUsage())); renameSync(file + ".tmp", file); } catch {}
  }, 1000).unref();
}`;

interface Memory {
  rssMb: number;
  /** Peak RSS so far (VmHWM). */
  hwmMb: number;
  heapUsedMb: number | null;
  heapTotalMb: number | null;
  externalMb: number | null;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20 * 10) / 10;

function serverMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  type Heap = { heapUsed: number; heapTotal: number; external: number };
  let heap: Heap | null;
  try {
    heap = JSON.parse(readFileSync(path.join(heapDir, `heap-${pid}.json`), "utf8")) as Heap;
  } catch {
    heap = null;
  }
  return {
    rssMb: Math.round(kb("VmRSS") / 102.4) / 10,
    hwmMb: Math.round(kb("VmHWM") / 102.4) / 10,
    heapUsedMb: heap ? mb(heap.heapUsed) : null,
    heapTotalMb: heap ? mb(heap.heapTotal) : null,
    externalMb: heap ? mb(heap.external) : null,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Memory over a window: the server's RSS and heap sampled every 5 s (a single sample lands anywhere in a GC cycle). */
interface MemoryWindow {
  samples: number;
  rssMeanMb: number;
  rssMaxMb: number;
  heapUsedMeanMb: number | null;
  heapUsedMaxMb: number | null;
}

function memoryWindow(samples: Memory[]): MemoryWindow {
  const rss = samples.map((m) => m.rssMb);
  const heap = samples.map((m) => m.heapUsedMb).filter((x): x is number => x !== null);
  return {
    samples: samples.length,
    rssMeanMb: round1(mean(rss)),
    rssMaxMb: round1(Math.max(0, ...rss)),
    heapUsedMeanMb: heap.length ? round1(mean(heap)) : null,
    heapUsedMaxMb: heap.length ? round1(Math.max(...heap)) : null,
  };
}

/** One line of the per-window table. */
interface WindowRow {
  minute: number;
  opsPerSec: number;
  targetPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  p99ByKind: Record<SoakKind, number>;
  /** At the window's end. */
  memory: Memory;
  /** Sampled every 5 s through the window. */
  memoryOverWindow: MemoryWindow;
  serverCpuPct: number;
  postgresCpuPct: number;
  loadGeneratorCpuPct: number;
  /** Everything else on the machine (other engineers' builds and tests on a shared machine). */
  otherCpuPct: number;
  machineBusyPct: number;
  tableRows: number;
  errorSamples: string[];
}


/**
 * Flat = the last third of the windows is not worse than the first: p99 (median of the windows) at most
 * 1.5 × + 5 ms, RSS (mean of the 5-s samples) at most 10% + 25 MB more, heap used (mean of the samples) at
 * most 20% + 10 MB more, no errors,
 * and every window delivered ≥ 95% of the paced rate (a server that falls behind is not flat either).
 */
function verdict(rows: WindowRow[]) {
  const third = Math.max(1, Math.floor(rows.length / 3));
  const first = rows.slice(0, third);
  const last = rows.slice(-third);
  const p99First = median(first.map((r) => r.p99Ms));
  const p99Last = median(last.map((r) => r.p99Ms));
  const rssFirst = mean(first.map((r) => r.memoryOverWindow.rssMeanMb));
  const rssLast = mean(last.map((r) => r.memoryOverWindow.rssMeanMb));
  const heapRows = rows.every((r) => r.memoryOverWindow.heapUsedMeanMb !== null);
  const heapFirst = heapRows ? mean(first.map((r) => r.memoryOverWindow.heapUsedMeanMb!)) : null;
  const heapLast = heapRows ? mean(last.map((r) => r.memoryOverWindow.heapUsedMeanMb!)) : null;
  const checks = {
    p99: p99Last <= p99First * 1.5 + 5,
    rss: rssLast <= rssFirst * 1.1 + 25,
    heap: heapFirst === null || heapLast === null ? null : heapLast <= heapFirst * 1.2 + 10,
    errors: rows.every((r) => r.errors === 0),
    keptPace: rows.every((r) => r.opsPerSec >= 0.95 * r.targetPerSec),
  };
  const flat = checks.p99 && checks.rss && checks.heap !== false && checks.errors && checks.keptPace;
  return {
    flat,
    windowsPerThird: third,
    p99FirstMs: round1(p99First),
    p99LastMs: round1(p99Last),
    rssFirstMb: round1(rssFirst),
    rssLastMb: round1(rssLast),
    heapUsedFirstMb: heapFirst === null ? null : round1(heapFirst),
    heapUsedLastMb: heapLast === null ? null : round1(heapLast),
    checks,
  };
}

async function main(): Promise<number> {
  const run = openRun();
  const { live, cleanup } = trackResources();
  await noteBackgroundLoad(run);
  rmSync(heapDir, { recursive: true, force: true });
  mkdirSync(heapDir, { recursive: true });
  // The server setUp() starts inherits these (this process is already running: the probe is the server's only).
  process.env.SOAK_HEAP_DIR = heapDir;
  const nodeOptions = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --import=data:text/javascript,${encodeURIComponent(HEAP_PROBE)}`.trim();

  let failed: string | undefined;
  let refresher: ReturnType<typeof setInterval> | undefined;
  let sampler: ReturnType<typeof setInterval> | undefined;
  let maintenance: Awaited<ReturnType<typeof startAutovacuumStandIn>> = null;
  try {
    const ctx = await setUp(run, live);
    if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = nodeOptions;
    const { server } = ctx;
    let token = await ctx.login();
    // Access tokens live 15 minutes; the dashboard's reads renew theirs well before.
    refresher = setInterval(() => void ctx.login().then((t) => (token = t), (e: unknown) => log(`token refresh failed: ${String(e)}`)), 5 * 60_000);
    const configProject = await ctx.api.createProject(token, "Bench (soak config)");
    const config = await setUpConfig(ctx.api, token, configProject.projectId);
    const mix = soakRequests({ projectId: ctx.project.projectId, ingestKey: ctx.project.apiKey, batchKey: ctx.batchProject.apiKey, configKey: config.apiKey, token: () => token });
    const mixText = (Object.entries(SOAK_MIX) as [SoakKind, number][]).map(([k, n]) => `${k} ${n}%`).join(", ");
    log(`mix per 100 operations: ${mixText} (batches of ${SOAK_BATCH_SIZE} records)`);

    // (1) the peak: closed loop ----------------------------------------------------------------------
    let peak = soak.peakOps;
    let peakDetails: Record<string, unknown> = { source: "SOAK_PEAK_OPS" };
    if (peak === null) {
      await waitQuiet("soak-peak");
      log(`peak: ${soak.clients} closed-loop clients, 5 s warm-up + ${soak.peakMs / 1000} s ...`);
      await runSoakLoad({ origin: server.origin, clients: soak.clients, durationMs: 5_000, windowMs: 10 * 60_000, kindOf: mix.kindOf, next: mix.next, onWindow: () => undefined });
      const cpuA = cpuSnapshot(server.pid);
      let w: SoakWindow | null = null;
      await runSoakLoad({ origin: server.origin, clients: soak.clients, durationMs: soak.peakMs, windowMs: soak.peakMs * 10, kindOf: mix.kindOf, next: mix.next, onWindow: (x) => void (w = x) });
      const cpu = cpuSplit(cpuA, cpuSnapshot(server.pid));
      const pw = w as SoakWindow | null;
      if (!pw || pw.ops === 0) throw new Error("the peak measurement completed no operation");
      peak = (pw.ops * 1000) / pw.elapsedMs;
      const lat = summarize(pw.latencies);
      peakDetails = { source: "measured", opsPerSec: round1(peak), p50Ms: lat.p50Ms, p99Ms: lat.p99Ms, errors: pw.errors, errorSamples: pw.errorSamples, cpu };
      log(`  peak ${fmt.int(peak)} operations/s (p50 ${fmt.ms(lat.p50Ms)}, p99 ${fmt.ms(lat.p99Ms)}, errors ${pw.errors}); CPU server ${cpu.serverPct}% pg ${cpu.postgresPct}% load gen ${cpu.loadGeneratorPct}%`);
      if (pw.errorSamples.length) log(`  error samples: ${pw.errorSamples.join(" | ")}`);
    }
    const rate = peak * soak.fraction;

    // (2) the soak: paced at a fraction of the peak ----------------------------------------------------
    await waitQuiet("soak");
    const durationMs = soak.minutes * 60_000;
    log(`soak: ${fmt.int(rate)} operations/s (${Math.round(soak.fraction * 100)}% of ${fmt.int(peak)}) for ${soak.minutes} min, ${soak.clients} clients, windows of ${soak.windowMs / 1000} s`);
    const header = "window | ops/s | p50 | p99 | max | errors | RSS MB (mean/max) | heap used MB (mean/max) | server CPU | pg CPU | other processes | LlmRequest rows";
    log(header);
    maintenance = await startAutovacuumStandIn({ url: ctx.db.url, log });
    const rows: WindowRow[] = [];
    let samples: Memory[] = [];
    sampler = setInterval(() => samples.push(serverMemory(server.pid)), 5_000);
    let cpuA: CpuSnapshot = cpuSnapshot(server.pid);
    const rowCount = async () => Number((await ctx.admin.query<{ n: string }>(`SELECT n_live_tup::text AS n FROM pg_stat_user_tables WHERE relname = 'LlmRequest'`)).rows[0]?.n ?? 0);
    await runSoakLoad({
      origin: server.origin,
      clients: soak.clients,
      durationMs,
      windowMs: soak.windowMs,
      ratePerSec: rate,
      kindOf: mix.kindOf,
      next: mix.next,
      onWindow: async (w, index) => {
        const cpuB = cpuSnapshot(server.pid);
        const cpu = cpuSplit(cpuA, cpuB);
        cpuA = cpuB;
        const memory = serverMemory(server.pid);
        const over = memoryWindow([...samples, memory]);
        samples = [];
        const lat = summarize(w.latencies);
        const p99ByKind = Object.fromEntries((Object.keys(w.byKind) as SoakKind[]).map((k) => [k, summarize(w.byKind[k]).p99Ms])) as Record<SoakKind, number>;
        const row: WindowRow = {
          minute: round1(((index + 1) * soak.windowMs) / 60_000),
          opsPerSec: round1((w.ops * 1000) / w.elapsedMs),
          targetPerSec: round1(rate),
          p50Ms: lat.p50Ms,
          p99Ms: lat.p99Ms,
          maxMs: lat.maxMs,
          errors: w.errors,
          p99ByKind,
          memory,
          memoryOverWindow: over,
          serverCpuPct: cpu.serverPct,
          postgresCpuPct: cpu.postgresPct,
          loadGeneratorCpuPct: cpu.loadGeneratorPct,
          otherCpuPct: round1(Math.max(0, cpu.machineBusyPct - cpu.serverPct - cpu.postgresPct - cpu.loadGeneratorPct)),
          machineBusyPct: cpu.machineBusyPct,
          tableRows: await rowCount(),
          errorSamples: w.errorSamples,
        };
        rows.push(row);
        log(`${row.minute} min | ${fmt.int(row.opsPerSec)} | ${fmt.ms(row.p50Ms)} | ${fmt.ms(row.p99Ms)} | ${fmt.ms(row.maxMs)} | ${row.errors} | ${over.rssMeanMb} / ${over.rssMaxMb} | ${over.heapUsedMeanMb ?? "?"} / ${over.heapUsedMaxMb ?? "?"} | ${row.serverCpuPct}% | ${row.postgresCpuPct}% | ${row.otherCpuPct}% | ${fmt.int(row.tableRows)}`);
        if (row.errorSamples.length) log(`  error samples: ${row.errorSamples.join(" | ")}`);
      },
    });
    clearInterval(sampler);
    const maintenanceRuns = maintenance ? maintenance.runs() : null;
    await maintenance?.stop();
    maintenance = null;
    rows.sort((a, b) => a.minute - b.minute);
    if (rows.length === 0) throw new Error("the soak completed no window");

    const v = verdict(rows);
    const all = rows.map((r) => r.p99Ms);
    log(
      `verdict: ${v.flat ? "FLAT" : "NOT FLAT"} — first vs last third (${v.windowsPerThird} window(s) each): p99 ${v.p99FirstMs} → ${v.p99LastMs} ms, RSS ${v.rssFirstMb} → ${v.rssLastMb} MB, heap used ${v.heapUsedFirstMb ?? "?"} → ${v.heapUsedLastMb ?? "?"} MB; ` +
        `errors ${rows.reduce((a, r) => a + r.errors, 0)}, kept pace: ${v.checks.keptPace ? "yes" : "no"}`,
    );
    record(
      run,
      result({
        name: "soak",
        title: `Soak: mixed traffic (${mixText}) at ${Math.round(soak.fraction * 100)}% of its peak for ${soak.minutes} min`,
        value: v.p99LastMs,
        unit: "ms (p99, last third)",
        values: {
          minutes: soak.minutes,
          windowSeconds: soak.windowMs / 1000,
          peakOpsPerSec: round1(peak),
          targetOpsPerSec: round1(rate),
          clients: soak.clients,
          p99FirstMs: v.p99FirstMs,
          p99LastMs: v.p99LastMs,
          worstWindowP99Ms: Math.max(...all),
          rssFirstMb: v.rssFirstMb,
          rssLastMb: v.rssLastMb,
          heapUsedFirstMb: v.heapUsedFirstMb,
          heapUsedLastMb: v.heapUsedLastMb,
          errors: rows.reduce((a, r) => a + r.errors, 0),
          flat: v.flat ? "yes" : "no",
        },
        goal: "flat: last third's p99 ≤ 1.5 × first third's + 5 ms, RSS ≤ +10% + 25 MB, heap used ≤ +20% + 10 MB, 0 errors, pace kept",
        passedGoal: v.flat,
        rows: await ctx.projectRows(ctx.project.projectId),
        details: { mix: SOAK_MIX, batchSize: SOAK_BATCH_SIZE, peak: peakDetails, verdict: v, windows: rows, autovacuumStandIn: maintenanceRuns, notes: run.notes },
      }),
    );
  } catch (err) {
    failed = err instanceof Error ? err.message : String(err);
    log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    if (refresher) clearInterval(refresher);
    if (sampler) clearInterval(sampler);
    await maintenance?.stop().catch(() => undefined);
    await cleanup();
    rmSync(heapDir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
