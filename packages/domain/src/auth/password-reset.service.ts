import type { App } from "../app";
import { appendAudit, userChain } from "../audit/audit.service";
import { randomToken, sha256Hex } from "../shared/crypto";
import { DomainError } from "../shared/errors";
import type { ClientMeta } from "./auth.service";
import { hashPassword } from "./password";
import { RESET_TOKEN_TTL_SECONDS } from "./tokens";

/**
 * Requirement 1.6, first half: e-mails a single-use reset link valid for one hour. The answer is the same
 * whether or not the address has an account, so the endpoint does not reveal who is registered.
 */
export async function requestPasswordReset(params: { app: App; email: string; meta?: ClientMeta }): Promise<void> {
  const { app, email } = params;
  await app.limits.resetRequestsByEmail.consume(email);
  const user = await app.db.user.findUnique({ where: { email } });
  if (!user) return;
  const token = randomToken(32);
  await app.db.$transaction(async (tx) => {
    await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_SECONDS * 1000) },
    });
    await appendAudit(tx, userChain(user.id), { action: "auth.password_reset_requested", actorId: user.id, ip: params.meta?.ip });
  });
  const link = `${app.env.APP_URL.replace(/\/$/, "")}/reset-password?token=${encodeURIComponent(token)}`;
  await app.mailer.send({
    to: user.email,
    subject: "Reset your LLMGuard password",
    text: `Someone asked to reset the password of your LLMGuard account.\n\nOpen this link within one hour to choose a new password:\n${link}\n\nIf it was not you, ignore this e-mail; your password stays as it is.`,
  });
}

/**
 * Requirement 1.6, second half: sets the new password with a valid, unused, unexpired token. The token is
 * spent, every other outstanding reset token dies with it, and every session of the user is revoked.
 */
export async function confirmPasswordReset(params: { app: App; token: string; password: string; meta?: ClientMeta }): Promise<void> {
  const { app } = params;
  const invalid = () => new DomainError("INVALID_TOKEN", "This reset link is invalid or has expired");
  const row = await app.db.passwordResetToken.findUnique({ where: { tokenHash: sha256Hex(params.token) } });
  if (!row || row.usedAt || row.expiresAt <= new Date()) throw invalid();
  const passwordHash = await hashPassword(params.password);
  await app.db.$transaction(async (tx) => {
    const spent = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (spent.count !== 1) throw invalid();
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await tx.session.updateMany({ where: { userId: row.userId, revokedAt: null }, data: { revokedAt: new Date(), revokedWhy: "password_reset" } });
    await appendAudit(tx, userChain(row.userId), { action: "auth.password_reset", actorId: row.userId, ip: params.meta?.ip });
  });
}
