// Risk scoring: pure, synchronous, no I/O, no dependencies. Callers score with scoreRisk and a CompiledTuning
// (compileTuning once per settings change). Names here reach the package-wide barrel next to the policy
// engine's, so everything beyond the contract is namespaced (RISK_*, SENSITIVE_KEYWORDS, MODEL_RISK_ADJUSTMENTS).
export * from "./risk.types.ts";
export { scoreRisk, analyzeRisk, compileTuning, CompiledTuning, RISK_LIMITS, RISK_POINTS, type RiskAnalysis } from "./risk.service.ts";
export { redactRecord, REDACTION_MODES, type RedactionMode, type RedactedRecord } from "./redact.ts";
export { DEFAULT_FLAG_THRESHOLD as RISK_DEFAULT_THRESHOLD } from "./calibration.ts";
export { SENSITIVE_KEYWORDS } from "./detectors/keywords.detector.ts";
export { MODEL_RISK_ADJUSTMENTS, normalizeModelId, type ModelRiskAdjustment } from "./model-adjustment.ts";
