import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas?: number[];
}

/**
 * A measured phase's time range on the monotonic clock in µs (`process.hrtime.bigint() / 1000n`): the
 * clock V8 stamps profile samples with (CLOCK_MONOTONIC for both on Linux), so the server's samples that
 * fall inside a phase of the harness can be picked out.
 */
export interface ProfileWindow {
  name: string;
  fromUs: number;
  toUs: number;
}

export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Where a frame's code comes from: a package, Node itself, V8 (GC, idle), or this repo. */
function category(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    const name = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return name === ".pnpm" ? "(pnpm store)" : name;
  }
  if (url.includes("/.next/server/")) return "next bundle (app code + bundled deps)";
  if (url.includes("/packages/")) return `packages/${url.split("/packages/")[1]!.split("/")[0]}`;
  return path.basename(url);
}

function frameKey(n: ProfileNode): string {
  const { functionName, url, lineNumber, columnNumber } = n.callFrame;
  // Minified bundles put whole modules on one line: the column tells their functions apart.
  const col = url.includes("/.next/") && columnNumber !== undefined ? `:${columnNumber + 1}` : "";
  return `${functionName || "(anonymous)"}  ${url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(apps|packages)\//, "$1/")}:${lineNumber + 1}${col}` : ""}`;
}

/**
 * Costs worth naming on the request path. `total`: the share of samples with a matching frame anywhere on
 * the stack (self + callees); `self`: samples whose innermost frame matches (for code that wraps the whole
 * request, such as AsyncLocalStorage.run, whose callees are everything). Groups can overlap.
 */
const FOCUS: { label: string; mode: "total" | "self"; test: (f: ProfileNode["callFrame"]) => boolean }[] = [
  { label: "socket writes (writev/write syscalls, incl. the kernel's loopback TCP work)", mode: "total", test: (f) => f.url === "node:internal/stream_base_commons" && /^(writevGeneric|writeGeneric)$/.test(f.functionName) },
  { label: "crypto: HMAC-SHA256 of the API key (node:crypto)", mode: "total", test: (f) => f.url === "node:crypto" || f.url === "node:internal/crypto/hash" },
  { label: "async_hooks: AsyncLocalStorage promise hooks and context propagation (self)", mode: "self", test: (f) => f.url === "node:async_hooks" || f.url === "node:internal/async_hooks" },
  { label: "Next's process-wide patches (nextTick, setImmediate, Date)", mode: "total", test: (f) => f.url.includes("node-environment-extensions") },
  { label: "rate limiter (rate-limiter-flexible)", mode: "total", test: (f) => f.url.includes("rate-limiter-flexible") },
  { label: "server.mjs own code (self: request id, socket map, listeners, access-log line)", mode: "self", test: (f) => f.url.endsWith("/server.mjs") },
  { label: "request id (crypto.randomUUID)", mode: "total", test: (f) => f.functionName === "randomUUID" },
  { label: "access log (server.mjs onDone + pino)", mode: "total", test: (f) => (f.functionName === "onDone" && f.url.endsWith("server.mjs")) || /\/(pino|pino-std-serializers|sonic-boom|@pinojs)\//.test(f.url) },
  { label: "Prisma + pg (API-key lookups after the 2 s cache expiry, audit)", mode: "total", test: (f) => /\/(@prisma|prisma|pg|pg-pool|pg-protocol|pg-types)\//.test(f.url) || f.url.startsWith("wasm://") },
  { label: "zod (query and body parsing)", mode: "total", test: (f) => /\/zod\//.test(f.url) },
  { label: "response head (writeHead, setHeader, header validation)", mode: "total", test: (f) => (f.url === "node:_http_outgoing" && /^(setHeader|_storeHeader|processHeader|checkInvalidHeaderChar)$/.test(f.functionName)) || (f.url === "node:_http_server" && f.functionName === "writeHead") },
  { label: "garbage collector", mode: "self", test: (f) => f.functionName === "(garbage collector)" },
];

function summarizeSamples(prof: CpuProfile, picked: number[], top: number, title: string, totalTop: number): string[] {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const hits = new Map<number, number>();
  for (const s of picked) hits.set(s, (hits.get(s) ?? 0) + 1);
  const byCat = new Map<string, number>();
  const byFn = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const focus = new Array<number>(FOCUS.length).fill(0);
  let busy = 0;
  let idle = 0;
  for (const [id, count] of hits) {
    const n = byId.get(id)!;
    const { functionName, url } = n.callFrame;
    if (functionName === "(idle)") {
      idle += count;
      continue;
    }
    busy += count;
    const cat = category(url, functionName);
    byCat.set(cat, (byCat.get(cat) ?? 0) + count);
    const key = frameKey(n);
    byFn.set(key, (byFn.get(key) ?? 0) + count);
    // Inclusive: every distinct function on the stack of this sample, once.
    const seen = new Set<string>();
    const hit = FOCUS.map((g) => g.mode === "self" && g.test(n.callFrame));
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at)!;
      if (node.callFrame.functionName === "(root)") continue;
      FOCUS.forEach((g, i) => {
        if (g.mode === "total" && !hit[i] && g.test(node.callFrame)) hit[i] = true;
      });
      const k = frameKey(node);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + count);
    }
    hit.forEach((h, i) => {
      if (h) focus[i]! += count;
    });
  }
  // A process or thread that (nearly) only idled in this window, e.g. the production server during the
  // bare server's phase or a loader thread, has nothing to say about it.
  if (busy === 0 || (totalTop > 0 && busy < 0.05 * picked.length)) return [];
  const pct = (c: number) => `${((100 * c) / Math.max(1, busy)).toFixed(1).padStart(5)}%`;
  const lines: string[] = [`## ${title}: ${picked.length} samples, ${busy} non-idle (${((100 * busy) / Math.max(1, busy + idle)).toFixed(0)}% busy)`, "", "### self time by origin", ""];
  for (const [k, v] of [...byCat].sort((a, b) => b[1] - a[1]).slice(0, 20)) lines.push(`${pct(v)}  ${k}`);
  lines.push("", `### top ${top} functions by self time`, "");
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${pct(v)}  ${k}`);
  if (totalTop > 0) {
    lines.push("", "### named costs (total: self + callees, or self where marked; groups may overlap)", "");
    FOCUS.forEach((g, i) => lines.push(`${pct(focus[i]!)}  ${g.label}`));
    lines.push("", `### top ${totalTop} functions by total time (self + callees; a sample counts once per function)`, "");
    for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, totalTop)) lines.push(`${pct(v)}  ${k}`);
  }
  lines.push("");
  return lines;
}

