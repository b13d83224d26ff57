import type { RiskFactor, RiskFactorType, RiskField, RiskInput, RiskRequestStatus, RiskResult, RiskSpan, RiskTuning } from "@llmguard/guard";
import { RISK_FACTOR_TYPES, RISK_FIELDS, RISK_REQUEST_STATUSES } from "@llmguard/guard";
import { z } from "zod";

// Client-safe: imports only zod and the scorer's plain types and consts from @llmguard/guard (no
// dependencies, side-effect free). The scorer's contract is declared once, there, as TypeScript; these
// schemas validate it at the API and the dashboard renders factors and spans from them. The assertions at
// the end fail to compile when a schema and the guard's type disagree.

export { RISK_FACTOR_TYPES, RISK_FIELDS };
export type { RiskFactor, RiskFactorType, RiskField, RiskInput, RiskResult, RiskSpan, RiskTuning };

export const RiskFactorTypeSchema = z.enum(RISK_FACTOR_TYPES);

export const RiskFieldSchema = z.enum(RISK_FIELDS);

/** Character offsets (UTF-16 code units, end exclusive) into the prompt or response, for highlighting. */
export const RiskSpanSchema = z
  .object({
    field: RiskFieldSchema,
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end >= s.start, { message: "end must not be before start" });

/** `detail` is human-readable and never carries a matched secret or PII value, only masked forms and counts. */
export const RiskFactorSchema = z.object({
  type: RiskFactorTypeSchema,
  points: z.number().int().min(-100).max(100),
  detail: z.string().max(500),
  spans: z.array(RiskSpanSchema).optional(),
});

export const RiskResultSchema = z.object({
  score: z.number().int().min(0).max(100),
  factors: z.array(RiskFactorSchema),
});

export const RiskRequestStatusSchema = z.enum(RISK_REQUEST_STATUSES);

export const RiskInputSchema = z.object({
  prompt: z.string(),
  response: z.string(),
  model: z.string(),
  status: RiskRequestStatusSchema,
  totalTokens: z.number().int().nonnegative(),
});

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

/** True only when A and B are the same type (not merely assignable either way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
// Compile-time only: fails typecheck when a schema drifts from the guard's type.
type _SchemasMatchGuardTypes = [
  Expect<Equals<z.infer<typeof RiskFactorTypeSchema>, RiskFactorType>>,
  Expect<Equals<z.infer<typeof RiskFieldSchema>, RiskField>>,
  Expect<Equals<z.infer<typeof RiskRequestStatusSchema>, RiskRequestStatus>>,
  Expect<Equals<z.infer<typeof RiskSpanSchema>, RiskSpan>>,
  Expect<Equals<z.infer<typeof RiskFactorSchema>, RiskFactor>>,
  Expect<Equals<z.infer<typeof RiskResultSchema>, RiskResult>>,
  Expect<Equals<z.infer<typeof RiskInputSchema>, RiskInput>>,
  Expect<Equals<z.infer<typeof RiskTuningSchema>, RiskTuning>>,
];
