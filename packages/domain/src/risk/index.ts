// Risk scoring lives in @llmguard/guard (one source for the server and the SDK, ARCHITECTURE decision 12);
// this module adds the Zod schemas and keeps the names the rest of the domain and apps/web import. The
// ingest path calls scoreRisk per request with the project's CompiledTuning (compileTuning once per
// settings change). Names here reach the package-wide barrel, so everything beyond the contract is
// namespaced (RISK_*, SENSITIVE_KEYWORDS, MODEL_RISK_ADJUSTMENTS).
export * from "./risk.schema";
export { scoreRisk, analyzeRisk, redactRecord, REDACTION_MODES, RISK_DEFAULT_THRESHOLD, type RedactionMode, compileTuning, CompiledTuning, RISK_LIMITS, RISK_POINTS, SENSITIVE_KEYWORDS, MODEL_RISK_ADJUSTMENTS, type ModelRiskAdjustment } from "@llmguard/guard";
