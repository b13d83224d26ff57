import { randomBytes } from "node:crypto";
import type { Prisma } from "@llmguard/db";
import type { App } from "../../app";
import { appendAudit, projectChain } from "../../audit/audit.service";
import { latestConfigVersion } from "../../config/config-store";
import { openKeyOf, recordDetection } from "../../incidents/incident.service";
import type { IncidentScope } from "../../incidents/incident.schema";
import { requireProjectAccess } from "../../projects/permissions";
import { getDataKey, getOrCreateDataKey } from "../../secrets/data-key";
import { open, seal } from "../../secrets/envelope";
import { DEFAULT_SETTINGS, SettingValueSchemas } from "../../settings/settings.schema";
import { DomainError } from "../../shared/errors";
import { noteRequest } from "../../shared/request-context";
import { safeJson } from "../../shared/safe-text";
import { verifyDatadogCredentials, type DatadogCredentials } from "./datadog-auth";
import { parseDatadogPayload, type DatadogAlert } from "./datadog-payload";
import {
  DATADOG_SECRET_HEADER,
  type DatadogIntegrationCreated,
  type DatadogIntegrationStatus,
  type DatadogOnRecovered,
  type DatadogWebhookResult,
} from "./datadog.schema";

const KIND = "datadog";
/** Delivered event ids are kept this long: Datadog retries within minutes. */
const DELIVERY_RETENTION_MS = 30 * 86_400_000;
/** An alert dated further ahead than this (a wrong clock, garbage) is dated now. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** Associated data of the sealed secret: it opens only as this project's Datadog secret of this version. */
const aad = (projectId: string, version: number) => `integration:${projectId}:${KIND}:v${version}`;

type IntegrationRow = Awaited<ReturnType<App["db"]["projectIntegration"]["findUnique"]>>;

function webhookUrl(app: App, projectId: string): string {
  return `${app.env.APP_URL.replace(/\/+$/, "")}/webhooks/datadog?projectId=${projectId}`;
}

function toStatus(app: App, projectId: string, row: IntegrationRow): DatadogIntegrationStatus {
  return {
    kind: KIND,
    configured: !!row,
    url: webhookUrl(app, projectId),
    basicAuthUsername: projectId,
    createdAt: row?.createdAt ?? null,
    rotatedAt: row?.rotatedAt ?? null,
    lastReceivedAt: row?.lastReceivedAt ?? null,
  };
}

const findIntegration = (db: App["db"] | Prisma.TransactionClient, projectId: string) =>
  db.projectIntegration.findUnique({ where: { projectId_kind: { projectId, kind: KIND } } });

/** Issue 9: whether the Datadog webhook is configured, its URL and times; never the secret (every member). */
export async function getDatadogIntegration(params: { app: App; userId: string; projectId: string }): Promise<DatadogIntegrationStatus> {
  const { app, projectId } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId, action: "incident.read" });
  return toStatus(app, projectId, await findIntegration(app.db, projectId));
}

/**
 * Issue 9: creates the project's Datadog webhook secret, or replaces it (admins and owners). The secret
 * is returned this once; the previous one stops working at once. It is sealed under the project's data
 * key (ARCHITECTURE decision 9) and is not one of the project's Secrets.
 */
