import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "@llmguard/domain";
import { createTestApp } from "@llmguard/domain/testing";
import { anonymousCaller, signedInCaller } from "../testing/caller";
import { restClient, serveRest } from "../testing/serve";

/**
 * Cross-tenant isolation: a second user can neither read nor change the first user's project, keys,
 * members or settings, through any tRPC procedure or REST route; the answer is always 404 (never 403),
 * so the project's existence is not revealed.
 */
let app: App & { close(): Promise<void> };
let server: { url: string; close: () => Promise<void> };
let alice: Awaited<ReturnType<typeof signedInCaller>>;
let mallory: Awaited<ReturnType<typeof signedInCaller>>;
let projectId: string;
let keyId: string;
let key: string;

beforeAll(async () => {
  app = await createTestApp();
  server = await serveRest(app);
  alice = await signedInCaller(app, "alice");
  mallory = await signedInCaller(app, "mallory");
  const created = await alice.trpc.project.create({ name: "Alice's bot" });
  projectId = created.project.id;
  keyId = created.apiKey.id;
  key = created.apiKey.key;
});
afterAll(async () => {
  await server?.close();
  await app?.close();
});

const notFound = { cause: expect.objectContaining({ code: "NOT_FOUND" }) };

describe("tRPC: another user's project is invisible", () => {
  it.each([
    ["project.byId", () => mallory.trpc.project.byId({ projectId })],
    ["project.rename", () => mallory.trpc.project.rename({ projectId, name: "pwned" })],
    ["project.delete", () => mallory.trpc.project.delete({ projectId })],
    ["apiKey.list", () => mallory.trpc.apiKey.list({ projectId })],
    ["apiKey.create", () => mallory.trpc.apiKey.create({ projectId, name: "x", scopes: ["ingest"] })],
    ["apiKey.rotate", () => mallory.trpc.apiKey.rotate({ projectId, keyId })],
    ["apiKey.delete", () => mallory.trpc.apiKey.delete({ projectId, keyId })],
    ["member.list", () => mallory.trpc.member.list({ projectId })],
    ["member.add", () => mallory.trpc.member.add({ projectId, email: mallory.email, role: "admin" })],
    ["member.changeRole", () => mallory.trpc.member.changeRole({ projectId, userId: alice.userId, role: "viewer" })],
    ["member.remove", () => mallory.trpc.member.remove({ projectId, userId: alice.userId })],
    ["setting.get", () => mallory.trpc.setting.get({ projectId })],
    ["setting.update", () => mallory.trpc.setting.update({ projectId, safetyThreshold: 1 })],
    ["setting.listHistory", () => mallory.trpc.setting.listHistory({ projectId })],
    ["audit.list", () => mallory.trpc.audit.list({ projectId, limit: 10 })],
    ["audit.verify", () => mallory.trpc.audit.verify({ projectId })],
  ])("%s answers NOT_FOUND", async (_name, call) => {
    await expect(call()).rejects.toMatchObject(notFound);
  });

  it("lists only the caller's own projects", async () => {
    expect(await mallory.trpc.project.list()).toEqual([]);
    expect((await alice.trpc.project.list()).map((p) => p.id)).toEqual([projectId]);
  });

  it("left everything of the first user unchanged", async () => {
    const settings = await alice.trpc.setting.get({ projectId });
    expect(settings).toMatchObject({ name: "Alice's bot", safetyThreshold: 70, version: 1 });
    expect(await alice.trpc.apiKey.list({ projectId })).toHaveLength(1);
    expect((await alice.trpc.member.list({ projectId })).map((m) => m.email)).toEqual([alice.email]);
  });

  it("requires a session for every user procedure", async () => {
    await expect(anonymousCaller(app).project.list()).rejects.toMatchObject({ code: "UNAUTHORIZED", cause: expect.objectContaining({ code: "UNAUTHENTICATED" }) });
  });
});

describe("REST: another user's project answers 404", () => {
  const routes: [string, string, unknown?][] = [
    ["GET", "/api/v1/projects/{p}"],
    ["PATCH", "/api/v1/projects/{p}", { name: "pwned" }],
    ["DELETE", "/api/v1/projects/{p}"],
    ["GET", "/api/v1/projects/{p}/api-keys"],
    ["POST", "/api/v1/projects/{p}/api-keys", {}],
    ["POST", "/api/v1/projects/{p}/api-keys/{k}/rotate"],
    ["DELETE", "/api/v1/projects/{p}/api-keys/{k}"],
    ["GET", "/api/v1/projects/{p}/members"],
    ["POST", "/api/v1/projects/{p}/members", { email: "x@example.test", role: "viewer" }],
    ["PATCH", "/api/v1/projects/{p}/members/{u}", { role: "viewer" }],
    ["DELETE", "/api/v1/projects/{p}/members/{u}"],
    ["GET", "/api/v1/projects/{p}/settings"],
    ["PATCH", "/api/v1/projects/{p}/settings", { safetyThreshold: 1 }],
    ["GET", "/api/v1/projects/{p}/settings/history"],
    ["GET", "/api/v1/projects/{p}/audit"],
    ["GET", "/api/v1/projects/{p}/audit/verify"],
  ];
  it.each(routes)("%s %s", async (method, template, body) => {
    const path = template.replace("{p}", projectId).replace("{k}", keyId).replace("{u}", alice.userId);
    const res = await restClient(server.url)(method, path, { token: mallory.accessToken, body });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });

  it("the first user's key still works afterwards", async () => {
    const res = await restClient(server.url)("GET", "/api/v1/whoami", { apiKey: key });
    expect(res.body).toEqual({ projectId, keyId, scopes: ["ingest"] });
  });
});
