import { isUniqueViolation } from "@llmguard/db";
import type { App } from "../app";
import { appendAudit, userChain } from "../audit/audit.service";
import { verifyPassword } from "../auth/password";
import { DomainError, notFound } from "../shared/errors";
import type { Profile, UpdateProfileInput, UserRef } from "./user.schema";

const PROFILE_SELECT = { id: true, name: true, email: true, role: true, createdAt: true } as const;

/** Requirement 8.1. */
export async function getProfile(params: { app: App; userId: string }): Promise<Profile> {
  const user = await params.app.db.user.findUnique({ where: { id: params.userId }, select: PROFILE_SELECT });
  if (!user) throw notFound("User");
  return user;
}

/** Requirement 8.2: updates the name and, with the current password, the e-mail. */
export async function updateProfile(params: { app: App; userId: string; input: UpdateProfileInput; ip?: string | null }): Promise<Profile> {
  const { app, userId, input } = params;
  const user = await app.db.user.findUnique({ where: { id: userId } });
  if (!user) throw notFound("User");
  const emailChanges = input.email !== undefined && input.email !== user.email;
  if (emailChanges) {
    if (!input.currentPassword || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw new DomainError("INVALID_CREDENTIALS", "Your current password is required to change your email", {
        details: { field: "currentPassword" },
      });
    }
  }
  try {
    return await app.db.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: userId },
        data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(emailChanges ? { email: input.email } : {}) },
        select: PROFILE_SELECT,
      });
      const changed = [...(input.name !== undefined && input.name !== user.name ? ["name"] : []), ...(emailChanges ? ["email"] : [])];
      await appendAudit(tx, userChain(userId), { action: "user.profile_updated", actorId: userId, targetType: "user", targetId: userId, ip: params.ip, metadata: { changed } });
      return updated;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("EMAIL_TAKEN", "An account with this email already exists");
    throw e;
  }
}

/** id, e-mail and name of each user among `ids` (authors of versions, actors of audit entries), by id. */
export async function userRefsByIds(db: App["db"], ids: Iterable<string | null | undefined>): Promise<Map<string, UserRef>> {
  const unique = [...new Set([...ids].filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, email: true, name: true } });
  return new Map(users.map((u) => [u.id, u]));
}
