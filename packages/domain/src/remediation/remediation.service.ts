import { randomUUID } from "node:crypto";
import type { Prisma } from "@llmguard/db";
import type { App } from "../app";
import { applyPatch, latestConfigVersion, type ConfigChange, type ConfigValues } from "../config/config-store";
import { commitConfigChange } from "../config/config.service";
import { mergeLayers } from "../config/config-validation";
import { findEnvironment, requireConfigWrite } from "../config/environment-lookup";
import { addIncidentEvent, incidentForUser, type IncidentRow } from "../incidents/incident.service";
import { requireProjectAccess } from "../projects/permissions";
import { DomainError, notFound } from "../shared/errors";
import { decodeTimeCursor, encodeTimeCursor } from "../shared/time-cursor";
import { userRefsByIds } from "../users/user.service";
import { describeAction, planRemediation } from "./remediation-plan";
import { judgeWatch, measureMetric, readWatch, startWatch, stopWatch, watchSettings } from "./remediation-watch";
import {
  RemediationActionSchema,
  type ApplyRemediationInput,
  type ListProjectRemediationsInput,
  type Remediation,
  type RemediationAction,
  type RemediationChange,
  type RemediationPage,
  type RemediationSource,
  type RemediationStatus,
  type RemediationWatch,
  type RollbackRemediationInput,
} from "./remediation.schema";

type RemediationRow = Awaited<ReturnType<App["db"]["remediation"]["findUniqueOrThrow"]>>;

interface StoredMetadata extends Record<string, unknown> {
  changes?: RemediationChange[];
  watch?: unknown;
}

/** Dates of the watch as ISO strings, as JSON stores them. */
const watchJson = (watch: RemediationWatch | null) => (watch ? (JSON.parse(JSON.stringify(watch)) as Record<string, unknown>) : undefined);

const metadataOf = (row: RemediationRow): StoredMetadata => (row.metadata as StoredMetadata | null) ?? {};

async function toRemediations(app: App, rows: RemediationRow[]): Promise<Remediation[]> {
  const users = await userRefsByIds(app.db, rows.flatMap((r) => [r.appliedById, r.rolledBackById]));
  return rows.map((row) => {
    const { changes = [], watch, ...metadata } = metadataOf(row);
    return {
      id: row.id,
      incidentId: row.incidentId,
      projectId: row.projectId,
      type: row.type as Remediation["type"],
      parameters: (row.parameters as Record<string, unknown>) ?? {},
      environment: row.environment,
      status: row.status,
      source: row.source,
      configVersion: row.configVersion,
      appliedBy: row.appliedById ? (users.get(row.appliedById) ?? null) : null,
      appliedAt: row.appliedAt,
      expiresAt: row.expiresAt,
      rolledBackAt: row.rolledBackAt,
      rolledBackBy: row.rolledBackById ? (users.get(row.rolledBackById) ?? null) : null,
      rollbackVersion: row.rollbackVersion,
      changes,
      watch: readWatch(watch),
      metadata,
    };
  });
}

/** `before`/`after` of the version as stored in the remediation (absent keys as null, like ConfigChange). */
const storedChanges = (changes: ConfigChange[]): RemediationChange[] => changes.map((c) => ({ key: c.key, before: c.before, after: c.after }));

export interface ApplyOptions {
  incident: IncidentRow;
  action: RemediationAction;
  environment: string;
  durationMinutes?: number;
  note?: string;
  source: RemediationSource;
  /** Null when LLMGuard applies the action by itself. */
  actorId: string | null;
  ip?: string | null;
  /** Extra metadata stored with the remediation (automation: what triggered it). */
  metadata?: Record<string, unknown>;
  /**
   * Runs first in the config transaction, after the project's writers are serialized (automation counts
   * its actions of the last hour here, so two incidents at once cannot both take the last slot).
   */
  check?: (tx: Prisma.TransactionClient) => Promise<void>;
}

/**
 * Applies one action: one new config version (the remediation named in its message, the audit entry in
 * the project's chain), the remediation row pointing at it, the incident mitigated with the step on its
 * timeline, all in one transaction. Enforcement follows from the config change: every instance and SDK
 * hears of the new version at once (commitConfigChange announces it).
 */
