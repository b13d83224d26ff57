import type { Prisma } from "@llmguard/db";
import type { App } from "../app";
import { latestConfigVersion } from "../config/config-store";
import type { Incident, IncidentRca, IncidentSeverity } from "../incidents/incident.schema";
import { toIncident } from "../incidents/incident.service";
import { readStoredRca } from "../incidents/rca/rca.service";
import { requireProjectAccess } from "../projects/permissions";
import { loadSecretValues } from "../secrets/secret.service";
import { DEFAULT_SETTINGS, SettingValueSchemas } from "../settings/settings.schema";
import { describeError, DomainError, notFound } from "../shared/errors";
import { emailFor, incidentLink, slackMessageFor, webhookPayloadFor, type NotificationSubject } from "./messages";
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_SECRETS,
  NOTIFICATION_SETTING_KEYS,
  NOTIFICATION_SIGNATURE_HEADER,
  type NotificationChannel,
  type NotificationMinSeverity,
  type TestNotificationResult,
} from "./notification.schema";
import { postJson } from "./post-json";
import type { UrlPolicy } from "./safe-url";
import { signatureHeader } from "./signature";

/**
 * Incident notifications (issue 9): e-mail to the project's owner and admins, a Slack incoming webhook,
 * and a generic signed webhook, each with its own minimum severity.
 *
 * `notifyIncident` is what the `notify-incident` job calls, once per channel (one job step each). Every
 * attempt goes on the incident's timeline (kind "notification"; the message names the channel and the
 * outcome, never the URL). A failed delivery throws for the job engine: 5xx, 429, timeouts and network
 * failures as SERVICE_UNAVAILABLE (retried), a 4xx answer or a refused URL as VALIDATION_FAILED (not
 * retried). A channel whose last outcome is final (delivered, rejected, not configured) is not sent again,
 * so a retry of the whole job (the inline runner re-runs every step) never repeats a delivered e-mail.
 *
 * The root-cause analysis runs as its own job from the same event; a notification includes it when it is
 * already stored and does not wait for it (an alert's worth is its speed; the link shows the analysis).
 */

/** The outcome of one channel for one incident. Failures throw instead (and are on the timeline). */
export type NotificationOutcome = "delivered" | "skipped" | "not_configured" | "already_done";

export interface NotifyIncidentResult {
  incidentId: string;
  results: { channel: NotificationChannel; outcome: NotificationOutcome }[];
}

const LABEL: Record<NotificationChannel, string> = { email: "E-mail", slack: "Slack", webhook: "Webhook" };
const SEVERITY_RANK: Record<IncidentSeverity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

/** True when a channel set to `min` notifies an incident of `severity`. */
export function meetsMinSeverity(severity: IncidentSeverity, min: NotificationMinSeverity): boolean {
  return min !== "off" && SEVERITY_RANK[severity] >= SEVERITY_RANK[min];
}

/** Each channel's minimum severity from the project's base config (defaults: e-mail high, others off). */
export async function readNotificationSettings(app: App, projectId: string): Promise<Record<NotificationChannel, NotificationMinSeverity>> {
  const values = (await latestConfigVersion(app.db, projectId))?.values ?? {};
  const out = {} as Record<NotificationChannel, NotificationMinSeverity>;
  for (const channel of NOTIFICATION_CHANNELS) {
    const key = NOTIFICATION_SETTING_KEYS[channel];
    const parsed = SettingValueSchemas[key].safeParse(values[key]);
    out[channel] = parsed.success ? parsed.data : DEFAULT_SETTINGS[key];
  }
  return out;
}

function urlPolicy(app: App): UrlPolicy {
  return { allowPrivate: app.env.NOTIFICATIONS_ALLOW_PRIVATE_URLS };
}

type Destination =
  | { channel: "email"; recipients: string[] }
  | { channel: "slack"; url: string }
  | { channel: "webhook"; url: string; signingSecret: string };

/** Where a channel delivers, or why it cannot (naming the secrets to set). */
async function destinationOf(app: App, projectId: string, channel: NotificationChannel): Promise<Destination | { missing: string }> {
  if (channel === "email") {
    const members = await app.db.projectMember.findMany({ where: { projectId, role: { in: ["owner", "admin"] } }, select: { user: { select: { email: true } } }, orderBy: { createdAt: "asc" } });
    const recipients = [...new Set(members.map((m) => m.user.email))];
    return recipients.length > 0 ? { channel, recipients } : { missing: "the project has no owner or admin to e-mail" };
  }
  const names = channel === "slack" ? [NOTIFICATION_SECRETS.slackUrl] : [NOTIFICATION_SECRETS.webhookUrl, NOTIFICATION_SECRETS.webhookSigningSecret];
  const values = await loadSecretValues(app, app.db, projectId, names);
  const read = (name: string) => values.get(name)?.value.trim() || null;
  const missing = names.filter((n) => !read(n));
  if (missing.length > 0) return { missing: missing.length > 1 ? `the project secrets ${missing.join(" and ")} are not set` : `the project secret ${missing[0]} is not set` };
  if (channel === "slack") return { channel, url: read(NOTIFICATION_SECRETS.slackUrl)! };
  return { channel, url: read(NOTIFICATION_SECRETS.webhookUrl)!, signingSecret: read(NOTIFICATION_SECRETS.webhookSigningSecret)! };
}

