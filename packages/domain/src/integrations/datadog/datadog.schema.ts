import { z } from "zod";
import { ProjectIdSchema } from "../../projects/project.schema";

/**
 * The Datadog webhook (issue 9): client-safe shapes shared by tRPC, REST and the dashboard. Datadog
 * cannot sign a body, so the webhook takes a per-project shared secret (see datadog-auth.ts).
 */

/** Largest webhook body accepted; larger answers 413 before anything is parsed. */
export const DATADOG_MAX_BODY_BYTES = 64 * 1024;

/** The custom header a Datadog webhook sends the secret in (Datadog's "Custom Headers"). */
export const DATADOG_SECRET_HEADER = "X-LLMGuard-Webhook-Secret";
/** For relays that can sign: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const DATADOG_SIGNATURE_HEADER = "X-LLMGuard-Signature";
/** A signature whose `t` is further than this from the server's clock is refused (replays, clock skew). */
export const DATADOG_SIGNATURE_TOLERANCE_SECONDS = 300;

export const DATADOG_ON_RECOVERED = ["mitigate", "resolve"] as const;
export type DatadogOnRecovered = (typeof DATADOG_ON_RECOVERED)[number];

/**
 * The payload to paste into Datadog's webhook "Payload" field: every variable the receiver reads, under
 * the field names of Datadog's default payload where it has one (`id`, `title`, `body`, `date`), so one
 * parser reads both. Documented in docs/incidents.md.
 */
export const DATADOG_PAYLOAD_TEMPLATE = {
  id: "$ID",
  alert_id: "$ALERT_ID",
  alert_cycle_key: "$ALERT_CYCLE_KEY",
  aggreg_key: "$AGGREG_KEY",
  title: "$EVENT_TITLE",
  body: "$EVENT_MSG",
  alert_transition: "$ALERT_TRANSITION",
  alert_priority: "$ALERT_PRIORITY",
  alert_type: "$ALERT_TYPE",
  date: "$DATE",
  link: "$LINK",
  tags: "$TAGS",
  alert_metric: "$ALERT_METRIC",
  alert_status: "$ALERT_STATUS",
  alert_scope: "$ALERT_SCOPE",
} as const;

export const DatadogIntegrationStatusSchema = z.object({
  kind: z.literal("datadog"),
  configured: z.boolean(),
  /** Where Datadog posts: `<APP_URL>/webhooks/datadog?projectId=<id>`. */
  url: z.string(),
  /** The HTTP Basic user name (the project id); the password is the secret. */
  basicAuthUsername: z.string(),
  createdAt: z.date().nullable(),
  rotatedAt: z.date().nullable(),
  lastReceivedAt: z.date().nullable(),
});
export type DatadogIntegrationStatus = z.infer<typeof DatadogIntegrationStatusSchema>;

/** The answer of configure/rotate: the only time the secret is shown. */
export const DatadogIntegrationCreatedSchema = DatadogIntegrationStatusSchema.extend({
  secret: z.string(),
  headerName: z.literal(DATADOG_SECRET_HEADER),
});
export type DatadogIntegrationCreated = z.infer<typeof DatadogIntegrationCreatedSchema>;

export const DatadogIntegrationRefSchema = z.object({ projectId: ProjectIdSchema });

export const DATADOG_WEBHOOK_ACTIONS = ["opened", "updated", "reopened", "mitigated", "resolved", "ignored", "duplicate"] as const;
export const DatadogWebhookResultSchema = z.object({
  received: z.literal(true),
  /** What this delivery did; `duplicate` for a redelivered event id (nothing changed). */
  action: z.enum(DATADOG_WEBHOOK_ACTIONS),
  incidentId: z.string().nullable(),
});
export type DatadogWebhookResult = z.infer<typeof DatadogWebhookResultSchema>;