export async function applyAction(app: App, o: ApplyOptions): Promise<Remediation> {
  const id = randomUUID();
  const appliedAt = new Date();
  const { incident, action, environment } = o;
  const minutes = o.durationMinutes ?? (action.type === "rate_limit_user" ? action.parameters.durationMinutes : undefined);
  const expiresAt = minutes ? new Date(appliedAt.getTime() + minutes * 60_000) : null;
  const what = describeAction(action);
  let row: RemediationRow | null = null;
  // The "before" side of the regression watch, read outside the transaction (a read of past traffic).
  const watch = await startWatch(app.db, incident, appliedAt, await watchSettings(app.db, incident.projectId));

  const created = await commitConfigChange(app, {
    projectId: incident.projectId,
    environment,
    authorId: o.actorId,
    message: `${o.source === "automatic" ? "Automatic remediation" : "Remediation"}: ${what} (incident "${incident.title.slice(0, 200)}", remediation ${id})`,
    ip: o.ip,
    audit: { action: "remediation.applied", metadata: { remediationId: id, incidentId: incident.id, type: action.type, source: o.source } },
    compute: async (current, tx) => {
      await o.check?.(tx);
      const effective = environment === "base" ? current : mergeLayers((await latestConfigVersion(tx, incident.projectId, "base"))?.values ?? {}, current);
      return applyPatch(current, planRemediation(action, { id, incidentId: incident.id, appliedAt, expiresAt, current, effective }));
    },
    after: async (tx, version) => {
      row = await tx.remediation.create({
        data: {
          id,
          projectId: incident.projectId,
          incidentId: incident.id,
          type: action.type,
          parameters: action.parameters as Prisma.InputJsonValue,
          environment,
          status: "applied",
          source: o.source,
          configVersion: version?.version ?? null,
          appliedById: o.actorId,
          appliedAt,
          expiresAt,
          verifyAt: watch.verifyAt,
          metadata: { changes: storedChanges(version?.changes ?? []), watch: watchJson(watch), ...(o.note ? { note: o.note } : {}), ...o.metadata } as Prisma.InputJsonValue,
        },
      });
      if (incident.status === "open" || incident.status === "acknowledged") {
        await tx.incident.updateMany({ where: { id: incident.id, status: { in: ["open", "acknowledged"] } }, data: { status: "mitigated" } });
      }
      const by = o.source === "automatic" ? "Automatically applied" : "Applied";
      await addIncidentEvent(tx, incident.id, {
        kind: "remediation_applied",
        message: `${by}: ${what} in ${environment} (config version ${version?.version ?? "?"})${expiresAt ? `, until ${expiresAt.toISOString()}` : ""}${o.note ? ` — ${o.note}` : ""}`,
        actorId: o.actorId,
        data: { remediationId: id, type: action.type, environment, configVersion: version?.version ?? null, source: o.source },
      });
    },
  });
  if (!created || !row) {
    throw new DomainError("CONFLICT", action.type === "reset_settings" ? "The project settings already have their default values" : "The action changes nothing", { details: { type: action.type } });
  }
  return (await toRemediations(app, [row]))[0]!;
}

/** POST /incidents/{incidentId}/remediations: developers and above; base and production also need admin. */
export async function applyRemediation(params: { app: App; userId: string; input: ApplyRemediationInput; ip?: string | null }): Promise<Remediation> {
  const { app, userId, input } = params;
  const incident = await incidentForUser(app, userId, input.incidentId, "remediation.apply");
  const action = RemediationActionSchema.parse({ type: input.type, parameters: input.parameters });
  const environment = action.type === "reset_settings" ? "base" : input.environment;
  await requireConfigWrite(app, userId, incident.projectId, environment);
  return applyAction(app, { incident, action, environment, durationMinutes: input.durationMinutes, note: input.note, source: input.source, actorId: userId, ip: params.ip });
}

/** An incident's remediations, newest first. */
export async function listIncidentRemediations(params: { app: App; userId: string; incidentId: string }): Promise<{ items: Remediation[] }> {
  const incident = await incidentForUser(params.app, params.userId, params.incidentId, "remediation.read");
  const rows = await params.app.db.remediation.findMany({ where: { incidentId: incident.id }, orderBy: [{ appliedAt: "desc" }, { id: "desc" }], take: 200 });
  return { items: await toRemediations(params.app, rows) };
}

