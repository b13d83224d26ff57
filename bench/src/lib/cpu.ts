import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

/**
 * CPU time split between the server (node), PostgreSQL (every `postgres` process) and this process (the
 * load generator or the seeder), read from /proc: cheap enough to sample around each phase.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

function procTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

function postgresTicks(): number {
  let total = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (comm.startsWith("postgres")) total += procTicks(Number(name));
    } catch {
      // the process exited while we were reading
    }
  }
  return total;
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export interface CpuSnapshot {
  at: number;
  server: number;
  postgres: number;
  self: NodeJS.CpuUsage;
  machine: { busy: number; total: number };
}

export function cpuSnapshot(serverPid: number | null): CpuSnapshot {
  return { at: performance.now(), server: serverPid ? procTicks(serverPid) : 0, postgres: postgresTicks(), self: process.cpuUsage(), machine: machineTicks() };
}

/** Percent of one core used by each party over the interval (the machine has `cores` × 100%). */
export interface CpuSplit {
  cores: number;
  serverPct: number;
  postgresPct: number;
  loadGeneratorPct: number;
  machineBusyPct: number;
}

export function cpuSplit(a: CpuSnapshot, b: CpuSnapshot): CpuSplit {
  const wallMs = Math.max(1, b.at - a.at);
  const pct = (ms: number) => Math.round((1000 * ms) / wallMs) / 10;
  const selfMs = (b.self.user - a.self.user + b.self.system - a.self.system) / 1000;
  const cores = os.cpus().length;
  const m = b.machine.total - a.machine.total;
  return {
    cores,
    serverPct: pct((b.server - a.server) * TICK_MS),
    // Backends that exit during the window take their CPU time with them: a lower bound.
    postgresPct: Math.max(0, pct((b.postgres - a.postgres) * TICK_MS)),
    loadGeneratorPct: pct(selfMs),
    machineBusyPct: m > 0 ? Math.round((1000 * cores * (b.machine.busy - a.machine.busy)) / m) / 10 : 0,
  };
}
