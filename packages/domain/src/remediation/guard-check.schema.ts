import { z } from "zod";
import { RULE_LIMITS } from "@llmguard/guard";
import { EnvironmentNameSchema } from "../config/config.schema";
import { TEXT_MAX_CHARS } from "../requests/request.schema";
import { RiskFactorSchema } from "../risk/risk.schema";
import { GuardReasonSchema } from "./enforcement.schema";

const ChatMessageSchema = z.looseObject({ role: z.string().max(50), content: z.unknown().optional() });

/** POST /api/v1/guard/check: one call about to be made, as the SDK would see it. */
export const GuardCheckInputSchema = z
  .object({
    /** The text scored against a threshold rule; derived from `messages` ("role: content" lines) when absent. */
    prompt: z.string().max(TEXT_MAX_CHARS).optional(),
    messages: z.array(ChatMessageSchema).max(1_000).optional(),
    model: z.string().trim().min(1, "model is required").max(RULE_LIMITS.model),
    endpoint: z.string().max(RULE_LIMITS.endpoint).optional(),
    endUserId: z.string().max(RULE_LIMITS.endUserId).optional(),
    /** Whose rules apply (default production, like the SDK). */
    environment: EnvironmentNameSchema.default("production"),
  })
  .refine((v) => v.prompt !== undefined || v.messages !== undefined, { error: "prompt or messages is required", path: ["prompt"] });
export type GuardCheckInput = z.infer<typeof GuardCheckInputSchema>;

export const GuardCheckResultSchema = z.object({
  allowed: z.boolean(),
  /** The model to call (the requested one unless a switch_model rule applies). */
  model: z.string(),
  /** The system prompt to send, or null to keep the caller's. */
  systemPrompt: z.string().nullable(),
  riskScore: z.number().int(),
  riskFactors: z.array(RiskFactorSchema),
  /** Every rule that applied: blocks first, then rewrites. */
  reasons: z.array(GuardReasonSchema),
  /** When a per-user limit refused the call: seconds until one more fits. */
  retryAfterSeconds: z.number().int().optional(),
  /** `messages` as they should be sent (system prompt applied), when messages were given. */
  messages: z.array(ChatMessageSchema).optional(),
  /** The config version the decision was made from. */
  configVersion: z.number().int().nullable(),
});
export type GuardCheckResult = z.infer<typeof GuardCheckResultSchema>;
