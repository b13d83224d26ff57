import { z } from "zod";
import { ProjectIdSchema } from "../projects/project.schema";

/** Incidents (requirement 4, issue 9): client-safe shapes shared by tRPC, REST, the dashboard and jobs. */
export const INCIDENT_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const INCIDENT_STATUSES = ["open", "acknowledged", "mitigated", "resolved"] as const;
export const INCIDENT_TRIGGERS = ["latency", "error_rate", "high_risk", "cost_spike", "anomaly", "datadog", "manual"] as const;
/** Rules evaluated as requests are ingested; each can be switched off with `detection.disabledRules`. */
export const DETECTION_RULES = ["latency", "error_rate", "high_risk", "cost_spike", "anomaly"] as const;

export const IncidentSeveritySchema = z.enum(INCIDENT_SEVERITIES);
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export const IncidentTriggerSchema = z.enum(INCIDENT_TRIGGERS);
export const DetectionRuleSchema = z.enum(DETECTION_RULES);
export type IncidentSeverity = z.infer<typeof IncidentSeveritySchema>;
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;
export type IncidentTrigger = z.infer<typeof IncidentTriggerSchema>;
export type DetectionRule = z.infer<typeof DetectionRuleSchema>;

/** What one incident is about: the whole project, one end user, endpoint or model, or one alert cycle. */
export const IncidentScopeSchema = z.object({
  kind: z.enum(["project", "endUser", "endpoint", "model", "alert", "manual"]),
  value: z.string().nullable(),
});
export type IncidentScope = z.infer<typeof IncidentScopeSchema>;

export const IncidentIdSchema = z.uuid({ error: "incidentId must be a UUID" });

export const IncidentSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  title: z.string(),
  description: z.string(),
  severity: IncidentSeveritySchema,
  status: IncidentStatusSchema,
  trigger: IncidentTriggerSchema,
  scope: IncidentScopeSchema,
  occurrences: z.number().int(),
  firstSeenAt: z.date(),
  lastSeenAt: z.date(),
  createdAt: z.date(),
  resolvedAt: z.date().nullable(),
});
export type Incident = z.infer<typeof IncidentSchema>;

/** One of the six remediation actions an analysis recommends (the remediation issue applies them). */
export const REMEDIATION_ACTION_TYPES = ["switch_model", "increase_safety_threshold", "disable_endpoint", "change_system_prompt", "rate_limit_user", "reset_settings"] as const;
export const RecommendedActionSchema = z.object({
  type: z.enum(REMEDIATION_ACTION_TYPES),
  parameters: z.record(z.string(), z.unknown()),
  reason: z.string().max(2_000),
});
export type RecommendedAction = z.infer<typeof RecommendedActionSchema>;

/** The design's IncidentRCA plus where it came from and the actions it recommends. */
export const IncidentRcaSchema = z.object({
  source: z.enum(["openai", "heuristic"]),
  model: z.string().optional(),
  severity: IncidentSeveritySchema,
  rootCause: z.string(),
  recommendedFix: z.string(),
  affectedRequests: z.number().int().min(0),
  recommendedActions: z.array(RecommendedActionSchema),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
export type IncidentRca = z.infer<typeof IncidentRcaSchema>;

export const RelatedRequestSchema = z.object({
  id: z.string(),
  timestamp: z.date(),
  model: z.string(),
  latencyMs: z.number().int(),
  status: z.string(),
  riskScore: z.number().int(),
  endUserId: z.string().nullable(),
  endpoint: z.string().nullable(),
});
export type RelatedRequest = z.infer<typeof RelatedRequestSchema>;

export const IncidentEventSchema = z.object({
  at: z.date(),
  kind: z.string(),
  message: z.string(),
  actor: z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable() }).nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type IncidentEvent = z.infer<typeof IncidentEventSchema>;

export const IncidentDetailSchema = IncidentSchema.extend({
  evidence: z.record(z.string(), z.unknown()),
  rca: IncidentRcaSchema.nullable(),
  relatedRequests: z.array(RelatedRequestSchema),
  timeline: z.array(IncidentEventSchema),
});
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

export const ListIncidentsInputSchema = z.object({
  projectId: ProjectIdSchema,
  status: IncidentStatusSchema.optional(),
  severity: IncidentSeveritySchema.optional(),
  trigger: IncidentTriggerSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type ListIncidentsInput = z.infer<typeof ListIncidentsInputSchema>;

export const IncidentPageSchema = z.object({ items: z.array(IncidentSchema), nextCursor: z.string().nullable() });
export type IncidentPage = z.infer<typeof IncidentPageSchema>;

export const IncidentRefSchema = z.object({ incidentId: IncidentIdSchema });

export const AnalysisQueuedSchema = z.object({ incidentId: z.string(), status: z.literal("queued") });

/** Incidents not yet resolved, by severity (the project overview's badge). */
export const OpenIncidentCountsSchema = z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int(), critical: z.number().int() });
export type IncidentRef = z.infer<typeof IncidentRefSchema>;

export const CreateIncidentInputSchema = z.object({
  projectId: ProjectIdSchema,
  title: z.string().trim().min(1, "Title is required").max(200),
  severity: IncidentSeveritySchema,
  description: z.string().trim().max(10_000).default(""),
});
export type CreateIncidentInput = z.infer<typeof CreateIncidentInputSchema>;

export const IncidentStatusChangeInputSchema = z.object({
  incidentId: IncidentIdSchema,
  note: z.string().trim().max(2_000).optional(),
});
export type IncidentStatusChangeInput = z.infer<typeof IncidentStatusChangeInputSchema>;

/** Per-project detection settings: typed keys of the config store (`detection.*`), defaults from the design. */
export const DetectionSettingsSchema = z.object({
  latencyMs: z.number().int().min(1),
  errorRatePct: z.number().min(0).max(100),
  minRequests: z.number().int().min(1),
  highRiskScore: z.number().int().min(0).max(100),
  highRiskStreak: z.number().int().min(1).max(100),
  costSpikePct: z.number().min(0),
  anomalySigma: z.number().positive(),
  disabledRules: z.array(DetectionRuleSchema),
});
export type DetectionSettings = z.infer<typeof DetectionSettingsSchema>;
