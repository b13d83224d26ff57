// @llmguard/jobs: background work (ARCHITECTURE decision 4). Server-only, like @llmguard/domain.
export * from "./env";
export * from "./events";
export * from "./client";
export * from "./job";
export * from "./inngest";
export * from "./inline";
export * from "./runtime";
export * from "./functions";
export { detectOnIngest } from "./functions/incidents/detect-on-ingest";
