export { seedRequests, sampleRecords, type SeedOptions, type SeedProgress, type SeedResult } from "./seed";
export { openApp, ensureDemoProject, clearProjectRequests, repoRoot, type DemoProject, type OpenedApp, type DbTarget } from "./demo";
export { MODELS, ENDPOINTS } from "./traffic";
// Operator commands under scripts/ reach the domain through this package (it depends on @llmguard/domain).
export { countStaleDataKeys, rewrapDataKeys, setPlanByOperator } from "@llmguard/domain";
