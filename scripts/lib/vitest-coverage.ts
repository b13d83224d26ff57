// The one coverage setting of every vitest run in `pnpm test` (issue 16). Each package's vitest.config.ts
// spreads `coverage: workspaceCoverage("<run>")`; `scripts/coverage-report.mjs` merges the runs at the end.
//
// - A package's code counts whether its own tests or another package's tests reach it (the api suites run
//   the domain's services): every run collects all workspace source it loads (`allowExternal`), and the
//   report merges the runs. A run lists its own package's untested files at 0%, so a file no suite loads
//   still counts against its package.
// - Each run writes only `coverage-final.json` into its own folder, `coverage/<run>/` at the repository
//   root (gitignored); the report reads every `coverage/*/coverage-final.json`.
// - What counts as source is one list, scripts/lib/coverage-scope.mjs, which the report applies again.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { coverageExclude, coverageInclude } from "./coverage-scope.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Coverage options for the vitest run named `run` (its folder under `coverage/`).
 * Disable for one local run with `vitest run --coverage.enabled=false`.
 */
export function workspaceCoverage(run: string) {
  const reporter: [["json", { file: string }], ["text-summary"]] = [["json", { file: "coverage-final.json" }], ["text-summary"]];
  return {
    enabled: true,
    provider: "v8" as const,
    reportsDirectory: resolve(repoRoot, "coverage", run),
    reporter,
    // Workspace packages resolve to their real paths (packages/<name>/src), outside this run's root.
    allowExternal: true,
    // Matched against absolute paths (so "packages/*/src/**" finds every package's files this run loads);
    // "src/**" is also globbed from the run's root, which lists the package's own untested files.
    include: ["src/**/*.{ts,mts,mjs}", ...coverageInclude],
    exclude: coverageExclude,
    // A failing suite already fails `pnpm test`; its partial coverage would only mislead.
    reportOnFailure: false,
  };
}
