import { z } from "zod";
import { REMEDIATION_TYPES, RULE_LIMITS } from "@llmguard/guard";
import { EnvironmentNameSchema } from "../config/config.schema";
import { IncidentIdSchema } from "../incidents/incident.schema";
import { ProjectIdSchema } from "../projects/project.schema";
import { UserRefSchema } from "../users/user.schema";

/**
 * Remediation (issue 10): client-safe shapes shared by tRPC, REST (and so the OpenAPI document), the
 * dashboard and the jobs. An action's parameters are checked per type by one discriminated union; the
 * guard package reads the same limits (RULE_LIMITS) when the SDK and the server enforce the result.
 */
export { REMEDIATION_TYPES };
export const RemediationTypeSchema = z.enum(REMEDIATION_TYPES);
export type RemediationType = z.infer<typeof RemediationTypeSchema>;

export const REMEDIATION_STATUSES = ["applied", "failed", "rolled_back", "expired"] as const;
export const RemediationStatusSchema = z.enum(REMEDIATION_STATUSES);
export type RemediationStatus = z.infer<typeof RemediationStatusSchema>;

export const REMEDIATION_SOURCES = ["manual", "recommended", "automatic"] as const;
export const RemediationSourceSchema = z.enum(REMEDIATION_SOURCES);
export type RemediationSource = z.infer<typeof RemediationSourceSchema>;

/** A temporary action rolls itself back after this long (1 minute to 30 days). */
export const DurationMinutesSchema = z.number().int().min(1, "durationMinutes is 1–43,200 (30 days)").max(43_200, "durationMinutes is 1–43,200 (30 days)");

const model = (name: string) => z.string().trim().min(1, `${name} is required`).max(RULE_LIMITS.model, `${name} is at most ${RULE_LIMITS.model} characters`);
const endpoint = z.string().trim().min(1, "endpoint is required").max(RULE_LIMITS.endpoint, `endpoint is at most ${RULE_LIMITS.endpoint} characters`);

export const SwitchModelParametersSchema = z.strictObject({ to: model("to"), from: model("from").optional(), endpoint: endpoint.optional() });
export const ThresholdParametersSchema = z.strictObject({
  threshold: z.number().int("threshold is a whole number").min(0, "threshold is 0–100").max(100, "threshold is 0–100"),
});
export const DisableEndpointParametersSchema = z.strictObject({ endpoint });
export const SystemPromptParametersSchema = z.strictObject({
  prompt: z.string().max(RULE_LIMITS.systemPrompt, `prompt is at most ${RULE_LIMITS.systemPrompt.toLocaleString("en-US")} characters`),
  endpoint: endpoint.optional(),
});
export const RateLimitUserParametersSchema = z.strictObject({
  endUserId: z.string().trim().min(1, "endUserId is required").max(RULE_LIMITS.endUserId),
  requestsPerMinute: z.number().int().min(1, "requestsPerMinute is at least 1").max(RULE_LIMITS.requestsPerMinute),
  durationMinutes: DurationMinutesSchema.optional(),
});
export const ResetSettingsParametersSchema = z.strictObject({});

/** One action: `type` picks the parameters' shape; an unknown type or a bad parameter answers 400 with details. */
export const RemediationActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("switch_model"), parameters: SwitchModelParametersSchema }),
  z.object({ type: z.literal("increase_safety_threshold"), parameters: ThresholdParametersSchema }),
  z.object({ type: z.literal("disable_endpoint"), parameters: DisableEndpointParametersSchema }),
  z.object({ type: z.literal("change_system_prompt"), parameters: SystemPromptParametersSchema }),
  z.object({ type: z.literal("rate_limit_user"), parameters: RateLimitUserParametersSchema }),
  z.object({ type: z.literal("reset_settings"), parameters: ResetSettingsParametersSchema.default({}) }),
]);
export type RemediationAction = z.infer<typeof RemediationActionSchema>;

const applyOptions = {
  /** Where the change is written (default production; reset_settings always changes base, where settings live). */
  environment: EnvironmentNameSchema.default("production"),
  /** Undo the action automatically after this many minutes. */
  durationMinutes: DurationMinutesSchema.optional(),
  note: z.string().trim().max(2_000, "note is at most 2,000 characters").optional(),
  /** "recommended" when applying one of the analysis's recommended actions (the dashboard's Apply). */
  source: z.enum(["manual", "recommended"]).default("manual"),
};

