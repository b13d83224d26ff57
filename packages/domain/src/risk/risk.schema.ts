import { z } from "zod";

// Client-safe: imports only zod. The dashboard renders factors and spans from these shapes.

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
] as const;
export const RiskFactorTypeSchema = z.enum(RISK_FACTOR_TYPES);
export type RiskFactorType = z.infer<typeof RiskFactorTypeSchema>;

export const RISK_FIELDS = ["prompt", "response"] as const;
export const RiskFieldSchema = z.enum(RISK_FIELDS);
export type RiskField = z.infer<typeof RiskFieldSchema>;

/** Character offsets (UTF-16 code units, end exclusive) into the prompt or response, for highlighting. */
export const RiskSpanSchema = z
  .object({
    field: RiskFieldSchema,
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end >= s.start, { message: "end must not be before start" });
export type RiskSpan = z.infer<typeof RiskSpanSchema>;

/** `detail` is human-readable and never carries a matched secret or PII value, only masked forms and counts. */
export const RiskFactorSchema = z.object({
  type: RiskFactorTypeSchema,
  points: z.number().int().min(-100).max(100),
  detail: z.string().max(500),
  spans: z.array(RiskSpanSchema).optional(),
});
export type RiskFactor = z.infer<typeof RiskFactorSchema>;

export const RiskResultSchema = z.object({
  score: z.number().int().min(0).max(100),
  factors: z.array(RiskFactorSchema),
});
export type RiskResult = z.infer<typeof RiskResultSchema>;

export const RiskRequestStatusSchema = z.enum(["success", "error", "timeout"]);

export const RiskInputSchema = z.object({
  prompt: z.string(),
  response: z.string(),
  model: z.string(),
  status: RiskRequestStatusSchema,
  totalTokens: z.number().int().nonnegative(),
});
export type RiskInput = z.infer<typeof RiskInputSchema>;

/**
 * Per-project tuning, as stored in project settings. The limits keep the compiled matcher small;
 * `compileTuning` itself accepts any list and only normalizes it.
 */
export const RiskTuningSchema = z.object({
  /** Extra whole-word, case-insensitive keywords; any match adds one `blocked_keyword` factor. */
  blockedKeywords: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
  /** Phrases that never count: every detector ignores matches overlapping an occurrence. */
  allowlist: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
});
export type RiskTuning = z.infer<typeof RiskTuningSchema>;
