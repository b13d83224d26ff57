import { z } from "zod";
import { RULE_LIMITS } from "@llmguard/guard";
import { EnvironmentNameSchema } from "../config/config.schema";
import { METADATA_MAX_BYTES } from "../requests/request.schema";

/**
 * The gateway's contract (issue 13): OpenAI's protocol under GATEWAY_BASE_PATH. Bodies are OpenAI's and
 * pass through whole (loose objects: every field the provider knows reaches it); only the fields the
 * gateway reads are declared. Client-safe: zod only.
 */
export const GATEWAY_BASE_PATH = "/api/v1/gateway/openai/v1";

/** Optional request headers, read as `x-llmguard-*`. */
export const GATEWAY_HEADERS = {
  environment: "x-llmguard-environment",
  endpoint: "x-llmguard-endpoint",
  endUser: "x-llmguard-end-user",
  metadata: "x-llmguard-metadata",
  requestId: "x-llmguard-request-id",
} as const;

/** Answer headers: the id the call is logged under and the model it was sent to. */
export const GATEWAY_RESPONSE_HEADERS = {
  requestId: "x-llmguard-request-id",
  model: "x-llmguard-model",
} as const;

const ChatMessageSchema = z.looseObject({ role: z.string().max(50), content: z.unknown().optional() });

export const ChatCompletionRequestSchema = z.looseObject({
  model: z.string().trim().min(1, "model is required").max(RULE_LIMITS.model),
  messages: z.array(ChatMessageSchema).min(1, "messages must not be empty").max(10_000),
  stream: z.boolean().optional(),
  /** OpenAI's end-user id; the x-llmguard-end-user header wins over it. */
  user: z.string().max(RULE_LIMITS.endUserId).optional(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;

export const EmbeddingsRequestSchema = z.looseObject({
  model: z.string().trim().min(1, "model is required").max(RULE_LIMITS.model),
  /** A string, an array of strings, or token arrays (OpenAI's forms). */
  input: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]),
  user: z.string().max(RULE_LIMITS.endUserId).optional(),
});
export type EmbeddingsRequest = z.infer<typeof EmbeddingsRequestSchema>;

/** The x-llmguard-* headers, parsed (their values as sent; metadata as JSON text). */
export const GatewayHeadersSchema = z.object({
  environment: EnvironmentNameSchema.default("production"),
  endpoint: z.string().trim().min(1).max(RULE_LIMITS.endpoint).optional(),
  endUserId: z.string().trim().min(1).max(RULE_LIMITS.endUserId).optional(),
  metadata: z
    .string()
    .max(METADATA_MAX_BYTES * 2)
    .transform((text, ctx) => {
      try {
        const v = JSON.parse(text) as unknown;
        if (typeof v === "object" && v !== null && !Array.isArray(v) && Buffer.byteLength(text) <= METADATA_MAX_BYTES) return v as Record<string, unknown>;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: "custom", message: `${GATEWAY_HEADERS.metadata} must be a JSON object of at most ${METADATA_MAX_BYTES} bytes` });
      return z.NEVER;
    })
    .optional(),
  /** Any client id (at most 200 characters): a repeated id logs the call once. */
  requestId: z.string().trim().min(1).max(200).optional(),
});
export type GatewayHeaders = z.infer<typeof GatewayHeadersSchema>;