/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof) by self time: per category (package) and the top
 * functions, as a share of non-idle samples; with `windows`, also each measured phase on its own (the
 * samples stamped inside it), with total (inclusive) time per function.
 */
export function summarizeCpuProfile(dir: string, top = 25, windows: ProfileWindow[] = []): string {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) return `no .cpuprofile in ${dir}`;
  const lines: string[] = [];
  for (const file of files) {
    const prof = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const seconds = (prof.endTime - prof.startTime) / 1e6;
    lines.push(`# ${file}: ${prof.samples.length} samples over ${seconds.toFixed(1)} s`, "");
    if (windows.length && prof.timeDeltas) {
      const stamps = new Float64Array(prof.samples.length);
      let t = prof.startTime;
      for (let i = 0; i < prof.samples.length; i++) stamps[i] = t += prof.timeDeltas[i] ?? 0;
      for (const w of windows) {
        const picked: number[] = [];
        for (let i = 0; i < stamps.length; i++) if (stamps[i]! >= w.fromUs && stamps[i]! <= w.toUs) picked.push(prof.samples[i]!);
        if (picked.length === 0) continue;
        lines.push(...summarizeSamples(prof, picked, top, `phase ${w.name} (${((w.toUs - w.fromUs) / 1e6).toFixed(1)} s)`, 40));
      }
    }
    lines.push(...summarizeSamples(prof, prof.samples, top, "whole server life (start-up included)", 0));
  }
  return lines.join("\n");
}
