import { DATADOG_PAYLOAD_TEMPLATE, DATADOG_SECRET_HEADER, DEFAULT_SETTINGS, NOTIFICATION_MIN_SEVERITIES, NOTIFICATION_SECRETS, NOTIFICATION_SETTING_KEYS, roleAllows, type NotificationChannel, type NotificationMinSeverity, type ProjectRoleName } from "@llmguard/domain/schemas";
import type { Rule } from "~/components/config/config-permissions";
import { errorCode, fieldErrors } from "~/trpc/errors";

/**
 * The pure parts of the incident settings page (integrations and notifications): labels, the Datadog
 * payload template, what a role may change, reading the settings out of the base config, the signing
 * secret and the message a failed test shows.
 */

export const INCIDENT_SETTINGS_TITLE = "Integrations & notifications";

export function incidentSettingsHref(projectId: string) {
  return `/projects/${projectId}/incidents/settings`;
}

/** The key of the base config that says what a Datadog "Recovered" alert does to its incident. */
export const ON_RECOVERED_KEY = "integrations.datadog.onRecovered";
export type OnRecovered = "mitigate" | "resolve";
export const ON_RECOVERED_CHOICES: { value: OnRecovered; label: string; hint: string }[] = [
  { value: "mitigate", label: "Mark it mitigated", hint: "Default. The incident stays on the list until someone resolves it; a new trigger reopens it." },
  { value: "resolve", label: "Resolve it", hint: "The incident is closed at once; the next trigger of the alert opens a new incident." },
];

/** The custom header and the payload template of the Datadog receiver (docs/incidents.md), from the domain. */
export { DATADOG_PAYLOAD_TEMPLATE, DATADOG_SECRET_HEADER };

/** The template as the user pastes it into Datadog's webhook "Payload" field. */
export const DATADOG_PAYLOAD_TEXT = JSON.stringify(DATADOG_PAYLOAD_TEMPLATE, null, 2);

/** Datadog's "Custom Headers" field (JSON) carrying the secret, the alternative to Basic auth. */
export function datadogCustomHeaders(secret: string): string {
  return JSON.stringify({ [DATADOG_SECRET_HEADER]: secret });
}

export const MIN_SEVERITY_LABELS: Record<NotificationMinSeverity, string> = {
  off: "Off — never notify",
  low: "Low and above (every incident)",
  medium: "Medium and above",
  high: "High and above",
  critical: "Critical only",
};

export const MIN_SEVERITY_OPTIONS = NOTIFICATION_MIN_SEVERITIES.map((value) => ({ value, label: MIN_SEVERITY_LABELS[value] }));

/** The secrets each channel needs before it can send (e-mail needs none). */
export const CHANNEL_SECRETS: Record<NotificationChannel, string[]> = {
  email: [],
  slack: [NOTIFICATION_SECRETS.slackUrl],
  webhook: [NOTIFICATION_SECRETS.webhookUrl, NOTIFICATION_SECRETS.webhookSigningSecret],
};

export interface IncidentSettingsValues {
  onRecovered: OnRecovered;
  minSeverity: Record<NotificationChannel, NotificationMinSeverity>;
}

const isMinSeverity = (v: unknown): v is NotificationMinSeverity => typeof v === "string" && (NOTIFICATION_MIN_SEVERITIES as readonly string[]).includes(v);

/** The settings as the server reads them: the stored value of the base config, else the default. */
export function readIncidentSettings(entries: readonly { key: string; value: unknown }[]): IncidentSettingsValues {
  const stored = new Map(entries.map((e) => [e.key, e.value]));
  const onRecovered = stored.get(ON_RECOVERED_KEY);
  const min = (channel: NotificationChannel): NotificationMinSeverity => {
    const key = NOTIFICATION_SETTING_KEYS[channel];
    const v = stored.get(key);
    return isMinSeverity(v) ? v : DEFAULT_SETTINGS[key];
  };
  return {
    onRecovered: onRecovered === "mitigate" || onRecovered === "resolve" ? onRecovered : DEFAULT_SETTINGS[ON_RECOVERED_KEY],
    minSeverity: { email: min("email"), slack: min("slack"), webhook: min("webhook") },
  };
}

/** What the current role may change on the page, and the sentence a disabled control shows otherwise. */
export interface IncidentSettingsRules {
  datadog: Rule;
  /** integrations.datadog.onRecovered and notifications.* live in the base config (protected). */
  config: Rule;
  secrets: Rule;
  test: Rule;
}

export function incidentSettingsRules(role: ProjectRoleName): IncidentSettingsRules {
  const you = `(you are ${role})`;
  return {
    datadog: { allowed: roleAllows(role, "integration.manage"), reason: `Connecting Datadog and rotating its secret needs the admin or owner role ${you}.` },
    config: {
      allowed: roleAllows(role, "config.writeProtected") && roleAllows(role, "notification.manage"),
      reason: `Changing these settings needs the admin or owner role ${you}.`,
    },
    secrets: { allowed: roleAllows(role, "secret.write"), reason: `Setting notification URLs and secrets needs the admin or owner role ${you}.` },
    test: { allowed: roleAllows(role, "notification.manage"), reason: `Sending a test notification needs the admin or owner role ${you}.` },
  };
}

/** 32 random bytes as 64 hex characters: the HMAC key of the signed webhook (NOTIFY_WEBHOOK_SIGNING_SECRET). */
export function generateSigningSecret(fill: (bytes: Uint8Array<ArrayBuffer>) => unknown = (b) => crypto.getRandomValues(b)): string {
  const bytes = new Uint8Array(32);
  fill(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A notification URL the server may accept: http(s) with a host. The server checks the rest (https
 * only, public addresses) when it sends; this catches a paste of the wrong thing.
 */
export function notificationUrlError(value: string): string | null {
  const v = value.trim();
  if (!v) return "Enter the URL";
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return "Enter a full URL, starting with https://";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https://";
  if (!url.hostname) return "The URL has no host";
  return null;
}

/**
 * The message a failed "Send test" shows: the server's own words ("Slack notifications are not
 * configured: the project secret NOTIFY_SLACK_WEBHOOK_URL is not set", "The webhook receiver answered
 * HTTP 500"). The generic errorMessage hides 5xx messages, but a receiver that failed or timed out (503
 * SERVICE_UNAVAILABLE) is exactly what a test is for; the server's messages name the channel, the secret
 * and the HTTP status, never the URL. Unexpected failures (INTERNAL) keep the generic text.
 */
export function testFailureMessage(err: unknown): string {
  const code = errorCode(err);
  if (!code) return "Could not reach the server. Check your connection and try again.";
  const message = err instanceof Error ? err.message.trim() : "";
  if (code !== "INTERNAL" && message && message !== "Internal server error") return message;
  const fields = Object.values(fieldErrors(err));
  return fields[0] ?? "The test could not be sent. Please try again.";
}
