import { randomUUID } from "node:crypto";
import { queryRows, type Prisma } from "@llmguard/db";
import type { App } from "../app";
import { appendAudit, projectChain } from "../audit/audit.service";
import { requireProjectAccess } from "../projects/permissions";
import type { ProjectAction } from "../projects/permissions.schema";
import { DomainError, notFound } from "../shared/errors";
import { decodeTimeCursor, encodeTimeCursor } from "../shared/time-cursor";
import { userRefsByIds } from "../users/user.service";
import { readStoredRca } from "./rca/rca.service";
import {
  IncidentScopeSchema,
  type CreateIncidentInput,
  type Incident,
  type IncidentDetail,
  type IncidentEvent,
  type IncidentPage,
  type IncidentScope,
  type IncidentSeverity,
  type IncidentStatus,
  type IncidentTrigger,
  type ListIncidentsInput,
  type RelatedRequest,
} from "./incident.schema";

type Tx = Prisma.TransactionClient;
export type IncidentRow = Awaited<ReturnType<App["db"]["incident"]["findUniqueOrThrow"]>>;

/** The key that makes "one open incident per problem" a unique index (Incident.openKey). */
export function openKeyOf(trigger: IncidentTrigger, scope: IncidentScope): string {
  return `${trigger}|${scope.kind}|${scope.value ?? ""}`;
}

/** The columns an Incident is made of (a whole row, or what COUNT_AGAIN_SQL returns). */
type IncidentFields = Pick<IncidentRow, "id" | "projectId" | "title" | "description" | "severity" | "status" | "trigger" | "scope" | "occurrences" | "firstSeenAt" | "lastSeenAt" | "createdAt" | "resolvedAt">;

export function toIncident(row: IncidentFields): Incident {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    description: row.description,
    severity: row.severity,
    status: row.status,
    trigger: row.trigger,
    scope: IncidentScopeSchema.parse(row.scope),
    occurrences: row.occurrences,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    createdAt: row.createdAt,
    resolvedAt: row.resolvedAt,
  };
}

/** Issue 9: a project's incidents, newest first, filtered, with keyset pagination. */
export async function listIncidents(params: { app: App; userId: string; input: ListIncidentsInput }): Promise<IncidentPage> {
  const { app, input } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: input.projectId, action: "incident.read" });
  const after = input.cursor ? decodeTimeCursor(input.cursor) : null;
  const rows = await app.db.incident.findMany({
    where: {
      projectId: input.projectId,
      ...(input.status ? { status: input.status } : {}),
      ...(input.severity ? { severity: input.severity } : {}),
      ...(input.trigger ? { trigger: input.trigger } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  return { items: page.map(toIncident), nextCursor: rows.length > input.limit ? encodeTimeCursor(page[page.length - 1]!.createdAt, page[page.length - 1]!.id) : null };
}

/** Counts of a project's incidents that are not resolved, by severity (the project overview). */
export async function countOpenIncidents(params: { app: App; userId: string; projectId: string }): Promise<Record<IncidentSeverity, number>> {
  const { app, projectId } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId, action: "incident.read" });
  const groups = await app.db.incident.groupBy({ by: ["severity"], where: { projectId, status: { not: "resolved" } }, _count: { _all: true } });
  const out: Record<IncidentSeverity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const g of groups) out[g.severity] = g._count._all;
  return out;
}

/** The incident if the caller may do `action` on it; another project's incident answers 404. */
export async function incidentForUser(app: App, userId: string, incidentId: string, action: ProjectAction): Promise<IncidentRow> {
  const row = await app.db.incident.findUnique({ where: { id: incidentId } });
  if (!row) throw notFound("Incident");
  try {
    await requireProjectAccess({ db: app.db, userId, projectId: row.projectId, action });
  } catch (e) {
    // Another project's incident does not exist for this caller.
    if ((e as DomainError).code === "NOT_FOUND") throw notFound("Incident");
    throw e;
  }
  return row;
}