export async function configureDatadog(params: { app: App; userId: string; projectId: string; ip?: string | null }): Promise<DatadogIntegrationCreated> {
  const { app, userId, projectId } = params;
  await requireProjectAccess({ db: app.db, userId, projectId, action: "integration.manage" });
  const secret = `lgdd_${randomBytes(32).toString("base64url")}`;
  const row = await app.db.$transaction(async (tx) => {
    // Locks the project row: two admins configuring at once take turns instead of colliding on the insert.
    await tx.project.update({ where: { id: projectId }, data: { configRevision: { increment: 0 } } });
    const existing = await findIntegration(tx, projectId);
    const version = (existing?.secretVersion ?? 0) + 1;
    const key = await getOrCreateDataKey(app, tx, projectId);
    const secretCiphertext = new Uint8Array(seal(key, Buffer.from(secret, "utf8"), aad(projectId, version)));
    const now = new Date();
    const saved = existing
      ? await tx.projectIntegration.update({
          where: { projectId_kind: { projectId, kind: KIND } },
          data: { secretVersion: version, secretCiphertext, rotatedAt: now, rotatedById: userId },
        })
      : await tx.projectIntegration.create({ data: { projectId, kind: KIND, secretVersion: version, secretCiphertext, createdAt: now, createdById: userId } });
    await appendAudit(tx, projectChain(projectId), {
      action: existing ? "integration.rotated" : "integration.configured",
      actorId: userId,
      projectId,
      targetType: "integration",
      targetId: KIND,
      ip: params.ip,
      metadata: { kind: KIND, version },
    });
    return saved;
  });
  return { ...toStatus(app, projectId, row), secret, headerName: DATADOG_SECRET_HEADER };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function unauthenticated(): DomainError {
  return new DomainError(
    "UNAUTHENTICATED",
    `Datadog webhook not authenticated: send HTTP Basic (user: the project id, password: the webhook secret), the header ${DATADOG_SECRET_HEADER}, or a fresh X-LLMGuard-Signature`,
  );
}

async function openSecret(app: App, row: NonNullable<IntegrationRow>): Promise<string> {
  const key = await getDataKey(app, app.db, row.projectId);
  if (!key) throw new Error(`project ${row.projectId} has a Datadog integration but no data key`);
  return open(key, Buffer.from(row.secretCiphertext), aad(row.projectId, row.secretVersion)).toString("utf8");
}

/** The body as JSON (or, with Datadog's "Encode as form", form fields), made safe. */
function decodeBody(rawBody: Uint8Array, contentType: string | null | undefined): unknown {
  const text = new TextDecoder("utf-8").decode(rawBody);
  if (contentType && /^application\/x-www-form-urlencoded\b/i.test(contentType.trim())) {
    return safeJson(Object.fromEntries(new URLSearchParams(text)));
  }
  if (text.trim() === "") throw new DomainError("VALIDATION_FAILED", "The Datadog payload is empty");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new DomainError("VALIDATION_FAILED", "The Datadog payload is not valid JSON");
  }
  return safeJson(parsed); // ARCHITECTURE decision 13
}

async function onRecoveredSetting(app: App, projectId: string): Promise<DatadogOnRecovered> {
  const values = (await latestConfigVersion(app.db, projectId))?.values ?? {};
  const parsed = SettingValueSchemas["integrations.datadog.onRecovered"].safeParse(values["integrations.datadog.onRecovered"]);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS["integrations.datadog.onRecovered"];
}

function evidenceOf(alert: DatadogAlert): Record<string, unknown> {
  return {
    source: "datadog",
    eventId: alert.eventId,
    transition: alert.transition,
    alertId: alert.alertId,
    alertCycleKey: alert.alertCycleKey,
    aggregKey: alert.aggregKey,
    priority: alert.priority,
    alertType: alert.alertType,
    metric: alert.metric,
    alertStatus: alert.alertStatus,
    alertScope: alert.alertScope,
    tags: alert.tags,
    link: alert.link,
    date: alert.date?.toISOString() ?? null,
    ...(alert.test ? { test: true } : {}),
  };
}

/**
 * A status change made by Datadog (no user): only from the status read, so a person's concurrent change
 * wins. On the timeline and in the project's audit chain with no actor.
 */
async function systemTransition(
  app: App,
  incident: { id: string; projectId: string; status: "open" | "acknowledged" | "mitigated" | "resolved"; trigger: "datadog"; scope: IncidentScope },
  to: "open" | "mitigated" | "resolved",
  alert: DatadogAlert,
): Promise<boolean> {
  const now = new Date();
  const verb = { open: "Reopened", mitigated: "Mitigated", resolved: "Resolved" }[to];
  return app.db.$transaction(async (tx) => {
    const updated = await tx.incident.updateMany({
      where: { id: incident.id, status: incident.status },
      data: {
        status: to,
        ...(to === "resolved" ? { resolvedAt: now, resolvedById: null, openKey: null } : {}),
        ...(to === "open" ? { lastSeenAt: now } : {}),
      },
    });
    if (updated.count === 0) return false;
    await tx.incidentEvent.create({
      data: { incidentId: incident.id, kind: to, message: `${verb}: ${alert.transition} in Datadog`, actorId: null, data: { source: "datadog", eventId: alert.eventId, transition: alert.transition } },
    });
    const action = ({ open: "incident.reopen", mitigated: "incident.mitigate", resolved: "incident.resolve" } as const)[to];
    await appendAudit(tx, projectChain(incident.projectId), {
      action,
      actorId: null,
      projectId: incident.projectId,
      targetType: "incident",
      targetId: incident.id,
      metadata: { from: incident.status, to, source: "datadog", eventId: alert.eventId },
    });
    return true;
  });
}

