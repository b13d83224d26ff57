// Coverage report of `pnpm test` (issue 16; docs/testing.md "Coverage"). Run at the end of `pnpm test`:
//
//   node scripts/coverage-report.mjs            merge coverage/<run>/coverage-final.json of every run, print the
//                                               per-package table and the error-mapping files, write
//                                               coverage/summary.json, coverage/report.txt and coverage/html/,
//                                               and exit 1 when a package or group, or a file of a group
//                                               with a `fileFloor`, is below its floor
//   node scripts/coverage-report.mjs --clean    remove coverage/ (the start of `pnpm test`: no stale runs merge)
//   node scripts/coverage-report.mjs --ratchet  raise every floor in coverage-thresholds.json to today's measure
//                                               rounded down (never lowers one), after tests land
//
// A package's code counts whether its own suite or another package's suite reaches it: the runs are merged
// with istanbul-lib-coverage, file by file, before anything is summed. Thresholds live in
// coverage-thresholds.json: `goal` is the design's target, `floor` what CI enforces today (the ratchet).
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import libCoverage from "istanbul-lib-coverage";
import libReport from "istanbul-lib-report";
import reports from "istanbul-reports";
import { isCoveredSource, packageOf } from "./lib/coverage-scope.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const coverageDir = join(root, "coverage");
const thresholdsPath = join(root, "coverage-thresholds.json");
const METRICS = ["lines", "branches", "functions", "statements"];
const args = new Set(process.argv.slice(2));

if (args.has("--clean")) {
  rmSync(coverageDir, { recursive: true, force: true });
  process.exit(0);
}

const thresholds = JSON.parse(readFileSync(thresholdsPath, "utf8"));
const toRel = (abs) => relative(root, abs).split(sep).join("/");

// ---- merge every run ---------------------------------------------------------------------------------------
const missingRuns = thresholds.runs.filter((run) => !existsSync(join(coverageDir, run, "coverage-final.json")));
if (missingRuns.length > 0) {
  console.error(
    `coverage: no coverage/<run>/coverage-final.json for ${missingRuns.join(", ")}. ` +
      "Run `pnpm test` (every package's suite writes one), or the missing packages' `pnpm --filter … test`.",
  );
  process.exit(1);
}
const runs = readdirSync(coverageDir).filter((run) => existsSync(join(coverageDir, run, "coverage-final.json")));

const map = libCoverage.createCoverageMap({});
for (const run of runs) {
  const data = JSON.parse(readFileSync(join(coverageDir, run, "coverage-final.json"), "utf8"));
  for (const [file, fileCoverage] of Object.entries(data)) {
    // packages/sdk/src/guard is a symlink to packages/guard/src: count such a file once, under its real path.
    const real = existsSync(file) ? realpathSync(file) : file;
    const rel = toRel(real);
    if (!isCoveredSource(rel)) continue;
    map.merge({ [real]: { ...fileCoverage, path: real } });
  }
}

// ---- sum per package and per group -------------------------------------------------------------------------
const emptySummary = () => libCoverage.createCoverageSummary();
const summaries = new Map(); // package → CoverageSummary
const fileSummaries = {};
for (const file of map.files()) {
  const rel = toRel(file);
  const s = map.fileCoverageFor(file).toSummary();
  fileSummaries[rel] = s;
  const pkg = packageOf(rel);
  if (!summaries.has(pkg)) summaries.set(pkg, emptySummary());
  summaries.get(pkg).merge(s);
}

// In-scope files that no run listed (a package without a run, or a file vitest could not read) are named,
// so a hole in the measurement is visible instead of silently raising a package's figure.
const unmeasured = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === "generated") continue;
    const abs = join(dir, entry);
    const st = lstatSync(abs, { throwIfNoEntry: false });
    // A symlinked folder (packages/sdk/src/guard) is counted where it really lives.
    if (!st || st.isSymbolicLink()) continue;
    if (st.isDirectory()) walk(abs);
    else if (isCoveredSource(toRel(abs)) && !fileSummaries[toRel(abs)]) unmeasured.push(toRel(abs));
  }
};
for (const name of Object.keys(thresholds.packages)) {
  const src = join(root, name === "web" ? "apps/web/src" : `packages/${name}/src`);
  if (existsSync(src)) walk(src);
}

