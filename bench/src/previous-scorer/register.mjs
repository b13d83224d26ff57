// Bench only (`--import ./src/previous-scorer/register.mjs`, with BENCH_PREVIOUS_SCORER_DIR set): every
// import of "@llmguard/guard" in the process resolves to shim.ts, which is the real package with the
// previous scorer in place of analyzeRisk and redactRecord. See ingest-phases.ts, "ingest-batch-scorers".
import { register } from "node:module";

register("./hooks.mjs", import.meta.url);