/** Sends one notification; returns what the timeline says about it. Throws as described above. */
async function deliver(app: App, dest: Destination, subject: NotificationSubject): Promise<string> {
  const policy = urlPolicy(app);
  if (dest.channel === "email") {
    for (const to of dest.recipients) {
      try {
        await app.mailer.send(emailFor(subject, to));
      } catch (err) {
        throw new DomainError("SERVICE_UNAVAILABLE", "The e-mail could not be sent", { details: { receiver: "E-mail" }, cause: err });
      }
    }
    return `sent to ${dest.recipients.length} recipient${dest.recipients.length === 1 ? "" : "s"} (owner and admins)`;
  }
  if (dest.channel === "slack") {
    await postJson({ target: { url: dest.url, secretName: NOTIFICATION_SECRETS.slackUrl, label: "Slack" }, body: JSON.stringify(slackMessageFor(subject)), policy });
    return "delivered";
  }
  const body = JSON.stringify(webhookPayloadFor(subject));
  await postJson({
    target: { url: dest.url, secretName: NOTIFICATION_SECRETS.webhookUrl, label: "The webhook receiver" },
    body,
    headers: { [NOTIFICATION_SIGNATURE_HEADER]: signatureHeader(dest.signingSecret, body) },
    policy,
  });
  return "delivered (signed)";
}

interface ChannelHistory {
  /** A final outcome was recorded: delivered, rejected or not configured. */
  done: boolean;
  failedAttempts: number;
}

const FINAL_OUTCOMES = new Set(["delivered", "rejected", "not_configured"]);

async function historyOf(app: App, incidentId: string): Promise<Map<string, ChannelHistory>> {
  const events = await app.db.incidentEvent.findMany({ where: { incidentId, kind: "notification" }, select: { data: true } });
  const out = new Map<string, ChannelHistory>();
  for (const e of events) {
    const data = (e.data ?? {}) as { channel?: unknown; outcome?: unknown };
    if (typeof data.channel !== "string") continue;
    const h = out.get(data.channel) ?? { done: false, failedAttempts: 0 };
    if (FINAL_OUTCOMES.has(String(data.outcome))) h.done = true;
    if (data.outcome === "failed") h.failedAttempts++;
    out.set(data.channel, h);
  }
  return out;
}

async function record(app: App, incidentId: string, message: string, data: Record<string, unknown>): Promise<void> {
  await app.db.incidentEvent.create({ data: { incidentId, kind: "notification", message, data: data as Prisma.InputJsonValue } });
}

/**
 * Issue 9: notifies the channels whose minimum severity the incident meets (only `channel` when given).
 * Each delivery is recorded on the timeline. When a channel fails, the others are still tried, then the
 * failure is thrown (a retryable one first, so the job engine retries). NOT_FOUND when the incident is gone.
 */
