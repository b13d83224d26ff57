export { seedRequests, sampleRecords, type SeedOptions, type SeedProgress, type SeedResult } from "./seed";
export { openApp, ensureDemoProject, clearProjectRequests, repoRoot, type DemoProject, type OpenedApp, type DbTarget } from "./demo";
export { MODELS, ENDPOINTS } from "./traffic";
