import { z } from "zod";
import { RULE_TYPES } from "@llmguard/guard";

/**
 * What an enforcement point did to one call (issue 10), as the SDK reports it with the logged call and the
 * server stores it: `blocked` (never reached the provider), `modified` (model or system prompt rewritten),
 * `would_block` (set by the server at ingest: an active rule blocks such calls, but the client did not
 * enforce it).
 */
export const ENFORCEMENT_OUTCOMES = ["blocked", "modified", "would_block"] as const;
export const EnforcementOutcomeSchema = z.enum(ENFORCEMENT_OUTCOMES);
export type EnforcementOutcome = z.infer<typeof EnforcementOutcomeSchema>;

/** One rule that applied to a call. */
export const GuardReasonSchema = z.object({
  type: z.enum(RULE_TYPES as unknown as [string, ...string[]]),
  /** The rule's id; for a remediation, its id. */
  remediationId: z.string().max(200),
  message: z.string().max(1_000),
});
export type GuardReasonView = z.infer<typeof GuardReasonSchema>;

export const EnforcementSchema = z.object({
  outcome: EnforcementOutcomeSchema,
  reasons: z.array(GuardReasonSchema).max(20),
});
export type Enforcement = z.infer<typeof EnforcementSchema>;

/** What a client reports (the server alone decides `would_block`). */
export const ReportedEnforcementSchema = EnforcementSchema.extend({ outcome: z.enum(["blocked", "modified"]) });