/** Up to 20 requests of the incident's scope around its time: the ones its evidence names first. */
export async function relatedRequests(app: App, row: IncidentRow, limit = 20): Promise<RelatedRequest[]> {
  const scope = IncidentScopeSchema.parse(row.scope);
  const evidence = (row.evidence ?? {}) as { requestIds?: unknown };
  const ids = Array.isArray(evidence.requestIds) ? evidence.requestIds.filter((x): x is string => typeof x === "string").slice(0, limit) : [];
  const select = { id: true, timestamp: true, model: true, latencyMs: true, status: true, riskScore: true, endUserId: true, endpoint: true } as const;
  const named = ids.length > 0 ? await app.db.llmRequest.findMany({ where: { projectId: row.projectId, id: { in: ids } }, select }) : [];
  const rest =
    named.length < limit && scope.kind !== "alert" && scope.kind !== "manual"
      ? await app.db.llmRequest.findMany({
          where: {
            projectId: row.projectId,
            timestamp: { gte: new Date(row.firstSeenAt.getTime() - 60 * 60_000), lte: new Date(row.lastSeenAt.getTime() + 5 * 60_000) },
            ...(scope.kind === "endUser" ? { endUserId: scope.value } : {}),
            ...(scope.kind === "endpoint" ? { endpoint: scope.value } : {}),
            ...(scope.kind === "model" ? { model: scope.value ?? undefined } : {}),
            ...(row.trigger === "error_rate" ? { status: { in: ["error", "timeout"] } } : {}),
            ...(named.length > 0 ? { id: { notIn: named.map((r) => r.id) } } : {}),
          },
          orderBy: [{ timestamp: "desc" }, { id: "desc" }],
          take: limit - named.length,
          select,
        })
      : [];
  return [...named, ...rest]
    .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime())
    .map((r) => ({ ...r, status: r.status as string }));
}

async function timelineOf(app: App, incidentId: string): Promise<IncidentEvent[]> {
  const events = await app.db.incidentEvent.findMany({ where: { incidentId }, orderBy: [{ at: "asc" }, { id: "asc" }], take: 500 });
  const actors = await userRefsByIds(app.db, events.map((e) => e.actorId));
  return events.map((e) => {
    const actor = e.actorId ? actors.get(e.actorId) : undefined;
    return {
      at: e.at,
      kind: e.kind,
      message: e.message,
      actor: e.actorId ? { id: e.actorId, email: actor?.email ?? null, name: actor?.name ?? null } : null,
      data: (e.data as Record<string, unknown> | null) ?? null,
    };
  });
}

/** Issue 9: one incident with its evidence, analysis, related requests and timeline. */
export async function getIncident(params: { app: App; userId: string; incidentId: string }): Promise<IncidentDetail> {
  const { app } = params;
  const row = await incidentForUser(app, params.userId, params.incidentId, "incident.read");
  const [related, timeline] = await Promise.all([relatedRequests(app, row), timelineOf(app, row.id)]);
  return {
    ...toIncident(row),
    evidence: (row.evidence as Record<string, unknown>) ?? {},
    rca: row.rca ? readStoredRca(row.rca) : null,
    relatedRequests: related,
    timeline,
  };
}

/** One entry of an incident's timeline, in the caller's transaction. */
export async function addIncidentEvent(tx: Tx, incidentId: string, event: { kind: string; message: string; actorId?: string | null; data?: Record<string, unknown> }) {
  await tx.incidentEvent.create({
    data: { incidentId, kind: event.kind, message: event.message, actorId: event.actorId ?? null, data: (event.data ?? undefined) as Prisma.InputJsonValue | undefined },
  });
}

/** Issue 9: a person opens an incident by hand (developers and above). */
export async function createManualIncident(params: { app: App; userId: string; input: CreateIncidentInput; ip?: string | null }): Promise<Incident> {
  const { app, userId, input } = params;
  await requireProjectAccess({ db: app.db, userId, projectId: input.projectId, action: "incident.update" });
  const now = new Date();
  const row = await app.db.$transaction(async (tx) => {
    const created = await tx.incident.create({
      data: {
        projectId: input.projectId,
        title: input.title,
        description: input.description,
        severity: input.severity,
        trigger: "manual",
        scope: { kind: "manual", value: null },
        openKey: null,
        firstSeenAt: now,
        lastSeenAt: now,
        evidence: { openedBy: userId },
      },
    });
    await addIncidentEvent(tx, created.id, { kind: "opened", message: `Opened by hand: ${input.title}`, actorId: userId });
    await appendAudit(tx, projectChain(input.projectId), { action: "incident.create", actorId: userId, projectId: input.projectId, targetType: "incident", targetId: created.id, ip: params.ip, metadata: { severity: input.severity, trigger: "manual" } });
    return created;
  });
  app.events.emit({ name: "incident/incident.opened", data: { incidentId: row.id, projectId: row.projectId } });
  return toIncident(row);
}