/** A project's remediations, newest first, by status, with keyset pagination. */
export async function listProjectRemediations(params: { app: App; userId: string; input: ListProjectRemediationsInput }): Promise<RemediationPage> {
  const { app, input } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: input.projectId, action: "remediation.read" });
  const after = input.cursor ? decodeTimeCursor(input.cursor) : null;
  const rows = await app.db.remediation.findMany({
    where: {
      projectId: input.projectId,
      ...(input.status ? { status: input.status } : {}),
      ...(after ? { OR: [{ appliedAt: { lt: after.at } }, { appliedAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ appliedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return { items: await toRemediations(app, page), nextCursor: rows.length > input.limit && last ? encodeTimeCursor(last.appliedAt, last.id) : null };
}

async function remediationForUser(app: App, userId: string, remediationId: string): Promise<RemediationRow> {
  const row = await app.db.remediation.findUnique({ where: { id: remediationId } });
  if (!row) throw notFound("Remediation");
  try {
    await requireProjectAccess({ db: app.db, userId, projectId: row.projectId, action: "remediation.apply" });
  } catch (e) {
    if ((e as DomainError).code === "NOT_FOUND") throw notFound("Remediation");
    throw e;
  }
  return row;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface RevertOptions {
  actorId: string | null;
  force: boolean;
  /** rolled_back for a person's or the regression watch's rollback, expired at the end of durationMinutes. */
  outcome: Extract<RemediationStatus, "rolled_back" | "expired">;
  /** Why, for the timeline and metadata (e.g. what the verification saw). */
  reason: string;
  ip?: string | null;
  metadata?: Record<string, unknown>;
  /** The judged watch when the regression watch rolls the action back (else a running watch stops). */
  watch?: RemediationWatch;
}

/**
 * Writes a new version restoring exactly the keys the action changed to their values before it. A key
 * changed since (by a person or a later action) is a conflict: 409 naming the keys, unless `force`.
 */
export async function revertRemediation(app: App, row: RemediationRow, o: RevertOptions): Promise<Remediation> {
  if (row.status !== "applied") throw new DomainError("CONFLICT", `The remediation is already ${row.status.replace("_", " ")}`, { details: { status: row.status } });
  const changes = metadataOf(row).changes ?? [];
  let conflicts: string[] = [];
  const now = new Date();
  const verb = o.outcome === "expired" ? "Expired" : "Rolled back";
  await commitConfigChange(app, {
    projectId: row.projectId,
    environment: row.environment,
    authorId: o.actorId,
    message: `${verb}: remediation ${row.id} (${row.type}) — ${o.reason}`,
    ip: o.ip,
    allowUnchanged: true,
    audit: { action: o.outcome === "expired" ? "remediation.expired" : "remediation.rolled_back", metadata: { remediationId: row.id, incidentId: row.incidentId, type: row.type } },
    compute: (current: ConfigValues) => {
      conflicts = changes.filter((c) => !sameJson(current[c.key], c.after)).map((c) => c.key);
      if (conflicts.length > 0 && !o.force) {
        throw new DomainError("CONFLICT", `Changed since the remediation: ${conflicts.join(", ")}. Roll back with force to overwrite those changes.`, { details: { conflicts } });
      }
      return applyPatch(current, Object.fromEntries(changes.map((c) => [c.key, c.before ?? null])));
    },
    after: async (tx, version) => {
      const updated = await tx.remediation.updateMany({
        where: { id: row.id, status: "applied" },
        data: {
          status: o.outcome,
          rolledBackAt: now,
          rolledBackById: o.actorId,
          rollbackVersion: version?.version ?? null,
          verifyAt: null,
          metadata: {
            ...metadataOf(row),
            watch: watchJson(o.watch ?? stopWatch(readWatch(metadataOf(row).watch), now)),
            rollback: { reason: o.reason, forced: o.force && conflicts.length > 0, conflicts, ...o.metadata },
          } as Prisma.InputJsonValue,
        },
      });
      if (updated.count === 0) throw new DomainError("CONFLICT", "The remediation changed meanwhile; reload and try again");
      await addIncidentEvent(tx, row.incidentId, {
        kind: o.outcome === "expired" ? "remediation_expired" : "remediation_rolled_back",
        message: `${verb}: ${row.type} in ${row.environment}${version ? ` (config version ${version.version})` : ""} — ${o.reason}${conflicts.length ? `; overwrote later changes of ${conflicts.join(", ")}` : ""}`,
        actorId: o.actorId,
        data: { remediationId: row.id, rollbackVersion: version?.version ?? null, conflicts },
      });
    },
  });
  const fresh = await app.db.remediation.findUniqueOrThrow({ where: { id: row.id } });
  return (await toRemediations(app, [fresh]))[0]!;
}

/** POST /remediations/{remediationId}/rollback. */
export async function rollbackRemediation(params: { app: App; userId: string; input: RollbackRemediationInput; ip?: string | null }): Promise<Remediation> {
  const { app, userId, input } = params;
  const row = await remediationForUser(app, userId, input.remediationId);
  await requireConfigWrite(app, userId, row.projectId, row.environment);
  return revertRemediation(app, row, { actorId: userId, force: input.force, outcome: "rolled_back", reason: "rolled back by hand", ip: params.ip });
}

/**
 * Ends temporary actions whose time is up (a durable job: runs every minute, and picks up whatever is
 * due after a restart). Expiry restores the action's keys even when they changed since: the action's
 * time is over; the timeline names the keys it overwrote.
 */
export async function expireDueRemediations(app: App, now = new Date(), limit = 100): Promise<{ expired: number; failed: number }> {
  const due = await app.db.remediation.findMany({ where: { status: "applied", expiresAt: { lte: now } }, orderBy: { expiresAt: "asc" }, take: limit });
  let expired = 0;
  let failed = 0;
  for (const row of due) {
    try {
      await findEnvironment(app.db, row.projectId, row.environment);
      await revertRemediation(app, row, { actorId: null, force: true, outcome: "expired", reason: `its ${Math.round((row.expiresAt!.getTime() - row.appliedAt.getTime()) / 60_000)} minutes are over` });
      expired += 1;
    } catch (err) {
      // Another instance expired it first (CONFLICT), or its environment was deleted: log and go on.
      failed += 1;
      app.logger.warn({ err, remediationId: row.id }, "remediation expiry failed");
    }
  }
  return { expired, failed };
}

/**
 * Judges the remediations whose watch ended (see remediation-watch.ts). A regression rolls the action
 * back, without force: when someone changed its keys since, the timeline says so and the keys stay.
 * Each row is claimed by clearing its verifyAt, so two instances never judge one remediation twice.
 */
export async function judgeDueWatches(app: App, now = new Date(), limit = 100): Promise<{ judged: number; rolledBack: number; failed: number }> {
  const due = await app.db.remediation.findMany({ where: { status: "applied", verifyAt: { lte: now } }, orderBy: { verifyAt: "asc" }, take: limit });
  let judged = 0;
  let rolledBack = 0;
  let failed = 0;
  for (const row of due) {
    try {
      const watch = readWatch(metadataOf(row).watch);
      const incident = await app.db.incident.findUnique({ where: { id: row.incidentId } });
      if (!watch || watch.status !== "watching" || !watch.metric || !incident) {
        await app.db.remediation.updateMany({ where: { id: row.id, verifyAt: row.verifyAt }, data: { verifyAt: null } });
        continue;
      }
      const { highRiskScore } = await watchSettings(app.db, row.projectId);
      const after = await measureMetric(app.db, incident, watch.metric, row.appliedAt, new Date(row.appliedAt.getTime() + watch.windowMinutes * 60_000), highRiskScore);
      const verdict = judgeWatch(watch, after, now);
      if (verdict.status === "regressed") {
        try {
          await findEnvironment(app.db, row.projectId, row.environment);
          await revertRemediation(app, row, { actorId: null, force: false, outcome: "rolled_back", reason: `rolled back automatically: ${verdict.message}`, watch: verdict, metadata: { automatic: true } });
          rolledBack += 1;
          judged += 1;
          continue;
        } catch (err) {
          // Keys changed since (409) or the environment is gone: record the verdict, keep the config.
          const why = (err as DomainError).message ?? "the rollback failed";
          verdict.message = `${verdict.message} Not rolled back: ${why}`;
        }
      }
      const stored = await app.db.$transaction(async (tx) => {
        const updated = await tx.remediation.updateMany({
          where: { id: row.id, status: "applied", verifyAt: { not: null } },
          data: { verifyAt: null, metadata: { ...metadataOf(row), watch: watchJson(verdict) } as Prisma.InputJsonValue },
        });
        if (updated.count === 0) return false;
        await addIncidentEvent(tx, row.incidentId, {
          kind: "remediation_verified",
          message: `${row.type} in ${row.environment}: ${verdict.message}`,
          data: { remediationId: row.id, status: verdict.status, metric: verdict.metric, before: verdict.before, after: verdict.after },
        });
        return true;
      });
      if (stored) judged += 1;
    } catch (err) {
      failed += 1;
      app.logger.warn({ err, remediationId: row.id }, "remediation watch failed");
    }
  }
  return { judged, rolledBack, failed };
}

/** The job handler of sweep-remediations (issue 10): expiry, then the regression watch. */
export async function sweepRemediations(params: { app: App; now?: Date }): Promise<{ expired: number; judged: number; rolledBack: number; failed: number }> {
  const expiry = await expireDueRemediations(params.app, params.now);
  const watch = await judgeDueWatches(params.app, params.now);
  return { expired: expiry.expired, judged: watch.judged, rolledBack: watch.rolledBack, failed: expiry.failed + watch.failed };
}
