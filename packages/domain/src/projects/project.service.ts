import type { App } from "../app";
import { insertApiKey } from "../api-keys/api-key.service";
import { appendAudit, projectChain } from "../audit/audit.service";
import { initProjectSettings } from "../settings/settings.service";
import { notFound } from "../shared/errors";
import { requireProjectAccess, type ProjectRoleName } from "./permissions";
import type { CreateProjectInput, ProjectCreated, ProjectSummary } from "./project.schema";

interface ProjectRow {
  id: string;
  name: string;
  createdAt: Date;
  apiKeys: { expiresAt: Date | null; lastUsedAt: Date | null }[];
}

function summarize(p: ProjectRow, role: ProjectRoleName, now = new Date()): ProjectSummary {
  const active = p.apiKeys.filter((k) => !k.expiresAt || k.expiresAt > now).length;
  const lastUsed = p.apiKeys.reduce<Date | null>((acc, k) => (k.lastUsedAt && (!acc || k.lastUsedAt > acc) ? k.lastUsedAt : acc), null);
  return {
    id: p.id,
    name: p.name,
    createdAt: p.createdAt,
    role,
    keyStatus: p.apiKeys.length === 0 ? "none" : active > 0 ? "active" : "expired",
    activeKeys: active,
    lastUsedAt: lastUsed,
  };
}

const SUMMARY_SELECT = { id: true, name: true, createdAt: true, apiKeys: { select: { expiresAt: true, lastUsedAt: true } } } as const;

/**
 * Requirement 2.1: creates the project with its creator as owner, its first API key (returned once) and
 * the first version of its settings, all in one transaction.
 */
export async function createProject(params: { app: App; userId: string; input: CreateProjectInput; ip?: string | null }): Promise<ProjectCreated> {
  const { app, userId, input } = params;
  return app.db.$transaction(async (tx) => {
    const project = await tx.project.create({ data: { name: input.name, members: { create: { userId, role: "owner" } } } });
    await appendAudit(tx, projectChain(project.id), { action: "project.created", actorId: userId, projectId: project.id, targetType: "project", targetId: project.id, ip: params.ip, metadata: { name: project.name } });
    await initProjectSettings(tx, { projectId: project.id, authorId: userId });
    const apiKey = await insertApiKey(tx, { pepper: app.env.API_KEY_PEPPER, projectId: project.id, actorId: userId, name: "default", scopes: ["ingest"], ip: params.ip });
    const row = await tx.project.findUniqueOrThrow({ where: { id: project.id }, select: SUMMARY_SELECT });
    return { project: summarize(row, "owner"), apiKey };
  });
}

/** Requirement 2.2: the projects the user belongs to, with key status and last use. */
export async function listProjects(params: { app: App; userId: string }): Promise<ProjectSummary[]> {
  const memberships = await params.app.db.projectMember.findMany({
    where: { userId: params.userId },
    select: { role: true, project: { select: SUMMARY_SELECT } },
    orderBy: { project: { createdAt: "desc" } },
  });
  return memberships.map((m) => summarize(m.project, m.role));
}

export async function getProject(params: { app: App; userId: string; projectId: string }): Promise<ProjectSummary> {
  const access = await requireProjectAccess({ db: params.app.db, userId: params.userId, projectId: params.projectId, action: "project.read" });
  const row = await params.app.db.project.findUnique({ where: { id: params.projectId }, select: SUMMARY_SELECT });
  if (!row) throw notFound("Project");
  return summarize(row, access.role);
}

export async function renameProject(params: { app: App; userId: string; projectId: string; name: string; ip?: string | null }): Promise<ProjectSummary> {
  const { app, userId, projectId, name } = params;
  const access = await requireProjectAccess({ db: app.db, userId, projectId, action: "project.update" });
  return app.db.$transaction(async (tx) => {
    const before = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { name: true } });
    const row = await tx.project.update({ where: { id: projectId }, data: { name }, select: SUMMARY_SELECT });
    if (before.name !== name) {
      await appendAudit(tx, projectChain(projectId), { action: "project.renamed", actorId: userId, projectId, targetType: "project", targetId: projectId, ip: params.ip, metadata: { before: before.name, after: name } });
    }
    return summarize(row, access.role);
  });
}

/**
 * Deletes the project and everything in it (keys stop working at once). The deletion is recorded on the
 * owner's own audit chain, since the project's chain goes with the project.
 */
export async function deleteProject(params: { app: App; userId: string; projectId: string; ip?: string | null }): Promise<void> {
  const { app, userId, projectId } = params;
  await requireProjectAccess({ db: app.db, userId, projectId, action: "project.delete" });
  await app.db.$transaction(async (tx) => {
    const project = await tx.project.delete({ where: { id: projectId } });
    await tx.auditEntry.deleteMany({ where: { chain: projectChain(projectId) } });
    await tx.auditChainHead.deleteMany({ where: { chain: projectChain(projectId) } });
    await appendAudit(tx, `user:${userId}`, { action: "project.deleted", actorId: userId, projectId, targetType: "project", targetId: projectId, ip: params.ip, metadata: { name: project.name } });
  });
  await app.invalidate({ kind: "project", projectId });
}