// istanbul: 100 for a file with nothing to count, "Unknown" for a package no run measured at all (which then
// fails its floor instead of crashing the report).
const pct = (s, metric) => (typeof s[metric].pct === "number" ? s[metric].pct : 0);
const measure = (s) => Object.fromEntries(METRICS.map((m) => [m, { covered: s[m].covered, total: s[m].total, pct: pct(s, m) }]));

// Timing-dependent paths of the integration suites (retries, reconnects, races a test provokes) move a
// package's figure slightly between identical runs; a measure less than `tolerance` points under its floor is
// reported, not failed, so CI does not flake on a floor set a few hundredths under today's measure.
const tolerance = thresholds.tolerance ?? 0;
const failures = [];
const warnings = [];
const check = (label, s, t) => {
  for (const m of METRICS) {
    const floor = t.floor?.[m];
    if (floor == null || pct(s, m) >= floor) continue;
    const text = `${label}: ${m} ${pct(s, m).toFixed(2)}% is below its floor ${floor}%`;
    if (pct(s, m) >= floor - tolerance) warnings.push(`${text} (within the ${tolerance}-point tolerance)`);
    else failures.push(text);
  }
};

const result = { generatedAt: new Date().toISOString(), runs, packages: {}, groups: {}, files: {}, unmeasured };
for (const [name, t] of Object.entries(thresholds.packages)) {
  const s = summaries.get(name) ?? emptySummary();
  check(name, s, t);
  result.packages[name] = { files: map.files().filter((f) => packageOf(toRel(f)) === name).length, ...measure(s), floor: t.floor, goal: t.goal ?? null };
}
for (const [name, g] of Object.entries(thresholds.groups ?? {})) {
  const s = emptySummary();
  const missing = [];
  for (const file of g.files) {
    if (fileSummaries[file]) s.merge(fileSummaries[file]);
    else missing.push(file);
  }
  // A file of a group that no run measured is a failure, not a silent 100%.
  for (const file of missing) failures.push(`${name}: ${file} was not measured (renamed? update coverage-thresholds.json)`);
  check(name, s, g);
  // The group's goal holds for each of its files, not only for their sum (`fileFloor`): a well-tested REST
  // envelope must not hide an adapter whose mapping is half tested.
  if (g.fileFloor) for (const file of g.files) if (fileSummaries[file]) check(`${name}: ${file}`, fileSummaries[file], { floor: g.fileFloor });
  result.groups[name] = { ...measure(s), floor: g.floor, fileFloor: g.fileFloor ?? null, goal: g.goal ?? null, files: Object.fromEntries(g.files.map((f) => [f, fileSummaries[f] ? measure(fileSummaries[f]) : null])) };
}
for (const [file, s] of Object.entries(fileSummaries).sort()) result.files[file] = measure(s);
for (const name of summaries.keys()) {
  if (!(name in thresholds.packages)) warnings.push(`${name}: measured but has no entry in coverage-thresholds.json (add one with its floor)`);
}

