// Risk scoring: pure, synchronous, no I/O. The ingest path calls scoreRisk per request with the project's
// CompiledTuning (compileTuning once per settings change). Names here reach the package-wide barrel, so
// everything beyond the contract is namespaced (RISK_*, SENSITIVE_KEYWORDS, MODEL_RISK_ADJUSTMENTS).
export * from "./risk.schema";
export { scoreRisk, compileTuning, CompiledTuning, RISK_LIMITS, RISK_POINTS } from "./risk.service";
export { SENSITIVE_KEYWORDS } from "./detectors/keywords.detector";
export { MODEL_RISK_ADJUSTMENTS, type ModelRiskAdjustment } from "./model-adjustment";
