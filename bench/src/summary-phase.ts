// The end of `pnpm bench` (run.ts): the CPU profile summary (BENCH_CPU_PROF=1), bench/results/summary.md
// with the domain microbenchmarks' results beside ours, and the table printed on stdout.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { summarizeCpuProfile } from "./lib/profile";
import { readExternalResult, readRiskScoring, summaryMarkdown, type BenchResult } from "./lib/report";
import { fmt } from "./lib/stats";
import { cfg, defaultResultsDir, repoRoot, resultsDir } from "./bench-options";
import { log, type RunState } from "./run-context";

export function writeProfileSummary(run: RunState): void {
  if (!cfg.cpuProfile) return;
  try {
    // Kept next to the profiles, so they can be summarized again (summarizeCpuProfile) after the run.
    writeFileSync(path.join(run.profileDir, "windows.json"), `${JSON.stringify(run.profileWindows, null, 2)}\n`);
    const text = summarizeCpuProfile(run.profileDir, 25, run.profileWindows);
    writeFileSync(path.join(resultsDir, "server-profile.txt"), `${text}\n`);
    log(`server CPU profile summary: bench/results/server-profile.txt`);
  } catch (err) {
    log(`could not summarize the CPU profile: ${String(err)}`);
  }
}

/** Writes summary.md and prints the table; the exit code: 1 when the run failed. */
export function writeSummary(run: RunState, failed: string | undefined): number {
  const { results, notes, startedAt } = run;
  const risk = readRiskScoring(defaultResultsDir);
  // Written by packages/domain/bench just before the harness (turbo runs @llmguard/domain#bench first).
  const external = ["secrets-crypto", "authz-decision", "guard-decide"].map((n) => readExternalResult(defaultResultsDir, n)).filter((r): r is BenchResult => r !== null);
  const md = summaryMarkdown({ repoRoot, results, risk, external, startedAt, notes, ...(failed ? { failed } : {}) });
  writeFileSync(path.join(resultsDir, "summary.md"), md);
  printTable(results, risk, external);
  log(`wrote bench/results/summary.md and ${results.length} result file(s) in ${fmt.duration(Date.now() - startedAt.getTime())}`);
  return failed ? 1 : 0;
}

function printTable(results: BenchResult[], risk: ReturnType<typeof readRiskScoring>, external: BenchResult[]): void {
  const rows: [string, string, string, string][] = [["benchmark", "result", "goal", "met"]];
  const text = (p: boolean | null) => (p === null ? "-" : p ? "yes" : "NO");
  for (const r of results) {
    const v = r.values;
    const figure =
      r.name.startsWith("ingest-single")
        ? `${fmt.int(r.value)} rec/s, p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms`
        : r.name === "ingest-batch"
          ? `${fmt.int(r.value)} rows/s, p99 ${v.p99Ms} ms/batch`
          : r.name === "seed"
            ? `${fmt.int(r.value)} rows/s (${fmt.int(Number(v.rowsSeeded))} rows)`
            : r.name.startsWith("config-read-http")
              ? `${fmt.int(r.value)} reads/s, p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms`
              : r.name === "config-sdk-cached-read"
                ? `${v.nsPerCall} ns/call (worst round ${v.worstRoundNs} ns)`
                : r.name.startsWith("config-propagation")
                  ? `last client p50 ${v.lastP50Ms} ms, p99 ${v.lastP99Ms} ms`
                  : r.name === "incidents-detection-overhead"
                    ? `${r.value}% (on ${fmt.int(Number(v.onRowsPerSec))} rows/s, off ${fmt.int(Number(v.offRowsPerSec))} rows/s)`
                    : r.name === "incidents-time-to-incident"
                      ? `p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms (${v.samples} incidents)`
                      : /^gateway(-bare)?-throughput$/.test(r.name)
                        ? `${fmt.int(r.value)} calls/s (direct ${fmt.int(Number(v.directCallsPerSec))}/s), server ${v.serverCpuUsPerCall} µs/call`
                        : /^gateway(-bare)?-overhead$/.test(r.name)
                          ? `+${v.overheadP50Ms} ms p50, +${v.overheadP99Ms} ms p99 (direct ${v.directP50Ms}/${v.directP99Ms}, gateway ${v.gatewayP50Ms}/${v.gatewayP99Ms} ms)`
                          : /^gateway(-bare)?-ttft$/.test(r.name)
                            ? `+${v.overheadP50Ms} ms p50, +${v.overheadP99Ms} ms p99 (direct ${v.directFirstTokenP50Ms}/${v.directFirstTokenP99Ms}, gateway ${v.gatewayFirstTokenP50Ms}/${v.gatewayFirstTokenP99Ms} ms)`
                            : `p50 ${v.p50Ms} ms, p95 ${v.p95Ms} ms`;
    rows.push([r.name, figure, r.goal ?? "-", text(r.passedGoal)]);
  }
  rows.push(["risk-scoring", risk ? risk.figure : "(no risk-scoring.json)", risk?.goal ?? "≤ 50 µs", text(risk?.pass ?? null)]);
  for (const r of external) {
    const v = r.values;
    const figure = r.name === "secrets-crypto" ? `open 64 B ${v.open64MeanUs} µs, 4 KB ${v.open4kMeanUs} µs; unwrap ${v.unwrapMeanUs} µs` : r.name === "authz-decision" ? `${v.decisionMeanNs} ns, p99 ${v.decisionSampledP99Ns} ns` : `${r.value} ${r.unit}`;
    rows.push([r.name, figure, r.goal ?? "-", text(r.passedGoal)]);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  process.stdout.write(`\n${line(rows[0]!)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.slice(1).map(line).join("\n")}\n\n`);
}
