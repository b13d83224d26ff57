import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "@llmguard/domain/testing";
import { signedInCaller } from "../testing/caller";
import { addMemberOverRest, projectOverRest, signUpOverRest } from "../testing/rest-fixtures";
import { restClient, serveRest } from "../testing/serve";
import { buildOpenApiDocument } from "./openapi";
import { restRoutes } from "./routes";

/**
 * POST /api/v1/projects/{projectId}/notifications/test and tRPC notification.test over real HTTP, with the
 * channel configured through the existing secrets and config APIs and a local Slack-like receiver
 * (reachable because this server opts in with NOTIFICATIONS_ALLOW_PRIVATE_URLS=1).
 */
let app: Awaited<ReturnType<typeof createTestApp>>;
let server: { url: string; close: () => Promise<void> };
let call: ReturnType<typeof restClient>;
let slack: { url: string; requests: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[]; close: () => Promise<void> };

async function startSlackReceiver(): Promise<typeof slack> {
  const requests: (typeof slack)["requests"] = [];
  const srv = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/services/T0/B0/token`,
    requests,
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

beforeAll(async () => {
  app = await createTestApp({ NOTIFICATIONS_ALLOW_PRIVATE_URLS: "1" });
  server = await serveRest(app);
  call = restClient(server.url);
  slack = await startSlackReceiver();
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await slack?.close();
});

/** A project whose owner set the Slack URL through the secrets API, with an admin and a developer. */
async function configured() {
  const owner = await projectOverRest(call, { name: "Support bot" });
  const admin = await signUpOverRest(call, "Admin");
  const developer = await signUpOverRest(call, "Dev");
  await addMemberOverRest(call, owner.token, owner.projectId, admin.email, "admin");
  await addMemberOverRest(call, owner.token, owner.projectId, developer.email, "developer");
  const put = await call("PUT", `/api/v1/projects/${owner.projectId}/secrets/NOTIFY_SLACK_WEBHOOK_URL`, { token: owner.token, body: { value: slack.url } });
  expect(put.status).toBe(200);
  return { owner, admin, developer, projectId: owner.projectId };
}

const testPath = (projectId: string) => `/api/v1/projects/${projectId}/notifications/test`;

describe("POST /api/v1/projects/{projectId}/notifications/test", () => {
  it("an admin sends a sample to Slack (200); a developer gets 403; another project's admin 404", async () => {
    const p = await configured();
    const before = slack.requests.length;
    const ok = await call("POST", testPath(p.projectId), { token: p.admin.token, body: { channel: "slack" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ channel: "slack", delivered: true });
    expect(slack.requests).toHaveLength(before + 1);
    expect(String(slack.requests.at(-1)!.body.text)).toMatch(/^\[TEST\] \[HIGH\] Test notification: .* — Support bot /);

    const dev = await call("POST", testPath(p.projectId), { token: p.developer.token, body: { channel: "slack" } });
    expect(dev.status).toBe(403);
    expect(dev.body.error.code).toBe("FORBIDDEN");

    const other = await configured();
    const stranger = await call("POST", testPath(p.projectId), { token: other.admin.token, body: { channel: "slack" } });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe("NOT_FOUND");
    expect(slack.requests).toHaveLength(before + 1);
  });

  it("answers 400 for an unknown channel and for a channel that is not configured", async () => {
    const p = await configured();
    const bad = await call("POST", testPath(p.projectId), { token: p.owner.token, body: { channel: "sms" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(["channel"]);

    const webhook = await call("POST", testPath(p.projectId), { token: p.owner.token, body: { channel: "webhook" } });
    expect(webhook.status).toBe(400);
    expect(webhook.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      message: "Webhook notifications are not configured: the project secrets NOTIFY_WEBHOOK_URL and NOTIFY_WEBHOOK_SIGNING_SECRET are not set",
    });
  });

  it("the minimum severities are typed config keys: a bad value is refused, a good one stored", async () => {
    const p = await configured();
    const bad = await call("PUT", `/api/v1/projects/${p.projectId}/config/base`, { token: p.owner.token, body: { values: { "notifications.slack.minSeverity": "urgent" } } });
    expect(bad.status).toBe(400);
    const good = await call("PUT", `/api/v1/projects/${p.projectId}/config/base`, { token: p.owner.token, body: { values: { "notifications.slack.minSeverity": "medium" } } });
    expect(good.status).toBe(200);
  });

  it("is in the OpenAPI document with its error statuses", () => {
    const doc = buildOpenApiDocument(restRoutes) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const op = doc.paths["/api/v1/projects/{projectId}/notifications/test"]?.post;
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(["200", "400", "403", "404", "503"]));
  });
});

describe("tRPC notification.test", () => {
  it("sends the sample for an admin, FORBIDDEN for a developer", async () => {
    const owner = await signedInCaller(app, "owner");
    const admin = await signedInCaller(app, "admin");
    const developer = await signedInCaller(app, "developer");
    const { project } = await owner.trpc.project.create({ name: "trpc notifications" });
    await owner.trpc.member.add({ projectId: project.id, email: admin.email, role: "admin" });
    await owner.trpc.member.add({ projectId: project.id, email: developer.email, role: "developer" });
    await owner.trpc.secret.set({ projectId: project.id, name: "NOTIFY_SLACK_WEBHOOK_URL", value: slack.url });

    expect(await admin.trpc.notification.test({ projectId: project.id, channel: "slack" })).toEqual({ channel: "slack", delivered: true });
    await expect(developer.trpc.notification.test({ projectId: project.id, channel: "slack" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