const TRANSITIONS: Record<"acknowledge" | "resolve" | "reopen", { from: IncidentStatus[]; to: IncidentStatus; verb: string }> = {
  acknowledge: { from: ["open"], to: "acknowledged", verb: "Acknowledged" },
  resolve: { from: ["open", "acknowledged", "mitigated"], to: "resolved", verb: "Resolved" },
  reopen: { from: ["resolved", "mitigated"], to: "open", verb: "Reopened" },
};

/**
 * Issue 9: acknowledge, resolve or reopen (developers and above), with the note on the timeline and the
 * change in the project's audit chain. Reopening takes the problem's open key back: if another incident
 * has opened for the same problem meanwhile, it answers 409 naming it.
 */
export async function changeIncidentStatus(params: { app: App; userId: string; incidentId: string; action: keyof typeof TRANSITIONS; note?: string; ip?: string | null }): Promise<Incident> {
  const { app, userId, action } = params;
  const t = TRANSITIONS[action];
  const current = await incidentForUser(app, userId, params.incidentId, "incident.update");
  if (!t.from.includes(current.status)) {
    throw new DomainError("CONFLICT", `An incident that is ${current.status} cannot be ${t.verb.toLowerCase()}`, { details: { status: current.status, action } });
  }
  const now = new Date();
  const scope = IncidentScopeSchema.parse(current.scope);
  const row = await app.db.$transaction(async (tx) => {
    if (t.to === "open" && current.trigger !== "manual") {
      const other = await tx.incident.findFirst({ where: { projectId: current.projectId, openKey: openKeyOf(current.trigger, scope), NOT: { id: current.id } }, select: { id: true } });
      if (other) throw new DomainError("CONFLICT", "Another open incident already tracks this problem", { details: { incidentId: other.id } });
    }
    const updated = await tx.incident.updateMany({
      where: { id: current.id, status: current.status }, // the status we checked: a concurrent change loses, not both
      data: {
        status: t.to,
        ...(t.to === "resolved" ? { resolvedAt: now, resolvedById: userId, openKey: null } : {}),
        ...(t.to === "open" ? { resolvedAt: null, resolvedById: null, openKey: current.trigger === "manual" ? null : openKeyOf(current.trigger, scope) } : {}),
      },
    });
    if (updated.count === 0) throw new DomainError("CONFLICT", "The incident changed meanwhile; reload and try again");
    await addIncidentEvent(tx, current.id, { kind: t.to, message: params.note ? `${t.verb}: ${params.note}` : t.verb, actorId: userId, ...(params.note ? { data: { note: params.note } } : {}) });
    await appendAudit(tx, projectChain(current.projectId), { action: `incident.${action}`, actorId: userId, projectId: current.projectId, targetType: "incident", targetId: current.id, ip: params.ip, metadata: { from: current.status, to: t.to } });
    return tx.incident.findUniqueOrThrow({ where: { id: current.id } });
  });
  return toIncident(row);
}

/**
 * Issue 9: a person asks for the root-cause analysis again (developers and above). The analysis runs as a
 * job (it may take a minute with retries); the answer is 202 and the incident shows it when stored.
 */
export async function requestAnalysis(params: { app: App; userId: string; incidentId: string }): Promise<{ incidentId: string; status: "queued" }> {
  const row = await incidentForUser(params.app, params.userId, params.incidentId, "incident.update");
  params.app.events.emit({ name: "incident/rca.requested", data: { incidentId: row.id, projectId: row.projectId, actorId: params.userId } });
  return { incidentId: row.id, status: "queued" };
}

export interface DetectionHit {
  projectId: string;
  trigger: Exclude<IncidentTrigger, "manual">;
  scope: IncidentScope;
  severity: IncidentSeverity;
  title: string;
  description?: string;
  evidence: Record<string, unknown>;
  at?: Date;
}

