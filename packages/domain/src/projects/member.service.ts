import type { App } from "../app";
import { appendAudit, projectChain } from "../audit/audit.service";
import { DomainError, notFound } from "../shared/errors";
import { requireProjectAccess } from "./permissions";
import type { AddMemberInput, ChangeMemberRoleInput, Member, RemoveMemberInput } from "./project.schema";

const MEMBER_SELECT = { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } } as const;

function toMember(m: { role: Member["role"]; createdAt: Date; user: { id: string; email: string; name: string } }): Member {
  return { userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, createdAt: m.createdAt };
}

export async function listMembers(params: { app: App; userId: string; projectId: string }): Promise<Member[]> {
  await requireProjectAccess({ db: params.app.db, userId: params.userId, projectId: params.projectId, action: "member.read" });
  const rows = await params.app.db.projectMember.findMany({ where: { projectId: params.projectId }, select: MEMBER_SELECT, orderBy: { createdAt: "asc" } });
  return rows.map(toMember);
}

/** Adds an existing user by e-mail. An unknown e-mail answers 404 with a message that says so. */
export async function addMember(params: { app: App; userId: string; input: AddMemberInput; ip?: string | null }): Promise<Member> {
  const { app, userId, input } = params;
  await requireProjectAccess({ db: app.db, userId, projectId: input.projectId, action: "member.manage" });
  const user = await app.db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (!user) throw new DomainError("NOT_FOUND", "No LLMGuard account uses this email; ask them to register first");
  const existing = await app.db.projectMember.findUnique({ where: { projectId_userId: { projectId: input.projectId, userId: user.id } } });
  if (existing) throw new DomainError("CONFLICT", "This user is already a member of the project");
  return app.db.$transaction(async (tx) => {
    const row = await tx.projectMember.create({ data: { projectId: input.projectId, userId: user.id, role: input.role }, select: MEMBER_SELECT });
    await appendAudit(tx, projectChain(input.projectId), { action: "member.added", actorId: userId, projectId: input.projectId, targetType: "user", targetId: user.id, ip: params.ip, metadata: { role: input.role } });
    return toMember(row);
  });
}

async function findTarget(app: App, projectId: string, userId: string) {
  const target = await app.db.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } } });
  if (!target) throw notFound("Member");
  if (target.role === "owner") throw new DomainError("FORBIDDEN", "The project owner's membership cannot be changed");
  return target;
}

export async function changeMemberRole(params: { app: App; userId: string; input: ChangeMemberRoleInput; ip?: string | null }): Promise<Member> {
  const { app, userId, input } = params;
  await requireProjectAccess({ db: app.db, userId, projectId: input.projectId, action: "member.manage" });
  const target = await findTarget(app, input.projectId, input.userId);
  return app.db.$transaction(async (tx) => {
    const row = await tx.projectMember.update({ where: { projectId_userId: { projectId: input.projectId, userId: input.userId } }, data: { role: input.role }, select: MEMBER_SELECT });
    await appendAudit(tx, projectChain(input.projectId), { action: "member.role_changed", actorId: userId, projectId: input.projectId, targetType: "user", targetId: input.userId, ip: params.ip, metadata: { before: target.role, after: input.role } });
    return toMember(row);
  });
}

/** Removes a member; any member but the owner may also remove themselves (leave the project). */
export async function removeMember(params: { app: App; userId: string; input: RemoveMemberInput; ip?: string | null }): Promise<void> {
  const { app, userId, input } = params;
  if (input.userId !== userId) await requireProjectAccess({ db: app.db, userId, projectId: input.projectId, action: "member.manage" });
  else await requireProjectAccess({ db: app.db, userId, projectId: input.projectId, action: "project.read" });
  const target = await findTarget(app, input.projectId, input.userId);
  await app.db.$transaction(async (tx) => {
    await tx.projectMember.delete({ where: { projectId_userId: { projectId: input.projectId, userId: input.userId } } });
    await appendAudit(tx, projectChain(input.projectId), { action: "member.removed", actorId: userId, projectId: input.projectId, targetType: "user", targetId: input.userId, ip: params.ip, metadata: { role: target.role } });
  });
}
