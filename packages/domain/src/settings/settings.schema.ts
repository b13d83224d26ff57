import { z } from "zod";
import { UserRefSchema } from "../users/user.schema";
import { NotificationMinSeveritySchema, type NotificationMinSeverity } from "../notifications/notification.schema";
import { INCIDENT_TRIGGERS, IncidentSeveritySchema, type IncidentSeverity, type IncidentTrigger } from "../incidents/incident.schema";
import { EnvironmentNameSchema } from "../config/config.schema";
import { SecretNameSchema } from "../secrets/secret.schema";
import { REDACTION_MODES, RISK_DEFAULT_THRESHOLD, type RedactionMode } from "../risk";

/**
 * Project settings (requirement 8.3/8.4) are typed keys of the configuration store. The key names are the
 * ones SDKs and the Config & Secrets module use; the field names are the design's ProjectSettings.
 */
export const SETTINGS_KEYS = {
  preferredModel: "llm.model",
  safetyThreshold: "guard.riskThreshold",
  rateLimit: "limits.requestsPerMinute",
  systemPrompt: "llm.systemPrompt",
  blockedKeywords: "guard.blockedKeywords",
  allowlist: "guard.allowlist",
  redaction: "guard.redaction",
  priceOverrides: "pricing.overrides",
} as const;

