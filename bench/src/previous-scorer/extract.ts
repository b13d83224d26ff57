/**
 * The previous, rules-only risk scorer (commit PREVIOUS_SCORER_COMMIT, before issue 12), checked out of git
 * into a temporary folder, for the benchmarks that compare it with the current one in the same run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The last commit with the rules-only scorer (packages/domain/bench/risk.bench.ts uses the same one). */
export const PREVIOUS_SCORER_COMMIT = "53aa562";

/** Written to stderr by shim.ts when it loads. */
export const PREVIOUS_SCORER_MARKER = "bench: @llmguard/guard with the previous rules-only scorer";

/** The folder that holds the previous `packages/guard/src`, or an error (no git history here, e.g. a shallow clone). */
export function extractPreviousScorer(repoRoot: string): { dir: string } | { error: string } {
  try {
    const dir = mkdtempSync(path.join(tmpdir(), "risk-previous-"));
    const archive = execFileSync("git", ["archive", PREVIOUS_SCORER_COMMIT, "packages/guard/src"], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    // As in the repository: ES modules. Without it tsx compiles the files to CommonJS, whose exports are
    // getters on every cross-module call, which made the previous scorer look slower than it was.
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
    return { dir };
  } catch (e) {
    return { error: `git archive ${PREVIOUS_SCORER_COMMIT} failed: ${(e as Error).message.split("\n")[0]}` };
  }
}