/** POST /incidents/{incidentId}/remediations and remediation.apply: the action plus where and for how long. */
export const ApplyRemediationInputSchema = RemediationActionSchema.and(z.object({ incidentId: IncidentIdSchema, ...applyOptions }));
export type ApplyRemediationInput = z.infer<typeof ApplyRemediationInputSchema>;

export const RemediationIdSchema = z.uuid({ error: "remediationId must be a UUID" });
export const RemediationRefSchema = z.object({ remediationId: RemediationIdSchema });

export const RollbackRemediationInputSchema = z.object({
  remediationId: RemediationIdSchema,
  /** Restore even keys someone changed since the action (their change is overwritten). */
  force: z.boolean().default(false),
});
export type RollbackRemediationInput = z.infer<typeof RollbackRemediationInputSchema>;

/** One key an action changed: `before`/`after` are the environment's own values (absent = not set). */
export const RemediationChangeSchema = z.object({ key: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });
export type RemediationChange = z.infer<typeof RemediationChangeSchema>;

/**
 * The regression watch of one remediation: the incident's metric over the `remediation.verifyMinutes`
 * before the action (`before`) and after it (`after`), judged when the watch ends. "regressed" rolled the
 * action back automatically (when nobody changed its keys since); "recovered" improved by the margin;
 * "unchanged" neither; "inconclusive" lacked traffic; "not_measured" has no metric (datadog, manual);
 * "stopped": the action was rolled back or expired before the watch ended.
 */
export const WATCH_STATUSES = ["watching", "recovered", "unchanged", "regressed", "inconclusive", "not_measured", "stopped"] as const;
export const WATCH_METRICS = ["avg_latency_ms", "error_rate", "high_risk_rate", "cost_per_minute_usd"] as const;
export const RemediationWatchSchema = z.object({
  status: z.enum(WATCH_STATUSES),
  metric: z.enum(WATCH_METRICS).nullable(),
  /** The metric over the window before the action, and the requests it was measured on. */
  before: z.number().nullable(),
  beforeSamples: z.number().int(),
  /** The metric over the watch (null while watching). */
  after: z.number().nullable(),
  afterSamples: z.number().int(),
  windowMinutes: z.number().int(),
  marginPct: z.number(),
  verifyAt: z.date().nullable(),
  judgedAt: z.date().nullable(),
  /** One sentence for people: what was measured and what happened. */
  message: z.string(),
});
export type RemediationWatch = z.infer<typeof RemediationWatchSchema>;

export const RemediationSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  projectId: z.string(),
  type: RemediationTypeSchema,
  parameters: z.record(z.string(), z.unknown()),
  environment: z.string(),
  status: RemediationStatusSchema,
  source: RemediationSourceSchema,
  configVersion: z.number().int().nullable(),
  appliedBy: UserRefSchema.nullable(),
  appliedAt: z.date(),
  expiresAt: z.date().nullable(),
  rolledBackAt: z.date().nullable(),
  rolledBackBy: UserRefSchema.nullable(),
  rollbackVersion: z.number().int().nullable(),
  /** The keys the action changed, with their values before and after (what a rollback restores). */
  changes: z.array(RemediationChangeSchema),
  /** The regression watch (null for a failed attempt). */
  watch: RemediationWatchSchema.nullable(),
  /** note, automation (what triggered it), rollback (reason, conflicts), error (of a failed attempt). */
  metadata: z.record(z.string(), z.unknown()),
});
export type Remediation = z.infer<typeof RemediationSchema>;

export const RemediationListSchema = z.object({ items: z.array(RemediationSchema) });

export const ListProjectRemediationsInputSchema = z.object({
  projectId: ProjectIdSchema,
  status: RemediationStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type ListProjectRemediationsInput = z.infer<typeof ListProjectRemediationsInputSchema>;

export const RemediationPageSchema = z.object({ items: z.array(RemediationSchema), nextCursor: z.string().nullable() });
export type RemediationPage = z.infer<typeof RemediationPageSchema>;
