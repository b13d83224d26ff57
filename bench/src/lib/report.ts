import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface BenchResult {
  name: string;
  title: string;
  /** The headline figure, in `unit`. */
  value: number;
  unit: string;
  values: Record<string, number | string | null>;
  goal: string | null;
  passedGoal: boolean | null;
  /** Rows in the measured project when the figure was taken. */
  rows: number;
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  details?: Record<string, unknown>;
}

export function machine() {
  return { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30) };
}

export function result(r: Omit<BenchResult, "date" | "node" | "cpus" | "cpuModel">): BenchResult {
  const m = machine();
  return { ...r, date: new Date().toISOString(), node: m.node, cpus: m.cpus, cpuModel: m.cpuModel };
}

export function writeResult(dir: string, r: BenchResult): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${r.name}.json`), `${JSON.stringify(r, null, 2)}\n`);
}

/** The risk-scoring benchmark's JSON (packages/domain/bench/risk.bench.ts), shown in the same table. */
export interface ExternalRow {
  title: string;
  figure: string;
  goal: string;
  pass: boolean | null;
  date: string | null;
}

export function readRiskScoring(dir: string): ExternalRow | null {
  const file = path.join(dir, "risk-scoring.json");
  if (!existsSync(file)) return null;
  try {
    const j = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    const unit = typeof j.unit === "string" ? j.unit : "us/record";
    // Flat figures such as { meanUs, p50Us, p99Us } (the risk bench's format), or { value } / { values }.
    const flat = Object.fromEntries(Object.entries({ ...(j.values && typeof j.values === "object" ? (j.values as Record<string, unknown>) : {}), ...j }).filter(([k, v]) => typeof v === "number" && /us$|µs$|^value$/i.test(k))) as Record<string, number>;
    const headlineKey = ["value", "meanUs", "mean", "p50Us"].find((k) => k in flat);
    const headline: number | null = headlineKey ? flat[headlineKey]! : null;
    const figure = Object.keys(flat).length
      ? Object.entries(flat)
          .map(([k, x]) => `${k.replace(/Us$/, "")} ${Math.round(x * 100) / 100} µs`)
          .join(", ") + (typeof j.records === "number" ? ` (${j.records.toLocaleString("en-US")} records)` : "")
      : "(unrecognized format)";
    const pass = typeof j.passedGoal === "boolean" ? j.passedGoal : headline !== null && /µs|us/.test(unit) ? headline <= 50 : null;
    return { title: "Risk scoring, per record (packages/domain/bench)", figure, goal: typeof j.goal === "string" ? j.goal : "≤ 50 µs (mean)", pass, date: typeof j.date === "string" ? j.date : null };
  } catch (err) {
    return { title: "Risk scoring (risk-scoring.json)", figure: `unreadable: ${(err as Error).message}`, goal: "≤ 50 µs", pass: null, date: null };
  }
}

/**
 * A result another package's benchmark wrote in this format (packages/domain/bench: secrets-crypto,
 * authz-decision), shown in the same table; null when it was never run.
 */
export function readExternalResult(dir: string, name: string): BenchResult | null {
  const file = path.join(dir, `${name}.json`);
  if (!existsSync(file)) return null;
  try {
    const j = JSON.parse(readFileSync(file, "utf8")) as BenchResult;
    return j && j.name === name && typeof j.values === "object" ? j : null;
  } catch {
    return null;
  }
}

function gitDescribe(repoRoot: string): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: repoRoot, encoding: "utf8" }).trim() ? " + uncommitted changes" : "";
    return `${sha}${dirty}`;
  } catch {
    return "unknown";
  }
}

const passText = (p: boolean | null) => (p === null ? "—" : p ? "yes" : "**no**");

export function headline(r: BenchResult): string {
  const v = r.values;
  switch (r.name) {
    case "ingest-single":
    case "ingest-single-bare":
    case "ingest-single-cluster":
      return `${Math.round(r.value).toLocaleString("en-US")} records/s, p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms (server CPU ${v.serverCpuMsPerRecord} ms/record)`;
    case "ingest-batch":
      return `${Math.round(r.value).toLocaleString("en-US")} rows/s (p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms per 500-row batch)`;
    case "seed":
      return `${Math.round(r.value).toLocaleString("en-US")} rows/s (${Number(v.rowsSeeded).toLocaleString("en-US")} rows in ${v.seconds} s)`;
    case "search":
      return `p50 ${v.p50Ms} ms, p95 ${v.p95Ms} ms (${v.queries} queries, max ${v.maxMs} ms)`;
    case "metrics":
      return `p50 ${v.p50Ms} ms, p95 ${v.p95Ms} ms (${v.calls} calls)`;
    case "config-read-http":
    case "config-read-http-304":
    case "config-read-http-bare":
    case "config-read-http-cluster":
      return `${Math.round(r.value).toLocaleString("en-US")} reads/s, p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms, ${v.errors} errors (server CPU ${v.serverCpuUsPerRead} µs/read, load generator ${v.loadGenCpuUsPerRead} µs/read)`;
    case "config-sdk-cached-read":
      return `${v.nsPerCall} ns per call (worst round of 1M ${v.worstRoundNs} ns; held client ${v.heldClientNsPerCall} ns; the loop alone ${v.loopOnlyNs} ns)`;
    case "config-propagation":
    case "config-propagation-cross":
      return `last of ${v.clients} clients p50 ${v.lastP50Ms} ms, p99 ${v.lastP99Ms} ms, max ${v.lastMaxMs} ms; each client p50 ${v.eachP50Ms} ms, p99 ${v.eachP99Ms} ms (${v.changes} changes; PUT answered p50 ${v.putP50Ms} ms; missed ${v.missed})`;
    case "gateway-throughput":
    case "gateway-bare-throughput":
      return `${Math.round(r.value).toLocaleString("en-US")} calls/s through the gateway, p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms (closed loop: queueing), ${v.errors} errors; straight to the upstream ${Number(v.directCallsPerSec).toLocaleString("en-US")} calls/s; server CPU ${v.serverCpuUsPerCall} µs per call (load average ${v.loadAvg1})`;
    case "gateway-overhead":
    case "gateway-bare-overhead":
      return `overhead p50 **${v.overheadP50Ms} ms**, p99 **${v.overheadP99Ms} ms** (direct p50 ${v.directP50Ms} / p99 ${v.directP99Ms} ms, gateway p50 ${v.gatewayP50Ms} / p99 ${v.gatewayP99Ms} ms at ${v.ratePerSec} calls/s; errors ${v.directErrors} / ${v.gatewayErrors}; load average ${v.loadAvg1})`;
    case "gateway-ttft":
    case "gateway-bare-ttft":
      return `first-token overhead p50 **${v.overheadP50Ms} ms**, p99 **${v.overheadP99Ms} ms** (direct p50 ${v.directFirstTokenP50Ms} / p99 ${v.directFirstTokenP99Ms} ms, gateway p50 ${v.gatewayFirstTokenP50Ms} / p99 ${v.gatewayFirstTokenP99Ms} ms at ${v.ratePerSec} streams/s; errors ${v.directErrors} / ${v.gatewayErrors}; load average ${v.loadAvg1})`;
    case "secrets-crypto":
      return `seal/open 64 B ${v.seal64MeanUs}/${v.open64MeanUs} µs, 4 KB ${v.seal4kMeanUs}/${v.open4kMeanUs} µs (mean; p99 open 64 B ${v.open64P99Us} µs); data-key unwrap ${v.unwrapMeanUs} µs`;
    case "authz-decision":
      return `${v.decisionMeanNs} ns per decision (sampled p99 ${v.decisionSampledP99Ns} ns incl. timer); roleAllows ${v.roleAllowsMeanNs} ns, requireScope ${v.requireScopeAllowedMeanNs} ns (denied, throwing: ${v.requireScopeDeniedMeanNs} ns)`;
    default:
      return `${r.value} ${r.unit}`;
  }
}

export function summaryMarkdown(opts: { repoRoot: string; results: BenchResult[]; risk: ExternalRow | null; external?: BenchResult[]; startedAt: Date; notes: string[]; failed?: string }): string {
  const m = machine();
  const lines: string[] = [];
  lines.push("# Benchmark summary", "");
  lines.push(`Run ${opts.startedAt.toISOString()} · commit ${gitDescribe(opts.repoRoot)} · Node ${m.node} · ${m.cpus} × ${m.cpuModel} · ${m.memoryGiB} GiB · PostgreSQL on 127.0.0.1`, "");
  if (opts.failed) lines.push(`**The run failed:** ${opts.failed}`, "");
  lines.push("| benchmark | result | goal | met |", "| --- | --- | --- | --- |");
  for (const r of opts.results) lines.push(`| ${r.title} | ${headline(r)} | ${r.goal ?? "—"} | ${passText(r.passedGoal)} |`);
  if (opts.risk) lines.push(`| ${opts.risk.title} | ${opts.risk.figure}${opts.risk.date ? ` (run ${opts.risk.date.slice(0, 10)})` : ""} | ${opts.risk.goal} | ${passText(opts.risk.pass)} |`);
  else lines.push("| Risk scoring, per record | not run (bench/results/risk-scoring.json missing) | ≤ 50 µs | — |");
  for (const r of opts.external ?? []) lines.push(`| ${r.title} | ${headline(r)} (run ${r.date.slice(0, 10)}) | ${r.goal ?? "—"} | ${passText(r.passedGoal)} |`);
  lines.push("", "## Where the CPU went", "", "Percent of one core over each measured window (the machine has " + m.cpus + " cores, so 100% per core is the ceiling). `load gen` is the benchmark process itself (the HTTP client with its worker threads, or the seeder); `kernel` is the system-time part (syscalls, and the loopback TCP work done inside socket writes); `other processes` is everything else on the machine (should be ~0; anything more means another job competed with the run).", "");
  lines.push("| phase | server (node) | postgres | load gen | other processes | machine busy |", "| --- | --- | --- | --- | --- | --- |");
  for (const r of opts.results) {
    // upstreamPct: the gateway phase's local upstream process, shown apart from the other processes.
    const cpu = r.details?.cpu as { serverPct: number; serverSystemPct?: number; postgresPct: number; loadGeneratorPct: number; loadGeneratorSystemPct?: number; machineBusyPct: number; upstreamPct?: number } | undefined;
    if (cpu) {
      const other = Math.max(0, Math.round((cpu.machineBusyPct - cpu.serverPct - cpu.postgresPct - cpu.loadGeneratorPct - (cpu.upstreamPct ?? 0)) * 10) / 10);
      const kernel = (x: number | undefined) => (x === undefined ? "" : ` (kernel ${x}%)`);
      const upstream = cpu.upstreamPct === undefined ? "" : ` (+ local upstream ${cpu.upstreamPct}%)`;
      lines.push(`| ${r.name} | ${cpu.serverPct}%${kernel(cpu.serverSystemPct)} | ${cpu.postgresPct}% | ${cpu.loadGeneratorPct}%${kernel(cpu.loadGeneratorSystemPct)} | ${other}%${upstream} | ${cpu.machineBusyPct}% |`);
    }
  }
  const pgRows = opts.results.filter((r) => r.details?.pg);
  if (pgRows.length) {
    lines.push("", "## PostgreSQL during the load phases", "", "(Config reads write nothing: their commits are the read-only queries of the API-key cache refresh and the secret-delivery audit.)", "", "| phase | commits/s | records per commit | tuples inserted/s (rows, TOAST chunks, new rollup rows) | WAL fsyncs/s | WAL MB/s |", "| --- | --- | --- | --- | --- | --- |");
    for (const r of pgRows) {
      const p = r.details!.pg as { commitsPerSec: number; tuplesInsertedPerSec: number; walSyncsPerSec: number; walMBPerSec: number; recordsPerCommit: number | null };
      lines.push(`| ${r.name} | ${p.commitsPerSec} | ${p.recordsPerCommit ?? "—"} | ${p.tuplesInsertedPerSec} | ${p.walSyncsPerSec} | ${p.walMBPerSec} |`);
    }
  }
  const search = opts.results.find((r) => r.name === "search");
  const kinds = search?.details?.byKind as Record<string, { count: number; p50Ms: number; p95Ms: number; maxMs: number }> | undefined;
  if (kinds) {
    lines.push("", "## Search by query shape", "", "| query | n | p50 | p95 | max |", "| --- | --- | --- | --- | --- |");
    for (const [k, s] of Object.entries(kinds)) lines.push(`| \`${k}\` | ${s.count} | ${s.p50Ms} ms | ${s.p95Ms} ms | ${s.maxMs} ms |`);
  }
  if (opts.notes.length) lines.push("", "## Notes", "", ...opts.notes.map((n) => `- ${n}`));
  lines.push("", "Raw figures: `bench/results/<name>.json`. How to run and what each figure means: `docs/benchmarks.md`.", "");
  return lines.join("\n");
}