const UPSERT_SQL = `
INSERT INTO "Incident" ("id","projectId","title","description","severity","status","trigger","scope","openKey","occurrences","firstSeenAt","lastSeenAt","createdAt","updatedAt","evidence")
VALUES ($1::uuid, $2::uuid, $3, $4, $5::"IncidentSeverity", 'open', $6::"IncidentTrigger", $7::jsonb, $8, 1, $9, $9, now(), now(), $10::jsonb)
ON CONFLICT ("projectId","openKey") DO UPDATE SET
  "occurrences" = "Incident"."occurrences" + 1,
  "lastSeenAt" = GREATEST("Incident"."lastSeenAt", EXCLUDED."lastSeenAt"),
  "severity" = GREATEST("Incident"."severity", EXCLUDED."severity"),
  "updatedAt" = now()
RETURNING "id"::text AS "id", ("xmax" = 0) AS "inserted", "occurrences"`;

// One more occurrence of the open incident of a problem, in one autocommitted statement, when that
// occurrence needs nothing else: not the first (opening writes its event and audit entry) and not a power
// of two (those go on the timeline). n & (n + 1) = 0 exactly when n + 1 is a power of two.
const COUNT_AGAIN_SQL = `
UPDATE "Incident" SET
  "occurrences" = "occurrences" + 1,
  "lastSeenAt" = GREATEST("lastSeenAt", $3::timestamptz),
  "severity" = GREATEST("severity", $4::"IncidentSeverity"),
  "updatedAt" = now()
WHERE "projectId" = $1::uuid AND "openKey" = $2 AND ("occurrences" & ("occurrences" + 1)) <> 0
RETURNING "id"::text AS "id", "projectId"::text AS "projectId", "title", "description", "severity"::text AS "severity",
  "status"::text AS "status", "trigger"::text AS "trigger", "scope", "occurrences", "firstSeenAt", "lastSeenAt", "createdAt", "resolvedAt"`;

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * A detector saw a problem. Opens an incident, or counts one more occurrence of the open incident of the
 * same problem (trigger + scope): one statement, so two instances that see the same hit at once never
 * open two incidents (the upsert's unique key; COUNT_AGAIN_SQL only updates an incident that exists). A new incident is announced (`incident/incident.opened`: analysis, notifications);
 * occurrences go on the timeline at 2, 4, 8, … so a storm does not flood it.
 */
export async function recordDetection(params: { app: App; hit: DetectionHit }): Promise<{ incident: Incident; opened: boolean }> {
  const { app, hit } = params;
  const at = hit.at ?? new Date();
  // Most hits count again on an open incident: one statement (a busy project's detection records several
  // a second; each interactive Prisma transaction below cost about 3 ms of CPU).
  const [counted] = await queryRows<IncidentFields>(app.db, COUNT_AGAIN_SQL, [hit.projectId, openKeyOf(hit.trigger, hit.scope), at.toISOString(), hit.severity]);
  if (counted) return { incident: toIncident(counted), opened: false };
  const { row, opened } = await app.db.$transaction(async (tx) => {
    const [res] = await tx.$queryRawUnsafe<{ id: string; inserted: boolean; occurrences: number }[]>(
      UPSERT_SQL,
      randomUUID(),
      hit.projectId,
      hit.title.slice(0, 200),
      (hit.description ?? "").slice(0, 10_000),
      hit.severity,
      hit.trigger,
      JSON.stringify(hit.scope),
      openKeyOf(hit.trigger, hit.scope),
      at.toISOString(),
      JSON.stringify(hit.evidence),
    );
    if (!res) throw new Error("incident upsert returned no row");
    if (res.inserted) {
      await addIncidentEvent(tx, res.id, { kind: "opened", message: hit.title, data: { evidence: hit.evidence } });
      await appendAudit(tx, projectChain(hit.projectId), { action: "incident.open", actorId: null, projectId: hit.projectId, targetType: "incident", targetId: res.id, metadata: { trigger: hit.trigger, scope: hit.scope, severity: hit.severity } });
    } else if (isPowerOfTwo(res.occurrences)) {
      await addIncidentEvent(tx, res.id, { kind: "occurrence", message: `Seen ${res.occurrences} times`, data: { occurrences: res.occurrences, evidence: hit.evidence } });
    }
    return { row: await tx.incident.findUniqueOrThrow({ where: { id: res.id } }), opened: res.inserted };
  });
  if (opened) app.events.emit({ name: "incident/incident.opened", data: { incidentId: row.id, projectId: row.projectId } });
  return { incident: toIncident(row), opened };
}