export const SettingValueSchemas = {
  "llm.model": z.string().trim().min(1, "Model is required").max(100),
  /** Requests whose risk score is at or above this (0–100) are flagged. */
  "guard.riskThreshold": z.number().int().min(0, "Threshold is 0–100").max(100, "Threshold is 0–100"),
  "limits.requestsPerMinute": z.number().int().min(1, "At least 1 request per minute").max(60_000_000),
  "llm.systemPrompt": z.string().max(20_000, "System prompt must be at most 20,000 characters"),
  /** Extra words that add risk points in this project (risk factor blocked_keyword). */
  "guard.blockedKeywords": z.array(z.string().trim().min(1).max(100)).max(200),
  /** Phrases that must never count toward risk (false positives are scanners' first complaint). */
  "guard.allowlist": z.array(z.string().trim().min(1).max(500)).max(200),
  /**
   * What ingest replaces by typed placeholders before a prompt and response are stored: nothing, detected
   * secrets, or secrets and personal data (issue 12). Scores are computed before redaction.
   */
  "guard.redaction": z.enum(REDACTION_MODES, { error: `guard.redaction is one of ${REDACTION_MODES.join(", ")}` }),
  /** USD per 1K tokens for models the default table lacks or prices differently. */
  "pricing.overrides": z.record(z.string().trim().min(1).max(200), z.object({ input: z.number().min(0).max(1000), output: z.number().min(0).max(1000) })),
  /** Incident detection (issue 9): a request slower than this opens a latency incident. */
  "detection.latencyMs": z.number().int().min(1).max(86_400_000),
  /** Error rate over the last hour, in percent, above which an error-rate incident opens… */
  "detection.errorRatePct": z.number().min(0).max(100),
  /** …once at least this many requests were seen in that hour. */
  "detection.minRequests": z.number().int().min(1).max(1_000_000),
  /** Risk scores above this count toward a high-risk streak… */
  "detection.highRiskScore": z.number().int().min(0).max(100),
  /** …of this many consecutive requests (of the project, an end user or an endpoint). */
  "detection.highRiskStreak": z.number().int().min(1).max(100),
  /** Cost of the current hour, in percent above the hourly average of the last 7 days, that opens a cost incident. */
  "detection.costSpikePct": z.number().min(0).max(100_000),
  /** Standard deviations from the 7-day baseline that the hourly statistics call an anomaly. */
  "detection.anomalySigma": z.number().min(0.5).max(20),
  /** Rules switched off for this project. */
  "detection.disabledRules": z.array(z.enum(["latency", "error_rate", "high_risk", "cost_spike", "anomaly"])).max(5),
  /** Root-cause analysis (issue 9): the OpenAI model; "" = the server's OPENAI_RCA_MODEL. */
  "rca.model": z.string().trim().max(100),
  /** An OpenAI-compatible base URL used with the project's own OPENAI_API_KEY secret; "" = the server's. */
  "rca.baseUrl": z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "rca.baseUrl must be an http(s) URL" })]),
  /** Datadog webhook (issue 9): what a Recovered alert does to its incident. */
  "integrations.datadog.onRecovered": z.enum(["mitigate", "resolve"], { error: "integrations.datadog.onRecovered is mitigate or resolve" }),
  /** Notifications (issue 9): the lowest incident severity e-mailed to the owner and admins ("off" = never). */
  "notifications.email.minSeverity": NotificationMinSeveritySchema,
  /** …posted to the Slack incoming webhook in the NOTIFY_SLACK_WEBHOOK_URL secret. */
  "notifications.slack.minSeverity": NotificationMinSeveritySchema,
  /** …posted, signed, to the NOTIFY_WEBHOOK_URL secret. */
  "notifications.webhook.minSeverity": NotificationMinSeveritySchema,
  /** Remediation automation (issue 10): apply the analysis's first recommended action by itself. Off by default. */
  "remediation.automation.enabled": z.boolean({ error: "remediation.automation.enabled is true or false" }),
  /** …for incidents with these triggers… */
  "remediation.automation.triggers": z.array(z.enum(INCIDENT_TRIGGERS)).max(INCIDENT_TRIGGERS.length),
  /** …of at least this severity… */
  "remediation.automation.minSeverity": IncidentSeveritySchema,
  /** …at most this many automatic actions per rolling hour… */
  "remediation.automation.maxPerHour": z.number().int().min(1, "At least 1 action per hour").max(100, "At most 100 actions per hour"),
  /** …written to this environment (where the SDKs that should change read their config)… */
  "remediation.automation.environment": EnvironmentNameSchema,
  /** …which may be production (or base) only when this says so. */
  "remediation.automation.allowProduction": z.boolean({ error: "remediation.automation.allowProduction is true or false" }),
  /** After any action, how long to watch the incident's metric before judging it (minutes). */
  "remediation.verifyMinutes": z.number().int().min(1, "At least 1 minute").max(1_440, "At most 1,440 minutes (a day)"),
  /** How much worse than before the action (percent) the metric must get for an automatic rollback. */
  "remediation.verifyMarginPct": z.number().min(0).max(1_000),
  /** Gateway (issue 13): the OpenAI-compatible API calls are forwarded to (OpenAI, Azure OpenAI, vLLM, Ollama, Groq...). */
  "gateway.upstream.baseUrl": z.url({ protocol: /^https?$/, error: "gateway.upstream.baseUrl must be an http(s) URL" }).max(2_000),
  /** …with the key held in this secret of the project's secrets store (the name, never the key). */
  "gateway.upstream.secret": SecretNameSchema,
  /** …waiting at most this long for the answer's headers (per attempt). */
  "gateway.timeoutMs": z.number().int().min(100, "At least 100 ms").max(600_000, "At most 600,000 ms"),
  /** …and on 429 or 5xx retrying with these models, in order. */
  "gateway.fallbackModels": z.array(z.string().trim().min(1).max(200)).max(5, "At most 5 fallback models"),
} as const;

