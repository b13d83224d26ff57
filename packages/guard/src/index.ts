// @llmguard/guard: the risk scorer and the policy engine, one source for every enforcement point
// (ARCHITECTURE decision 12). Zero run-time dependencies: the SDK compiles these files into its own dist.
export * from "./risk/index.ts";
export * from "./policy/index.ts";