export async function notifyIncident(params: { app: App; incidentId: string; channel?: NotificationChannel }): Promise<NotifyIncidentResult> {
  const { app, incidentId } = params;
  const row = await app.db.incident.findUnique({ where: { id: incidentId }, include: { project: { select: { id: true, name: true } } } });
  if (!row) throw notFound("Incident");
  const [mins, history] = await Promise.all([readNotificationSettings(app, row.projectId), historyOf(app, row.id)]);
  const evidence = row.evidence && typeof row.evidence === "object" && !Array.isArray(row.evidence) ? (row.evidence as Record<string, unknown>) : {};
  const subject: NotificationSubject = {
    incident: { ...toIncident(row), evidence, rca: row.rca ? readStoredRca(row.rca) : null },
    project: row.project,
    link: incidentLink(app.env.APP_URL, row.projectId, row.id),
  };
  const log = app.logger.child({ incidentId: row.id, projectId: row.projectId });
  const results: NotifyIncidentResult["results"] = [];
  const failures: unknown[] = [];

  for (const channel of params.channel ? [params.channel] : NOTIFICATION_CHANNELS) {
    if (!meetsMinSeverity(row.severity, mins[channel])) {
      results.push({ channel, outcome: "skipped" });
      continue;
    }
    const past = history.get(channel) ?? { done: false, failedAttempts: 0 };
    if (past.done) {
      results.push({ channel, outcome: "already_done" });
      continue;
    }
    const dest = await destinationOf(app, row.projectId, channel);
    if ("missing" in dest) {
      await record(app, row.id, `${LABEL[channel]} notification not sent: ${dest.missing}`, { channel, outcome: "not_configured" });
      log.warn({ channel }, "incident notification not sent: channel not configured");
      results.push({ channel, outcome: "not_configured" });
      continue;
    }
    const attempt = past.failedAttempts + 1;
    const onAttempt = attempt > 1 ? ` on attempt ${attempt}` : "";
    try {
      const what = await deliver(app, dest, subject);
      await record(app, row.id, `${LABEL[channel]} notification ${what}${onAttempt}`, { channel, outcome: "delivered", attempt });
      log.info({ channel, attempt }, "incident notification delivered");
      results.push({ channel, outcome: "delivered" });
    } catch (err) {
      const d = describeError(err);
      const retryable = d.status >= 500;
      const why = d.code === "INTERNAL" ? "an unexpected error" : d.message;
      const receiverStatus = typeof d.details?.receiverStatus === "number" ? d.details.receiverStatus : undefined;
      await record(app, row.id, retryable ? `${LABEL[channel]} notification failed on attempt ${attempt} (retryable): ${why}` : `${LABEL[channel]} notification not delivered (not retried): ${why}`, {
        channel,
        outcome: retryable ? "failed" : "rejected",
        attempt,
        ...(receiverStatus !== undefined ? { receiverStatus } : {}),
      });
      log[d.logLevel]({ channel, attempt, code: d.code, receiverStatus, retryable, ...(d.code === "INTERNAL" ? { err } : {}) }, "incident notification failed");
      failures.push(err);
    }
  }
  if (failures.length > 0) throw failures.find((e) => describeError(e).status >= 500) ?? failures[0];
  return { incidentId: row.id, results };
}

/** What a test notification shows: a plausible incident, marked as a test. */
function sampleSubject(app: App, project: { id: string; name: string }): NotificationSubject {
  const now = new Date();
  const rca: IncidentRca = {
    source: "heuristic",
    severity: "high",
    rootCause: "This is a sample analysis: requests to gpt-4o-mini slowed down after the provider degraded.",
    recommendedFix: "Nothing to do: this is a test notification.",
    affectedRequests: 3,
    recommendedActions: [],
    metadata: {},
    createdAt: now,
  };
  const incident: Incident = {
    id: "00000000-0000-4000-8000-000000000000",
    projectId: project.id,
    title: "Test notification: latency above 5000 ms on gpt-4o-mini",
    description: "A sample incident sent from the notification settings.",
    severity: "high",
    status: "open",
    trigger: "latency",
    scope: { kind: "model", value: "gpt-4o-mini" },
    occurrences: 1,
    firstSeenAt: now,
    lastSeenAt: now,
    createdAt: now,
    resolvedAt: null,
  };
  return {
    incident: { ...incident, evidence: { metric: "latencyMs", threshold: 5000, maxLatencyMs: 7500, requestIds: [] }, rca },
    project,
    link: `${app.env.APP_URL.replace(/\/+$/, "")}/projects/${project.id}/incidents`,
    test: true,
  };
}

/**
 * Issue 9: an admin sends a sample to one channel now, whatever its minimum severity, to check the
 * configuration. Answers `{ channel, delivered: true }`, or the delivery's error: VALIDATION_FAILED when
 * the channel is not configured, its URL is refused or the receiver answers 4xx; SERVICE_UNAVAILABLE when
 * the receiver fails (5xx, timeout, unreachable). Another project answers 404.
 */
export async function sendTestNotification(params: { app: App; userId: string; projectId: string; channel: NotificationChannel }): Promise<TestNotificationResult> {
  const { app, projectId, channel } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId, action: "notification.manage" });
  const project = await app.db.project.findUnique({ where: { id: projectId }, select: { id: true, name: true } });
  if (!project) throw notFound("Project");
  const dest = await destinationOf(app, projectId, channel);
  if ("missing" in dest) {
    const message = `${LABEL[channel]} notifications are not configured: ${dest.missing}`;
    throw new DomainError("VALIDATION_FAILED", message, { details: { issues: [{ path: "channel", message, code: "not_configured" }] } });
  }
  await deliver(app, dest, sampleSubject(app, project));
  app.logger.info({ projectId, channel, userId: params.userId }, "test notification delivered");
  return { channel, delivered: true };
}