// ---- --ratchet: raise floors, never lower them -------------------------------------------------------------
if (args.has("--ratchet")) {
  const raise = (label, t, s) => {
    for (const m of METRICS) {
      // Two points under today's measure (thresholds.margin): identical runs on a busy machine differ slightly.
      // Never above today's measure either, so a package still short of its goal does not fail the next run.
      const measured = Math.floor(pct(s, m));
      const now = Math.max(measured - (thresholds.margin ?? 0), Math.min(t.goal?.[m] ?? 0, measured));
      if (t.floor && (t.floor[m] ?? 0) < now) {
        console.log(`ratchet: ${label} ${m} floor ${t.floor[m] ?? "-"} → ${now}`);
        t.floor[m] = now;
      }
    }
  };
  for (const [name, t] of Object.entries(thresholds.packages)) raise(name, t, summaries.get(name) ?? emptySummary());
  for (const [name, g] of Object.entries(thresholds.groups ?? {})) {
    const s = emptySummary();
    for (const f of g.files) if (fileSummaries[f]) s.merge(fileSummaries[f]);
    raise(name, g, s);
  }
  // Objects without nesting (goal, floor) and short lists stay on one line, as the file is written by hand.
  const text = JSON.stringify(thresholds, null, 2)
    .replace(/\{\n\s+([^{}[\]]*?)\n\s+\}/g, (_, body) => `{ ${body.split(/,\n\s+/).join(", ")} }`)
    .replace(/\[\n\s+([^{}[\]]*?)\n\s+\]/g, (whole, body) => (body.length < 100 ? `[${body.split(/,\n\s+/).join(", ")}]` : whole));
  writeFileSync(thresholdsPath, `${text}\n`);
}

// ---- print ------------------------------------------------------------------------------------------------
const cell = (s, t, m) => {
  const p = pct(s, m);
  const floor = t.floor?.[m];
  const mark = floor == null || p >= floor ? " " : p >= floor - tolerance ? "~" : "✗";
  return `${p.toFixed(1).padStart(5)}%${floor != null ? ` ≥${String(floor).padStart(2)}` : "    "}${mark}`;
};
const goalCell = (s, t) =>
  t.goal
    ? Object.entries(t.goal)
        .map(([m, g]) => `${m[0]} ${g}${pct(s, m) < g ? ` (−${(g - pct(s, m)).toFixed(1)})` : " ✓"}`)
        .join("  ")
    : "—";
const header = (first) =>
  `${first.padEnd(58)} ${"lines".padEnd(13)} ${"branches".padEnd(13)} ${"functions".padEnd(13)} ${"statements".padEnd(13)} goal (gap)`;
const row = (label, s, t) => `${label.padEnd(58)} ${METRICS.map((m) => cell(s, t, m)).join(" ")} ${goalCell(s, t)}`;

const lines = [];
lines.push(`Coverage of ${runs.length} runs (${runs.join(", ")}), merged. Each cell: measured% ≥floor (✗ below it: CI fails; ~ within the ${tolerance}-point tolerance).`);
lines.push(header("package"));
for (const [name, t] of Object.entries(thresholds.packages)) lines.push(row(`${name} (${result.packages[name].files} files)`, summaries.get(name) ?? emptySummary(), t));
for (const [name, g] of Object.entries(thresholds.groups ?? {})) {
  lines.push("");
  lines.push(header(name));
  for (const f of g.files) lines.push(fileSummaries[f] ? row(`  ${f}`, fileSummaries[f], { floor: g.fileFloor }) : `  ${f}  (not measured)`);
  const s = emptySummary();
  for (const f of g.files) if (fileSummaries[f]) s.merge(fileSummaries[f]);
  lines.push(row(`  all ${g.files.length} files`, s, g));
}
if (unmeasured.length > 0) lines.push("", `Not measured by any run (${unmeasured.length}): ${unmeasured.join(", ")}`);
lines.push("", `Per file: coverage/report.txt and coverage/html/index.html; figures: coverage/summary.json.`);
console.log(lines.join("\n"));

// ---- write ------------------------------------------------------------------------------------------------
writeFileSync(join(coverageDir, "summary.json"), `${JSON.stringify(result, null, 2)}\n`);
const context = libReport.createContext({ dir: coverageDir, coverageMap: map, defaultSummarizer: "nested" });
reports.create("text", { file: "report.txt" }).execute(context);
const htmlContext = libReport.createContext({ dir: join(coverageDir, "html"), coverageMap: map, defaultSummarizer: "nested" });
reports.create("html").execute(htmlContext);

if (warnings.length > 0) console.warn(`\ncoverage warnings:\n  ${warnings.join("\n  ")}`);
if (failures.length > 0) {
  console.error(`\ncoverage below its floor (coverage-thresholds.json):\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
