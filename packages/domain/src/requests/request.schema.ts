import { z } from "zod";
import { RiskFactorSchema } from "../risk/risk.schema";
import { EnforcementOutcomeSchema, GuardReasonSchema, ReportedEnforcementSchema } from "../remediation/enforcement.schema";

/** `blocked`: an enforcement point (SDK, gateway) stopped the call before the provider (issue 10). */
export const REQUEST_STATUSES = ["success", "error", "timeout", "blocked"] as const;
export const RequestStatusSchema = z.enum(REQUEST_STATUSES);

/** Who logged a call (issue 13): the REST ingest API (SDKs) or the OpenAI-compatible gateway. */
export const REQUEST_SOURCES = ["api", "gateway"] as const;
export const RequestSourceSchema = z.enum(REQUEST_SOURCES);
export type RequestSource = z.infer<typeof RequestSourceSchema>;

/** Metadata is a JSON object of at most 8 KB (serialized). */
export const METADATA_MAX_BYTES = 8 * 1024;
/** Largest prompt or response accepted (characters); a single request body is capped at 2 MB. */
export const TEXT_MAX_CHARS = 1_000_000;

const Tokens = z.number().int().min(0).max(100_000_000);

/** One LLM call as an SDK reports it (requirement 3.1, 3.2). */
export const IngestRecordSchema = z
  .object({
    id: z.uuid({ error: "id must be a UUID" }).optional(),
    prompt: z.string().max(TEXT_MAX_CHARS),
    response: z.string().max(TEXT_MAX_CHARS),
    model: z.string().trim().min(1, "model is required").max(200),
    latencyMs: z.number().int().min(0).max(86_400_000),
    promptTokens: Tokens.optional(),
    completionTokens: Tokens.optional(),
    totalTokens: Tokens.optional(),
    status: RequestStatusSchema,
    errorMessage: z.string().max(10_000).optional(),
    endUserId: z.string().max(200).optional(),
    endpoint: z.string().max(200).optional(),
    /** The model the caller asked for, when a switch_model rule sent the call to `model` instead. */
    requestedModel: z.string().trim().min(1).max(200).optional(),
    /** What the SDK's guard did to the call (blocked or modified, with the rules that applied). */
    enforcement: ReportedEnforcementSchema.optional(),
    metadata: z
      .record(z.string(), z.unknown())
      .refine((m) => Buffer.byteLength(JSON.stringify(m)) <= METADATA_MAX_BYTES, `metadata must be at most ${METADATA_MAX_BYTES} bytes of JSON`)
      .optional(),
    timestamp: z.coerce.date().optional(),
  })
  .strict();
export type IngestRecord = z.infer<typeof IngestRecordSchema>;

export const IngestResultSchema = z.object({
  id: z.string(),
  riskScore: z.number().int(),
  riskFactors: z.array(RiskFactorSchema),
  flagged: z.boolean(),
  costUsd: z.number().nullable(),
});
export type IngestResult = z.infer<typeof IngestResultSchema>;

export const MAX_BATCH_RECORDS = 500;

/** The SDK's batch envelope; each record is validated on its own so one bad record fails alone. */
export const IngestBatchSchema = z.object({
  records: z.array(z.unknown()).min(1, "records must not be empty").max(MAX_BATCH_RECORDS, `at most ${MAX_BATCH_RECORDS} records per batch`),
});

export const BatchRecordResultSchema = z.discriminatedUnion("ok", [
  IngestResultSchema.extend({ index: z.number().int(), ok: z.literal(true), duplicate: z.boolean() }),
  z.object({
    index: z.number().int(),
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
  }),
]);
export const IngestBatchResultSchema = z.object({ results: z.array(BatchRecordResultSchema) });
export type IngestBatchResult = z.infer<typeof IngestBatchResultSchema>;

// ---- log search (requirement 7; the design's LogQuery plus status, endUserId, endpoint, keyset cursor)

export const SORT_FIELDS = ["timestamp", "latency", "riskScore", "model"] as const;

export const LogQuerySchema = z
  .object({
    projectId: z.uuid({ error: "projectId must be a UUID" }),
    search: z.string().trim().max(500).optional(),
    model: z.string().trim().max(200).optional(),
    minRiskScore: z.coerce.number().int().min(0).max(100).optional(),
    maxRiskScore: z.coerce.number().int().min(0).max(100).optional(),
    startDate: z.coerce.date().optional(),
    endDate: z.coerce.date().optional(),
    status: RequestStatusSchema.optional(),
    endUserId: z.string().max(200).optional(),
    endpoint: z.string().max(200).optional(),
    /** What the guard did (issue 10): blocked, modified, or would_block (an active rule blocks such calls). */
    enforcement: EnforcementOutcomeSchema.optional(),
    /** Who logged the call (issue 13): `api` (REST ingest and the SDKs) or `gateway`. */
    source: RequestSourceSchema.optional(),
    sortBy: z.enum(SORT_FIELDS).default("timestamp"),
    sortOrder: z.enum(["asc", "desc"]).default("desc"),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(500).optional(),
  })
  .refine((q) => q.minRiskScore === undefined || q.maxRiskScore === undefined || q.minRiskScore <= q.maxRiskScore, {
    error: "minRiskScore must not exceed maxRiskScore",
    path: ["minRiskScore"],
  })
  .refine((q) => !q.startDate || !q.endDate || q.startDate <= q.endDate, { error: "startDate must not be after endDate", path: ["startDate"] });
export type LogQuery = z.infer<typeof LogQuerySchema>;

export const PREVIEW_CHARS = 200;

export const LogResultSchema = z.object({
  id: z.string(),
  timestamp: z.date(),
  model: z.string(),
  status: RequestStatusSchema,
  latencyMs: z.number().int(),
  totalTokens: z.number().int(),
  costUsd: z.number().nullable(),
  riskScore: z.number().int(),
  flagged: z.boolean(),
  promptPreview: z.string(),
  responsePreview: z.string(),
  endUserId: z.string().nullable(),
  endpoint: z.string().nullable(),
  enforcement: EnforcementOutcomeSchema.nullable(),
  /** Who logged the call: the REST ingest API (SDKs) or the gateway (issue 13). */
  source: RequestSourceSchema,
});
export type LogResult = z.infer<typeof LogResultSchema>;

export const LogPageSchema = z.object({ items: z.array(LogResultSchema), nextCursor: z.string().nullable() });
export type LogPage = z.infer<typeof LogPageSchema>;

export const RequestRefSchema = z.object({ projectId: z.uuid(), id: z.uuid({ error: "id must be a UUID" }) });

export const RequestDetailSchema = LogResultSchema.omit({ promptPreview: true, responsePreview: true }).extend({
  prompt: z.string(),
  response: z.string(),
  errorMessage: z.string().nullable(),
  promptTokens: z.number().int().nullable(),
  completionTokens: z.number().int().nullable(),
  riskFactors: z.array(RiskFactorSchema),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  receivedAt: z.date(),
  /** The model asked for when a switch_model rule changed it, and the rules that applied (issue 10). */
  requestedModel: z.string().nullable(),
  enforcementReasons: z.array(GuardReasonSchema),
});
export type RequestDetail = z.infer<typeof RequestDetailSchema>;
