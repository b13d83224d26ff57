import { isUniqueViolation } from "@llmguard/db";
import type { App } from "../app";
import { appendAudit, SYSTEM_CHAIN, userChain } from "../audit/audit.service";
import { randomToken, sha256Hex } from "../shared/crypto";
import { DomainError } from "../shared/errors";
import type { LoginInput, RegisterInput, TokenPair } from "./auth.schema";
import { hashPassword, verifyPassword } from "./password";
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, signAccessToken, verifyAccessTokenSignature } from "./tokens";

/** Where a call came from; stored on sessions and audit entries. */
export interface ClientMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuthenticatedUser {
  userId: string;
  sessionId: string;
  email: string;
}

const INVALID_CREDENTIALS = () => new DomainError("INVALID_CREDENTIALS", "Invalid email or password");
const INVALID_REFRESH = () => new DomainError("INVALID_TOKEN", "Invalid or expired refresh token");

/** Requirement 1.1: creates the account; a taken e-mail answers 409. */
export async function registerUser(params: { app: App; input: RegisterInput; meta?: ClientMeta }) {
  const { app, input, meta } = params;
  const passwordHash = await hashPassword(input.password);
  try {
    return await app.db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name ?? "", passwordHash } });
      await appendAudit(tx, userChain(user.id), { action: "auth.register", actorId: user.id, targetType: "user", targetId: user.id, ip: meta?.ip });
      return { id: user.id, email: user.email };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("EMAIL_TAKEN", "An account with this email already exists");
    throw e;
  }
}

async function issueTokens(app: App, userId: string, sessionId: string): Promise<TokenPair> {
  const refreshToken = randomToken(32);
  await app.db.refreshToken.create({
    data: { sessionId, tokenHash: sha256Hex(refreshToken), expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000) },
  });
  const accessToken = await signAccessToken(app.env.JWT_SECRET, { userId, sessionId });
  return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

/**
 * Requirement 1.2 and 1.5: verifies the credentials and opens a session. Every failure answers the same
 * generic 401; repeated failures per e-mail and per IP answer 429 with Retry-After.
 */
export async function loginUser(params: { app: App; input: LoginInput; meta?: ClientMeta }): Promise<TokenPair & { userId: string }> {
  const { app, input, meta } = params;
  const ipKey = meta?.ip ?? "unknown";
  await app.limits.loginFailuresByEmail.check(input.email);
  await app.limits.loginFailuresByIp.check(ipKey);

  const user = await app.db.user.findUnique({ where: { email: input.email } });
  const ok = await verifyPassword(input.password, user?.passwordHash);
  if (!user || !ok) {
    await appendAudit(app.db, user ? userChain(user.id) : SYSTEM_CHAIN, {
      action: "auth.login_failed",
      actorId: user?.id ?? null,
      ip: meta?.ip,
      metadata: { email: input.email, reason: user ? "wrong_password" : "unknown_email" },
    }).catch((e: unknown) => app.logger.error({ err: e }, "audit append failed"));
    await Promise.all([
      app.limits.loginFailuresByEmail.consume(input.email).catch(() => undefined),
      app.limits.loginFailuresByIp.consume(ipKey).catch(() => undefined),
    ]);
    throw INVALID_CREDENTIALS();
  }
  await app.limits.loginFailuresByEmail.reset(input.email);

  const session = await app.db.$transaction(async (tx) => {
    const s = await tx.session.create({
      data: {
        userId: user.id,
        expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
        ip: meta?.ip ?? null,
        userAgent: meta?.userAgent?.slice(0, 300) ?? null,
      },
    });
    await appendAudit(tx, userChain(user.id), { action: "auth.login", actorId: user.id, targetType: "session", targetId: s.id, ip: meta?.ip });
    return s;
  });
  return { ...(await issueTokens(app, user.id, session.id)), userId: user.id };
}

/**
 * Requirement 1.3: exchanges a refresh token for a new pair. Every use rotates the refresh token; a token
 * presented a second time means it was stolen or replayed, so the whole session (the family) is revoked.
 */
export async function refreshTokens(params: { app: App; refreshToken: string }): Promise<TokenPair & { userId: string }> {
  const { app } = params;
  const token = await app.db.refreshToken.findUnique({ where: { tokenHash: sha256Hex(params.refreshToken) }, include: { session: true } });
  if (!token) throw INVALID_REFRESH();
  const { session } = token;
  const now = new Date();
  if (token.usedAt) {
    await revokeSession(app, session.id, "refresh_token_reuse", "auth.refresh_reuse_detected", session.userId);
    throw INVALID_REFRESH();
  }
  if (session.revokedAt || session.expiresAt <= now || token.expiresAt <= now) throw INVALID_REFRESH();
  // Conditional claim: two concurrent uses of one token cannot both succeed.
  const claimed = await app.db.refreshToken.updateMany({ where: { id: token.id, usedAt: null }, data: { usedAt: now } });
  if (claimed.count !== 1) {
    await revokeSession(app, session.id, "refresh_token_reuse", "auth.refresh_reuse_detected", session.userId);
    throw INVALID_REFRESH();
  }
  await app.db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000) } });
  return { ...(await issueTokens(app, session.userId, session.id)), userId: session.userId };
}

async function revokeSession(app: App, sessionId: string, why: string, action: "auth.logout" | "auth.refresh_reuse_detected", userId: string, ip?: string | null) {
  await app.db.$transaction(async (tx) => {
    const res = await tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date(), revokedWhy: why } });
    if (res.count > 0) await appendAudit(tx, userChain(userId), { action, actorId: userId, targetType: "session", targetId: sessionId, ip });
  });
}

/**
 * Requirement 1.4: revokes the session of the access token or of the refresh token given. Its access and
 * refresh tokens stop working at once.
 */
export async function logoutUser(params: { app: App; sessionId?: string; refreshToken?: string; meta?: ClientMeta }): Promise<void> {
  const { app } = params;
  let sessionId = params.sessionId;
  if (!sessionId && params.refreshToken) {
    const token = await app.db.refreshToken.findUnique({ where: { tokenHash: sha256Hex(params.refreshToken) }, select: { sessionId: true } });
    sessionId = token?.sessionId;
  }
  if (!sessionId) throw new DomainError("UNAUTHENTICATED", "Authentication required");
  const session = await app.db.session.findUnique({ where: { id: sessionId } });
  if (!session) throw new DomainError("UNAUTHENTICATED", "Authentication required");
  await revokeSession(app, session.id, "logout", "auth.logout", session.userId, params.meta?.ip);
}

/** Verifies an access token and that its session is still open; null when it is not valid. */
export async function authenticateAccessToken(params: { app: App; token: string }): Promise<AuthenticatedUser | null> {
  const claims = await verifyAccessTokenSignature(params.app.env.JWT_SECRET, params.token);
  if (!claims) return null;
  const session = await params.app.db.session.findUnique({
    where: { id: claims.sessionId },
    select: { revokedAt: true, expiresAt: true, userId: true, user: { select: { email: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date() || session.userId !== claims.userId) return null;
  return { userId: claims.userId, sessionId: claims.sessionId, email: session.user.email };
}
