import type { Db } from "@llmguard/db";
import { DomainError, notFound } from "../shared/errors";
import { PERMISSIONS, roleAllows, type ProjectAction, type ProjectRoleName } from "./permissions.schema";

export * from "./permissions.schema";

export interface ProjectAccess {
  projectId: string;
  userId: string;
  role: ProjectRoleName;
}

/**
 * Authorizes `userId` for `action` on a project. A project the user is not a member of answers 404,
 * never revealing that it exists; a member without the role answers 403.
 */
export async function requireProjectAccess(params: { db: Db; userId: string; projectId: string; action: ProjectAction }): Promise<ProjectAccess> {
  const { db, userId, projectId, action } = params;
  const member = await db.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { role: true } });
  if (!member) throw notFound("Project");
  if (!roleAllows(member.role, action)) {
    throw new DomainError("FORBIDDEN", `Your role (${member.role}) cannot do this: ${action} needs ${PERMISSIONS[action]} or higher`, {
      details: { action, role: member.role, required: PERMISSIONS[action] },
    });
  }
  return { projectId, userId, role: member.role };
}
