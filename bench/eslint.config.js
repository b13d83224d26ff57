import base from "@llmguard/eslint-config";

// Benchmark tooling reads its knobs (BENCH_*) straight from the environment, like scripts/ do.
export default [...base, { rules: { "no-restricted-properties": "off" } }];
