import type { App } from "../app";
import { requireProjectAccess } from "../projects/permissions";
import { userRefsByIds } from "../users/user.service";
import type { AuditFilter, AuditVerification, ListProjectAuditInput, ProjectAuditEntryView } from "./audit.schema";
import { iterateAuditEntries, listAuditEntries, projectChain, verifyAuditChain } from "./audit.service";

/** A project's audit trail, newest first, with filters (admins and owners). */
export async function listProjectAudit(params: { app: App; userId: string } & Partial<ListProjectAuditInput> & { projectId: string }): Promise<ProjectAuditEntryView[]> {
  const { app, userId, projectId, ...q } = params;
  await requireProjectAccess({ db: app.db, userId, projectId, action: "audit.read" });
  const entries = await listAuditEntries({ db: app.db, chain: projectChain(projectId), ...q });
  const byId = await userRefsByIds(app.db, entries.map((e) => e.actorId));
  return entries.map((e) => ({ ...e, actor: e.actorId ? (byId.get(e.actorId) ?? null) : null }));
}

/**
 * The matching entries as JSON Lines, oldest first, one entry per line with its hash, so an export can
 * be verified offline. Authorization happens before the first line.
 */
export async function exportProjectAudit(params: { app: App; userId: string; filter: AuditFilter }): Promise<AsyncGenerator<string>> {
  const { app, userId, filter } = params;
  const { projectId, ...q } = filter;
  await requireProjectAccess({ db: app.db, userId, projectId, action: "audit.read" });
  return (async function* lines() {
    for await (const e of iterateAuditEntries({ db: app.db, chain: projectChain(projectId), ...q })) yield `${JSON.stringify(e)}\n`;
  })();
}

/** Recomputes the project's chain and names the first altered entry, if any. */
export async function verifyProjectAudit(params: { app: App; userId: string; projectId: string }): Promise<AuditVerification> {
  await requireProjectAccess({ db: params.app.db, userId: params.userId, projectId: params.projectId, action: "audit.read" });
  return verifyAuditChain({ db: params.app.db, chain: projectChain(params.projectId) });
}
