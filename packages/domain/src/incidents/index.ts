export * from "./incident.schema";
export * from "./incident.service";
export { evaluateIngestRules, latencyHits } from "./detection/ingest-rules";
export { IngestEventBuffer } from "./detection/ingest-buffer";
export * from "./detection/detection.schema";
export {
  detectHourlyAnomalies,
  runDetection,
  runHourlyDetection,
  anomalySeverity,
  lastCompleteHour,
  ANOMALY_RULES,
  BASELINE_HOURS,
  MIN_BASELINE_HOURS_WITH_TRAFFIC,
  MIN_HOUR_REQUESTS_FOR_RATES,
  type AnomalyCandidate,
  type DetectionOutcome,
  type HourlyDetectionSummary,
  type HourlySeries,
} from "./detection/hourly-anomalies";
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