async function applyAlert(app: App, projectId: string, alert: DatadogAlert): Promise<{ action: DatadogWebhookResult["action"]; incidentId: string | null }> {
  if (alert.effect === "ignore") return { action: "ignored", incidentId: null };
  const scope: IncidentScope = { kind: "alert", value: alert.alertKey };
  if (alert.effect === "open") {
    const now = Date.now();
    const at = alert.date && alert.date.getTime() <= now + MAX_FUTURE_SKEW_MS ? alert.date : new Date(now);
    const { incident, opened } = await recordDetection({
      app,
      hit: { projectId, trigger: "datadog", scope, severity: alert.severity, title: `Datadog: ${alert.title}`, description: alert.message, evidence: evidenceOf(alert), at },
    });
    // The alert fired again after Datadog reported it recovered (mitigated, not resolved): it is open again.
    if (!opened && incident.status === "mitigated") {
      const reopened = await systemTransition(app, { ...incident, status: "mitigated", trigger: "datadog", scope }, "open", alert);
      if (reopened) return { action: "reopened", incidentId: incident.id };
    }
    return { action: opened ? "opened" : "updated", incidentId: incident.id };
  }
  // Recovered: end the incident of this alert, if one is not resolved yet.
  const row = await app.db.incident.findUnique({ where: { projectId_openKey: { projectId, openKey: openKeyOf("datadog", scope) } } });
  if (!row || row.status === "resolved") return { action: "ignored", incidentId: row?.id ?? null };
  const onRecovered = await onRecoveredSetting(app, projectId);
  const to = onRecovered === "resolve" ? "resolved" : "mitigated";
  if (row.status === to) return { action: "ignored", incidentId: row.id };
  const changed = await systemTransition(app, { id: row.id, projectId, status: row.status, trigger: "datadog", scope }, to, alert);
  return { action: changed ? to : "ignored", incidentId: row.id };
}

/**
 * Issue 9: one Datadog webhook delivery. Authenticates it against the project's secret (401 and nothing
 * stored otherwise), parses it, and opens, updates, mitigates or resolves the incident of its alert
 * cycle. A delivery whose event id was seen before (Datadog retries on 5xx) changes nothing. The event id
 * is claimed before the incident changes and released if that fails, so Datadog's retry is processed.
 */
export async function receiveDatadogAlert(params: {
  app: App;
  projectId: string | null | undefined;
  credentials: DatadogCredentials;
  rawBody: Uint8Array;
  contentType?: string | null;
}): Promise<DatadogWebhookResult> {
  const { app, rawBody } = params;
  const projectId = params.projectId?.trim() ?? "";
  // An unknown or unconfigured project answers exactly as a wrong secret does.
  if (!UUID.test(projectId)) throw unauthenticated();
  const row = await findIntegration(app.db, projectId.toLowerCase());
  if (!row) throw unauthenticated();
  const secret = await openSecret(app, row);
  if (!verifyDatadogCredentials({ projectId: row.projectId, secret, credentials: params.credentials, rawBody })) throw unauthenticated();
  noteRequest({ projectId: row.projectId });

  const alert = parseDatadogPayload(decodeBody(rawBody, params.contentType));
  const now = new Date();
  const key = { projectId: row.projectId, kind: KIND, eventId: alert.eventId };
  const claimed = await app.db.integrationDelivery.createMany({ data: [key], skipDuplicates: true });
  if (claimed.count === 0) {
    await app.db.projectIntegration.update({ where: { projectId_kind: { projectId: row.projectId, kind: KIND } }, data: { lastReceivedAt: now } });
    const seen = await app.db.integrationDelivery.findUnique({ where: { projectId_kind_eventId: key }, select: { incidentId: true } });
    return { received: true, action: "duplicate", incidentId: seen?.incidentId ?? null };
  }
  let result: Awaited<ReturnType<typeof applyAlert>>;
  try {
    result = await applyAlert(app, row.projectId, alert);
  } catch (err) {
    await app.db.integrationDelivery.deleteMany({ where: key }).catch(() => undefined);
    throw err;
  }
  await app.db.$transaction([
    app.db.integrationDelivery.update({ where: { projectId_kind_eventId: key }, data: { action: result.action, incidentId: result.incidentId } }),
    app.db.projectIntegration.update({ where: { projectId_kind: { projectId: row.projectId, kind: KIND } }, data: { lastReceivedAt: now } }),
    app.db.integrationDelivery.deleteMany({ where: { projectId: row.projectId, kind: KIND, receivedAt: { lt: new Date(now.getTime() - DELIVERY_RETENTION_MS) } } }),
  ]);
  app.logger.info({ projectId: row.projectId, eventId: alert.eventId, transition: alert.transition, action: result.action, incidentId: result.incidentId }, "datadog alert received");
  return { received: true, ...result };
}
