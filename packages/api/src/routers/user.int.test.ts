import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "@llmguard/domain";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "@llmguard/domain/testing";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "../root";
import { anonymousCaller, signedInCaller } from "../testing/caller";

let app: App & { close(): Promise<void> };
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.close());

describe("profile (requirement 8.1, 8.2)", () => {
  it("returns name, e-mail, role and created date, and updates the name", async () => {
    const u = await signedInCaller(app, "Grace");
    const me = await u.trpc.user.me();
    expect(me).toMatchObject({ id: u.userId, email: u.email, name: "Grace", role: "user" });
    expect(me.createdAt).toBeInstanceOf(Date);
    expect(await u.trpc.user.update({ name: "Grace Hopper" })).toMatchObject({ name: "Grace Hopper" });
  });

  it("changes the e-mail only with the current password", async () => {
    const u = await signedInCaller(app);
    const next = uniqueEmail("moved");
    await expect(u.trpc.user.update({ email: next })).rejects.toMatchObject({ cause: expect.objectContaining({ code: "INVALID_CREDENTIALS" }) });
    await expect(u.trpc.user.update({ email: next, currentPassword: "wrong-password-1" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await u.trpc.user.update({ email: next, currentPassword: TEST_PASSWORD })).toMatchObject({ email: next });
  });

  it("refuses an e-mail that another account uses with CONFLICT", async () => {
    const a = await signedInCaller(app);
    const b = await signedInCaller(app);
    await expect(b.trpc.user.update({ email: a.email, currentPassword: TEST_PASSWORD })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("tRPC error shape", () => {
  it("carries the domain code and the Zod issues for invalid input", async () => {
    const err = await anonymousCaller(app)
      .auth.register({ email: "nope", password: "short" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
    const u = await signedInCaller(app);
    const bad = await u.trpc.setting.update({ projectId: "not-a-uuid", safetyThreshold: 5 }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("formats errors over HTTP with our code, the issues, and no stack", async () => {
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/auth.register", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: { email: "nope", password: "short" } }) }),
      router: appRouter,
      createContext: () => ({ app, accessToken: null, ip: null, userAgent: null }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { json: { data: { code: string; stack?: string; details: { issues: { path: string }[] } } } } };
    expect(body.error.json.data.code).toBe("VALIDATION_FAILED");
    expect(body.error.json.data.stack ?? null).toBeNull();
    expect(body.error.json.data.details.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("logs out through tRPC and the same token stops working", async () => {
    const u = await signedInCaller(app);
    await u.trpc.auth.logout();
    await expect(u.trpc.user.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
