import type { App } from "../app";
import { requireProjectAccess } from "../projects/permissions";
import type { AuditEntryView, AuditVerification } from "./audit.schema";
import { listAuditEntries, projectChain, verifyAuditChain } from "./audit.service";

/** A project's audit trail, newest first (admins and owners). */
export async function listProjectAudit(params: { app: App; userId: string; projectId: string; limit?: number; beforeSeq?: number }): Promise<AuditEntryView[]> {
  await requireProjectAccess({ db: params.app.db, userId: params.userId, projectId: params.projectId, action: "audit.read" });
  return listAuditEntries({ db: params.app.db, chain: projectChain(params.projectId), limit: params.limit, beforeSeq: params.beforeSeq });
}

/** Recomputes the project's chain and names the first altered entry, if any. */
export async function verifyProjectAudit(params: { app: App; userId: string; projectId: string }): Promise<AuditVerification> {
  await requireProjectAccess({ db: params.app.db, userId: params.userId, projectId: params.projectId, action: "audit.read" });
  return verifyAuditChain({ db: params.app.db, chain: projectChain(params.projectId) });
}