export const DEFAULT_SETTINGS = {
  "llm.model": "gpt-4o-mini",
  /** The scorer is calibrated to this threshold: one confident finding reaches it (docs/risk.md). */
  "guard.riskThreshold": RISK_DEFAULT_THRESHOLD,
  /**
   * Ingested records per minute per project: high enough that a busy production app (thousands of
   * LLM calls a second) never meets it untuned; it stops runaway clients. Plans cap monthly volume.
   */
  "limits.requestsPerMinute": 300_000,
  "llm.systemPrompt": "",
  "guard.blockedKeywords": [] as string[],
  "guard.allowlist": [] as string[],
  "guard.redaction": "secrets" as RedactionMode,
  "pricing.overrides": {} as Record<string, { input: number; output: number }>,
  "detection.latencyMs": 5000,
  "detection.errorRatePct": 10,
  "detection.minRequests": 20,
  "detection.highRiskScore": 80,
  "detection.highRiskStreak": 3,
  "detection.costSpikePct": 50,
  "detection.anomalySigma": 3,
  "detection.disabledRules": [] as ("latency" | "error_rate" | "high_risk" | "cost_spike" | "anomaly")[],
  "rca.model": "",
  "rca.baseUrl": "",
  "integrations.datadog.onRecovered": "mitigate" as "mitigate" | "resolve",
  "notifications.email.minSeverity": "high" as NotificationMinSeverity,
  "notifications.slack.minSeverity": "off" as NotificationMinSeverity,
  "notifications.webhook.minSeverity": "off" as NotificationMinSeverity,
  "remediation.automation.enabled": false as boolean,
  "remediation.automation.triggers": ["latency", "error_rate", "high_risk", "cost_spike"] as IncidentTrigger[],
  "remediation.automation.minSeverity": "high" as IncidentSeverity,
  "remediation.automation.maxPerHour": 3,
  "remediation.automation.environment": "production",
  "remediation.automation.allowProduction": false as boolean,
  "remediation.verifyMinutes": 15,
  "remediation.verifyMarginPct": 20,
  "gateway.upstream.baseUrl": "https://api.openai.com/v1",
  "gateway.upstream.secret": "OPENAI_API_KEY",
  "gateway.timeoutMs": 60_000,
  "gateway.fallbackModels": [] as string[],
} as const;

/** A typed key's stored value when it is valid, else its default (a bad stored value never breaks a reader). */
export function settingOrDefault<K extends keyof typeof SettingValueSchemas & keyof typeof DEFAULT_SETTINGS>(values: Record<string, unknown>, key: K): z.infer<(typeof SettingValueSchemas)[K]> {
  const parsed = SettingValueSchemas[key].safeParse(values[key]);
  return (parsed.success ? parsed.data : DEFAULT_SETTINGS[key]) as z.infer<(typeof SettingValueSchemas)[K]>;
}

export const ProjectSettingsSchema = z.object({
  projectId: z.string(),
  name: z.string(),
  preferredModel: z.string(),
  safetyThreshold: z.number().int(),
  rateLimit: z.number().int(),
  systemPrompt: z.string(),
  blockedKeywords: z.array(z.string()),
  allowlist: z.array(z.string()),
  redaction: z.enum(REDACTION_MODES),
  priceOverrides: z.record(z.string(), z.object({ input: z.number(), output: z.number() })),
  version: z.number().int(),
  updatedAt: z.date(),
});
export type ProjectSettings = z.infer<typeof ProjectSettingsSchema>;

export const UpdateProjectSettingsInputSchema = z
  .object({
    projectId: z.uuid({ error: "projectId must be a UUID" }),
    name: z.string().trim().min(1, "Name is required").max(100).optional(),
    preferredModel: SettingValueSchemas["llm.model"].optional(),
    safetyThreshold: SettingValueSchemas["guard.riskThreshold"].optional(),
    rateLimit: SettingValueSchemas["limits.requestsPerMinute"].optional(),
    systemPrompt: SettingValueSchemas["llm.systemPrompt"].optional(),
    blockedKeywords: SettingValueSchemas["guard.blockedKeywords"].optional(),
    allowlist: SettingValueSchemas["guard.allowlist"].optional(),
    redaction: SettingValueSchemas["guard.redaction"].optional(),
    priceOverrides: SettingValueSchemas["pricing.overrides"].optional(),
    message: z.string().trim().max(500).optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== "projectId" && k !== "message"), { error: "Nothing to update" });
export type UpdateProjectSettingsInput = z.infer<typeof UpdateProjectSettingsInputSchema>;

export const SettingsVersionSchema = z.object({
  version: z.number().int(),
  createdAt: z.date(),
  message: z.string().nullable(),
  author: UserRefSchema.nullable(),
  changes: z.array(z.object({ key: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type SettingsVersion = z.infer<typeof SettingsVersionSchema>;

/** REST envelope of GET /api/v1/projects/{projectId}/settings/history. */
export const SettingsVersionListSchema = z.object({ versions: z.array(SettingsVersionSchema) });
export type SettingsVersionList = z.infer<typeof SettingsVersionListSchema>;
