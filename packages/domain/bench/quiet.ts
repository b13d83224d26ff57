import { readFileSync } from "node:fs";
import os from "node:os";

/**
 * Waits (up to BENCH_WAIT_IDLE_S, default 120 s) until the machine is quiet: < 25% of one core busy over
 * 2 s, as bench/src/run.ts does before each phase, because another job's build or test run on a shared
 * development machine takes a core away from a microbenchmark. Returns how busy it was when measuring started.
 */
function busyTicks(): { busy: number; total: number } {
  const v = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export async function waitQuiet(what: string): Promise<number> {
  const raw = process.env.BENCH_WAIT_IDLE_S;
  const waitMs = (raw === undefined || raw === "" ? 120 : Number(raw)) * 1000;
  const deadline = Date.now() + waitMs;
  let pct = 0;
  do {
    let a: { busy: number; total: number };
    try {
      a = busyTicks();
    } catch {
      return -1; // no /proc (not Linux): measure at once
    }
    await new Promise((r) => setTimeout(r, 2_000));
    const b = busyTicks();
    pct = b.total > a.total ? Math.round((1000 * os.cpus().length * (b.busy - a.busy)) / (b.total - a.total)) / 10 : 0;
    if (pct < 25) return pct;
    if (Date.now() < deadline) console.log(`  waiting for the machine to be quiet before ${what} (${pct}% of one core busy) ...`);
  } while (Date.now() < deadline);
  if (waitMs > 0) console.log(`  machine still busy (${pct}%); measuring ${what} anyway`);
  return pct;
}
