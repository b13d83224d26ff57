import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app";
import { verifyAuditChain, userChain } from "../audit/audit.service";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "../testing";
import { authenticateAccessToken, loginUser, logoutUser, refreshTokens, registerUser } from "./auth.service";
import { confirmPasswordReset, requestPasswordReset } from "./password-reset.service";
import { signAccessToken } from "./tokens";

let app: App;
beforeAll(async () => {
  app = await createTestApp({ LOGIN_MAX_FAILURES_PER_EMAIL: "3" });
});
afterAll(async () => app?.close());

async function registered() {
  const email = uniqueEmail();
  const user = await registerUser({ app, input: { email, password: TEST_PASSWORD } });
  return { email, user };
}

describe("register", () => {
  it("stores a bcrypt hash, never the password, and refuses a duplicate e-mail with EMAIL_TAKEN", async () => {
    const { email, user } = await registered();
    const row = await app.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
    await expect(registerUser({ app, input: { email, password: TEST_PASSWORD } })).rejects.toMatchObject({ code: "EMAIL_TAKEN" });
  });
});

describe("login, refresh, logout", () => {
  it("issues tokens that authenticate until logout, then stop at once", async () => {
    const { email, user } = await registered();
    const pair = await loginUser({ app, input: { email, password: TEST_PASSWORD }, meta: { ip: "10.0.0.1" } });
    expect(pair.expiresIn).toBe(900);
    const who = await authenticateAccessToken({ app, token: pair.accessToken });
    expect(who?.userId).toBe(user.id);
    await logoutUser({ app, sessionId: who!.sessionId });
    expect(await authenticateAccessToken({ app, token: pair.accessToken })).toBeNull();
    await expect(refreshTokens({ app, refreshToken: pair.refreshToken })).rejects.toMatchObject({ code: "INVALID_TOKEN" });
  });

  it("answers one generic message for a wrong password and an unknown e-mail", async () => {
    const { email } = await registered();
    const a = await loginUser({ app, input: { email, password: "wrong-password-1" } }).catch((e: unknown) => e);
    const b = await loginUser({ app, input: { email: uniqueEmail("nobody"), password: "wrong-password-1" } }).catch((e: unknown) => e);
    expect(a).toMatchObject({ code: "INVALID_CREDENTIALS", message: "Invalid email or password" });
    expect(b).toMatchObject({ code: "INVALID_CREDENTIALS", message: "Invalid email or password" });
  });

  it("throttles repeated failures for one e-mail with RATE_LIMITED and a retry delay, even for the right password", async () => {
    const { email } = await registered();
    for (let i = 0; i < 3; i++) await loginUser({ app, input: { email, password: "wrong-password-1" } }).catch(() => undefined);
    const err = await loginUser({ app, input: { email, password: TEST_PASSWORD } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "RATE_LIMITED" });
    expect((err as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("rotates the refresh token on every use and revokes the family when a used token comes back", async () => {
    const { email } = await registered();
    const first = await loginUser({ app, input: { email, password: TEST_PASSWORD } });
    const second = await refreshTokens({ app, refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await authenticateAccessToken({ app, token: second.accessToken })).not.toBeNull();
    // replaying the first token: the whole session dies, including the newest pair
    await expect(refreshTokens({ app, refreshToken: first.refreshToken })).rejects.toMatchObject({ code: "INVALID_TOKEN" });
    expect(await authenticateAccessToken({ app, token: second.accessToken })).toBeNull();
    await expect(refreshTokens({ app, refreshToken: second.refreshToken })).rejects.toMatchObject({ code: "INVALID_TOKEN" });
  });

  it("rejects an access token signed with another secret or already expired", async () => {
    const { email } = await registered();
    const pair = await loginUser({ app, input: { email, password: TEST_PASSWORD } });
    const who = (await authenticateAccessToken({ app, token: pair.accessToken }))!;
    const forged = await signAccessToken("another-secret-another-secret-another-secret", { userId: who.userId, sessionId: who.sessionId });
    expect(await authenticateAccessToken({ app, token: forged })).toBeNull();
    const expired = await signAccessToken(app.env.JWT_SECRET, { userId: who.userId, sessionId: who.sessionId }, Date.now() - 16 * 60_000);
    expect(await authenticateAccessToken({ app, token: expired })).toBeNull();
  });
});

describe("password reset", () => {
  it("e-mails a single-use link, sets the new password and revokes every session", async () => {
    const { email, user } = await registered();
    const session = await loginUser({ app, input: { email, password: TEST_PASSWORD } });
    await requestPasswordReset({ app, email });
    const mail = await app.db.outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.text)![1]!);
    await confirmPasswordReset({ app, token, password: "brand-new-pass-7" });
    expect(await authenticateAccessToken({ app, token: session.accessToken })).toBeNull();
    await expect(confirmPasswordReset({ app, token, password: "another-pass-8" })).rejects.toMatchObject({ code: "INVALID_TOKEN" });
    await expect(loginUser({ app, input: { email, password: TEST_PASSWORD } })).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    const ok = await loginUser({ app, input: { email, password: "brand-new-pass-7" } });
    expect(ok.userId).toBe(user.id);
  });

  it("says nothing about unknown e-mails and sends them nothing", async () => {
    const email = uniqueEmail("ghost");
    await requestPasswordReset({ app, email });
    expect(await app.db.outboxEmail.count({ where: { to: email } })).toBe(0);
  });

  it("records the account's events in a verifiable audit chain without secrets", async () => {
    const { email, user } = await registered();
    await loginUser({ app, input: { email, password: TEST_PASSWORD } });
    const result = await verifyAuditChain({ db: app.db, chain: userChain(user.id) });
    expect(result).toMatchObject({ ok: true, entries: 2 });
    const entries = await app.db.auditEntry.findMany({ where: { chain: userChain(user.id) } });
    expect(JSON.stringify(entries, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(TEST_PASSWORD);
  });
});
