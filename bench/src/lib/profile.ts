import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
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

/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof) by self time: per category (package) and the top
 * functions, as a share of non-idle samples.
 */
export function summarizeCpuProfile(dir: string, top = 25): string {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) return `no .cpuprofile in ${dir}`;
  const lines: string[] = [];
  for (const file of files) {
    const prof = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const hits = new Map<number, number>();
    for (const s of prof.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
    const byCat = new Map<string, number>();
    const byFn = new Map<string, number>();
    let busy = 0;
    for (const [id, count] of hits) {
      const n = byId.get(id)!;
      const { functionName, url, lineNumber } = n.callFrame;
      if (functionName === "(idle)") continue;
      busy += count;
      const cat = category(url, functionName);
      byCat.set(cat, (byCat.get(cat) ?? 0) + count);
      const key = `${functionName || "(anonymous)"}  ${url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(apps|packages)\//, "$1/")}:${lineNumber + 1}` : ""}`;
      byFn.set(key, (byFn.get(key) ?? 0) + count);
    }
    const pct = (c: number) => `${((100 * c) / Math.max(1, busy)).toFixed(1).padStart(5)}%`;
    const seconds = (prof.endTime - prof.startTime) / 1e6;
    lines.push(`# ${file}: ${prof.samples.length} samples over ${seconds.toFixed(1)} s, ${busy} non-idle`, "", "## self time by origin", "");
    for (const [k, v] of [...byCat].sort((a, b) => b[1] - a[1]).slice(0, 20)) lines.push(`${pct(v)}  ${k}`);
    lines.push("", `## top ${top} functions by self time`, "");
    for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${pct(v)}  ${k}`);
    lines.push("");
  }
  return lines.join("\n");
}
