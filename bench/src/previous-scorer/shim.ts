/**
 * Bench only: "@llmguard/guard" with the previous, rules-only scorer (PREVIOUS_SCORER_COMMIT) in place of
 * issue 12's, so the same ingest path can be measured with either in one run. Ingest calls analyzeRisk and
 * then redactRecord; the previous scorer had no redaction, so redactRecord stores the text as sent.
 * Everything else (the policy engine, compileTuning, the schemas' constants) is the current package.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PREVIOUS_SCORER_MARKER } from "./extract.ts";
// By path, not by name: the resolve hook sends "@llmguard/guard" here.
import type { CompiledTuning, RiskAnalysis, RiskInput, RiskResult } from "../../../packages/guard/src/index.ts";

export * from "../../../packages/guard/src/index.ts";

interface PreviousScorer {
  scoreRisk(input: RiskInput, tuning?: unknown): RiskResult;
  compileTuning(t: { blockedKeywords?: readonly string[]; allowlist?: readonly string[] }): unknown;
}

const dir = process.env.BENCH_PREVIOUS_SCORER_DIR;
if (!dir) throw new Error("BENCH_PREVIOUS_SCORER_DIR is not set (bench/src/previous-scorer/extract.ts)");
const previous = (await import(pathToFileURL(path.join(dir, "packages/guard/src/risk/risk.service.ts")).href)) as PreviousScorer;
// ingest-phases.ts checks the server's log for this line: a swap that did not happen must not pass as one.
process.stderr.write(`${PREVIOUS_SCORER_MARKER}\n`);

/** The project's lists compiled once for the previous scorer (ingest passes the current CompiledTuning). */
const tunings = new WeakMap<object, unknown>();

export function analyzeRisk(input: RiskInput, tuning?: CompiledTuning): RiskAnalysis {
  let t: unknown;
  if (tuning) {
    t = tunings.get(tuning);
    if (t === undefined) tunings.set(tuning, (t = previous.compileTuning({ blockedKeywords: tuning.blockedKeywords, allowlist: tuning.allowlist })));
  }
  return { result: previous.scoreRisk(input, t) };
}

export function redactRecord(record: { prompt: string; response: string }, analysis: RiskAnalysis): { prompt: string; response: string; factors: RiskResult["factors"]; redactions: number } {
  return { prompt: record.prompt, response: record.response, factors: analysis.result.factors, redactions: 0 };
}
