// The scorer's contract as plain TypeScript: no zod here, because the SDK ships this package without
// dependencies (ARCHITECTURE decision 12). @llmguard/domain builds its Zod schemas (risk.schema.ts) from
// these const arrays and checks at compile time that what the schemas infer equals these types.

export const RISK_FACTOR_TYPES = [
  "long_prompt",
  "long_response",
  "sensitive_keyword",
  "high_tokens",
  "error",
  "model_adjustment",
  "prompt_injection",
  "jailbreak",
  "system_prompt_extraction",
  "encoded_payload",
  "pii",
  "secret",
  "blocked_keyword",
  "harmful_intent",
] as const;
export type RiskFactorType = (typeof RISK_FACTOR_TYPES)[number];

export const RISK_FIELDS = ["prompt", "response"] as const;
export type RiskField = (typeof RISK_FIELDS)[number];

export const RISK_REQUEST_STATUSES = ["success", "error", "timeout"] as const;
export type RiskRequestStatus = (typeof RISK_REQUEST_STATUSES)[number];

/** Character offsets (UTF-16 code units, end exclusive, `end >= start`) into the prompt or response, for highlighting. */
export interface RiskSpan {
  field: RiskField;
  start: number;
  end: number;
}

/**
 * One reason for a score. `points` is an integer in -100..100; `detail` (at most 500 chars) is
 * human-readable and never carries a matched secret or PII value, only masked forms and counts.
 */
export interface RiskFactor {
  type: RiskFactorType;
  points: number;
  detail: string;
  spans?: RiskSpan[];
}

/** `score` is an integer in 0..100: the sum of the factors' points, clamped. */
export interface RiskResult {
  score: number;
  factors: RiskFactor[];
}

export interface RiskInput {
  prompt: string;
  response: string;
  model: string;
  status: RiskRequestStatus;
  totalTokens: number;
}

/**
 * Per-project tuning, as stored in project settings. The API bounds the lists (domain's RiskTuningSchema)
 * to keep the compiled matcher small; `compileTuning` itself accepts any list and only normalizes it.
 */
export interface RiskTuning {
  /** Extra whole-word, case-insensitive keywords; any match adds one `blocked_keyword` factor. */
  blockedKeywords?: string[];
  /** Phrases that never count: every detector ignores matches overlapping an occurrence. */
  allowlist?: string[];
}
