import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

/**
 * CPU time split between the server (node, with its cluster workers), PostgreSQL (every `postgres` process)
 * and this process (the load generator with its worker threads, or the seeder), read from /proc: cheap
 * enough to sample around each phase.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

interface ProcEntry {
  pid: number;
  ppid: number;
  comm: string;
  user: number;
  system: number;
}

/** One pass over /proc: every process's parent, name and CPU ticks (utime, stime). */
function scanProcs(): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the name: state, ppid, ... utime (14th field of the line), stime (15th).
      out.push({ pid: Number(name), ppid: Number(fields[1]), comm, user: Number(fields[11]), system: Number(fields[12]) });
    } catch {
      // the process exited while we were reading
    }
  }
  return out;
}

/**
 * utime and stime (kernel: syscalls such as socket writes, and the loopback TCP work done inside them) of
 * `pids` and all their descendants: a server in cluster mode (WEB_CONCURRENCY) is a primary with workers.
 */
function treeTimes(procs: ProcEntry[], pids: readonly number[]): { user: number; system: number } {
  const children = new Map<number, ProcEntry[]>();
  for (const p of procs) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const seen = new Set<number>();
  let user = 0;
  let system = 0;
  const stack = [...pids];
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const p = byPid.get(pid);
    if (p) {
      user += p.user;
      system += p.system;
    }
    for (const c of children.get(pid) ?? []) stack.push(c.pid);
  }
  return { user, system };
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
  /** The server's kernel-mode part of `server`. */
  serverSystem: number;
  postgres: number;
  self: NodeJS.CpuUsage;
  machine: { busy: number; total: number };
}

/** `serverPid`: the server process (with its workers, if any), or several instances whose CPU is summed. */
export function cpuSnapshot(serverPid: number | readonly number[] | null): CpuSnapshot {
  const pids = serverPid === null ? [] : typeof serverPid === "number" ? [serverPid] : serverPid;
  const procs = scanProcs();
  const server = treeTimes(procs, pids.filter((p) => p > 0));
  let postgres = 0;
  for (const p of procs) if (p.comm.startsWith("postgres")) postgres += p.user + p.system;
  return { at: performance.now(), server: server.user + server.system, serverSystem: server.system, postgres, self: process.cpuUsage(), machine: machineTicks() };
}

/** Percent of one core used by each party over the interval (the machine has `cores` × 100%). */
export interface CpuSplit {
  cores: number;
  serverPct: number;
  /** Kernel time within serverPct and loadGeneratorPct. */
  serverSystemPct: number;
  postgresPct: number;
  loadGeneratorPct: number;
  loadGeneratorSystemPct: number;
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
    serverSystemPct: pct((b.serverSystem - a.serverSystem) * TICK_MS),
    // Backends that exit during the window take their CPU time with them: a lower bound.
    postgresPct: Math.max(0, pct((b.postgres - a.postgres) * TICK_MS)),
    loadGeneratorPct: pct(selfMs),
    loadGeneratorSystemPct: pct((b.self.system - a.self.system) / 1000),
    machineBusyPct: m > 0 ? Math.round((1000 * cores * (b.machine.busy - a.machine.busy)) / m) / 10 : 0,
  };
}
