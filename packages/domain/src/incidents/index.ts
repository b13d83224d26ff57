export * from "./incident.schema";
export * from "./incident.service";
export { evaluateIngestRules, latencyHits } from "./detection/ingest-rules";
export { IngestEventBuffer } from "./detection/ingest-buffer";
export {
  analyzeIncident,
  attemptOpenAiAnalysis,
  storeHeuristicAnalysis,
  rerunAnalysis,
  rcaRetryDelayMs,
  readStoredRca,
  StoredIncidentRcaSchema,
  RCA_MAX_ATTEMPTS,
  RCA_SECRET_NAME,
  type OpenAiAttemptResult,
  type RcaAttemptFailure,
  type RcaRetryOptions,
} from "./rca/rca.service";
export { heuristicRca } from "./rca/heuristic-rca";
