import { z } from "zod";
import { ProjectIdSchema } from "../projects/project.schema";

/**
 * Incident notifications (issue 9): client-safe shapes shared by tRPC, REST, the dashboard and jobs.
 * Which channels fire is per project and per minimum severity (typed config keys `notifications.*`);
 * the destinations are project secrets (NOTIFICATION_SECRETS), never plain config.
 */
export const NOTIFICATION_CHANNELS = ["email", "slack", "webhook"] as const;
export const NotificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof NotificationChannelSchema>;

/** "off", or the lowest incident severity that notifies on a channel. */
export const NOTIFICATION_MIN_SEVERITIES = ["off", "low", "medium", "high", "critical"] as const;
export const NotificationMinSeveritySchema = z.enum(NOTIFICATION_MIN_SEVERITIES, { error: 'Use "off", "low", "medium", "high" or "critical"' });
export type NotificationMinSeverity = z.infer<typeof NotificationMinSeveritySchema>;

/** The typed config key that sets each channel's minimum severity. */
export const NOTIFICATION_SETTING_KEYS = {
  email: "notifications.email.minSeverity",
  slack: "notifications.slack.minSeverity",
  webhook: "notifications.webhook.minSeverity",
} as const satisfies Record<NotificationChannel, string>;

/** The project secrets that hold the destinations (set through the secrets API; values never logged). */
export const NOTIFICATION_SECRETS = {
  slackUrl: "NOTIFY_SLACK_WEBHOOK_URL",
  webhookUrl: "NOTIFY_WEBHOOK_URL",
  webhookSigningSecret: "NOTIFY_WEBHOOK_SIGNING_SECRET",
} as const;

/** The header that carries the webhook's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const NOTIFICATION_SIGNATURE_HEADER = "X-LLMGuard-Signature";

/** POST /api/v1/projects/{projectId}/notifications/test and tRPC `notification.test`. */
export const TestNotificationInputSchema = z.object({
  projectId: ProjectIdSchema,
  channel: NotificationChannelSchema,
});
export type TestNotificationInput = z.infer<typeof TestNotificationInputSchema>;

export const TestNotificationResultSchema = z.object({
  channel: NotificationChannelSchema,
  delivered: z.literal(true),
});
export type TestNotificationResult = z.infer<typeof TestNotificationResultSchema>;
