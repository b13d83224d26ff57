import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, createLogger, type App } from "@llmguard/domain";
import { createTestApp } from "@llmguard/domain/testing";
import { addMemberOverRest, projectOverRest, signUpOverRest } from "../testing/rest-fixtures";
import { restClient, serveRest } from "../testing/serve";

/**
 * Secrets over real HTTP: envelope encryption at rest, metadata-only listing, audited reveal, rotation
 * with a grace period, deletion guarded by references, and no value in any log line. The app logs at
 * debug level into a buffer for the whole file, so the last test can search everything it wrote.
 */
let base: App & { close(): Promise<void>; database: { url: string } };
let app: App;
let server: { url: string; close: () => Promise<void> };
let call: ReturnType<typeof restClient>;
const logLines: string[] = [];

beforeAll(async () => {
  base = await createTestApp({ RATE_LIMIT_USER_PER_MINUTE: "100000" });
  const capture = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString("utf8"));
      done();
    },
  });
  app = await createApp({ env: { ...base.env, LOG_LEVEL: "debug" }, db: base.db, logger: createLogger({ level: "debug", destination: capture }), listenUrl: base.database.url });
  server = await serveRest(app);
  call = restClient(server.url);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await base?.close();
});

const sec = (p: { projectId: string }, name = "", rest = "") => `/api/v1/projects/${p.projectId}/secrets${name ? `/${name}` : ""}${rest}`;
const VALUES = ["sk-live-AAAA-first-value-9f8e7d", "sk-live-BBBB-second-value-1a2b3c", "sk-live-CCCC-third-value-4d5e6f"];

describe("secrets", () => {
  it("stores only ciphertext, bound to its project, name and version", async () => {
    const p = await projectOverRest(call);
    const res = await call("PUT", sec(p, "OPENAI_API_KEY"), { token: p.token, body: { value: VALUES[0], rotationDays: 90, description: "prod key" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "OPENAI_API_KEY", version: 1, rotationDays: 90, overdue: false, description: "prod key" });
    expect(JSON.stringify(res.body)).not.toContain(VALUES[0]);
    const row = await app.db.secret.findFirstOrThrow({ where: { projectId: p.projectId, name: "OPENAI_API_KEY" } });
    expect(Buffer.from(row.ciphertext).toString("latin1")).not.toContain("sk-live");
    const dek = await app.db.projectDataKey.findUniqueOrThrow({ where: { projectId: p.projectId } });
    expect(dek.kekId).toBe(app.keyProvider.currentKekId);
    expect(Buffer.from(dek.wrappedKey).length).toBeGreaterThan(32); // wrapped, never the raw key
    // A ciphertext moved to another secret's row does not decrypt (associated data binds it).
    await call("PUT", sec(p, "OTHER"), { token: p.token, body: { value: "other" } });
    await app.db.secret.updateMany({ where: { projectId: p.projectId, name: "OTHER" }, data: { ciphertext: row.ciphertext } });
    const swapped = await call("POST", sec(p, "OTHER", "/reveal"), { token: p.token });
    expect(swapped.status).toBe(500);
    expect(swapped.body.error.message).toBe("Internal server error");
  });

  it("lists names and metadata only, with references and rotation status", async () => {
    const p = await projectOverRest(call);
    await call("PUT", sec(p, "DB_PASSWORD"), { token: p.token, body: { value: VALUES[1], rotationDays: 30 } });
    await call("PUT", `/api/v1/projects/${p.projectId}/config/production`, { token: p.token, body: { values: { "db.password": "{{ secret:DB_PASSWORD }}" } } });
    // Pretend the last rotation was 31 days ago: the 30-day policy is overdue.
    await app.db.secret.updateMany({ where: { projectId: p.projectId }, data: { lastRotatedAt: new Date(Date.now() - 31 * 86_400_000) } });
    const list = await call("GET", sec(p), { token: p.token });
    expect(list.status).toBe(200);
    expect(list.body.secrets).toEqual([expect.objectContaining({ name: "DB_PASSWORD", overdue: true, references: [{ environment: "production", key: "db.password" }] })]);
    expect(JSON.stringify(list.body)).not.toContain(VALUES[1]);
  });

  it("reveals to admins with an audit entry; viewers and developers cannot reveal or write", async () => {
    const p = await projectOverRest(call);
    await call("PUT", sec(p, "TOKEN"), { token: p.token, body: { value: VALUES[0] } });
    const viewer = await signUpOverRest(call, "Viewer");
    const dev = await signUpOverRest(call, "Dev");
    await addMemberOverRest(call, p.token, p.projectId, viewer.email, "viewer");
    await addMemberOverRest(call, p.token, p.projectId, dev.email, "developer");
    for (const u of [viewer, dev]) {
      expect((await call("GET", sec(p), { token: u.token })).status).toBe(200);
      expect((await call("POST", sec(p, "TOKEN", "/reveal"), { token: u.token })).status).toBe(403);
      expect((await call("PUT", sec(p, "TOKEN"), { token: u.token, body: { value: "x" } })).status).toBe(403);
      expect((await call("GET", `/api/v1/projects/${p.projectId}/config/production?resolveSecrets=true`, { token: u.token })).status).toBe(403);
    }
    const revealed = await call("POST", sec(p, "TOKEN", "/reveal"), { token: p.token });
    expect(revealed.body).toEqual({ name: "TOKEN", version: 1, value: VALUES[0], previous: null });
    const audit = await call("GET", `/api/v1/projects/${p.projectId}/audit?action=secret.revealed`, { token: p.token });
    expect(audit.body.entries).toEqual([expect.objectContaining({ action: "secret.revealed", actorId: p.userId, targetId: "TOKEN", metadata: { name: "TOKEN", version: 1, previous: false } })]);
    expect(JSON.stringify(audit.body)).not.toContain(VALUES[0]);
  });

  it("rotation with a grace period keeps the previous value until it ends", async () => {
    const p = await projectOverRest(call);
    await call("PUT", sec(p, "API"), { token: p.token, body: { value: VALUES[0] } });
    const rotated = await call("POST", sec(p, "API", "/rotate"), { token: p.token, body: { value: VALUES[1], gracePeriodHours: 1 } });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ version: 2, inGracePeriod: true, previousVersion: 1 });
    const during = await call("POST", sec(p, "API", "/reveal"), { token: p.token });
    expect(during.body).toMatchObject({ value: VALUES[1], previous: { version: 1, value: VALUES[0] } });
    // The grace period ends: the previous value is no longer revealed or listed.
    await app.db.secret.updateMany({ where: { projectId: p.projectId }, data: { previousExpiresAt: new Date(Date.now() - 1000) } });
    expect((await call("POST", sec(p, "API", "/reveal"), { token: p.token })).body.previous).toBeNull();
    expect((await call("GET", sec(p), { token: p.token })).body.secrets[0]).toMatchObject({ inGracePeriod: false, previousVersion: null });
    // A zero grace period drops the previous value at once; a plain PUT does too.
    const immediate = await call("POST", sec(p, "API", "/rotate"), { token: p.token, body: { value: VALUES[2], gracePeriodHours: 0 } });
    expect(immediate.body).toMatchObject({ version: 3, inGracePeriod: false });
    expect((await call("POST", sec(p, "NOPE", "/rotate"), { token: p.token, body: { value: "x", gracePeriodHours: 1 } })).status).toBe(404);
    expect((await call("POST", sec(p, "API", "/rotate"), { token: p.token, body: { value: "x", gracePeriodHours: 9999 } })).status).toBe(400);
  });

  it("refuses to delete a secret that config references; deletes it once unreferenced", async () => {
    const p = await projectOverRest(call);
    await call("PUT", sec(p, "DB"), { token: p.token, body: { value: "pw" } });
    await call("PUT", `/api/v1/projects/${p.projectId}/config/staging`, { token: p.token, body: { values: { "db.password": "{{ secret:DB }}" } } });
    const refused = await call("DELETE", sec(p, "DB"), { token: p.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.references).toEqual([{ environment: "staging", key: "db.password" }]);
    await call("PUT", `/api/v1/projects/${p.projectId}/config/staging`, { token: p.token, body: { values: { "db.password": null } } });
    expect((await call("DELETE", sec(p, "DB"), { token: p.token })).status).toBe(204);
    expect((await call("POST", sec(p, "DB", "/reveal"), { token: p.token })).status).toBe(404);
  });

  it("resolves secrets into the effective config only when asked, for admins, audited", async () => {
    const p = await projectOverRest(call);
    await call("PUT", sec(p, "DB"), { token: p.token, body: { value: "pw-xyz" } });
    await call("PUT", `/api/v1/projects/${p.projectId}/config/production`, { token: p.token, body: { values: { "db.url": "postgres://app:{{ secret:DB }}@db/app" } } });
    const plain = await call("GET", `/api/v1/projects/${p.projectId}/config/production`, { token: p.token });
    expect(plain.body.values["db.url"]).toBe("postgres://app:{{ secret:DB }}@db/app");
    expect(plain.body.entries.find((e: { key: string }) => e.key === "db.url").secretRefs).toEqual(["DB"]);
    const resolved = await call("GET", `/api/v1/projects/${p.projectId}/config/production?resolveSecrets=true`, { token: p.token });
    expect(resolved.body).toMatchObject({ secretsResolved: true, values: { "db.url": "postgres://app:pw-xyz@db/app" } });
    const audit = await call("GET", `/api/v1/projects/${p.projectId}/audit?action=secret.revealed`, { token: p.token });
    expect(audit.body.entries[0].metadata).toMatchObject({ names: ["DB"], via: "effective-config" });
  });

  it("changes the rotation policy and description without touching the value or its clock", async () => {
    const p = await projectOverRest(call);
    await call("PUT", sec(p, "DB"), { token: p.token, body: { value: VALUES[0] } });
    await app.db.secret.updateMany({ where: { projectId: p.projectId }, data: { lastRotatedAt: new Date(Date.now() - 40 * 86_400_000) } });
    const res = await call("PATCH", sec(p, "DB"), { token: p.token, body: { rotationDays: 30, description: "primary db" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, rotationDays: 30, description: "primary db", overdue: true });
    expect((await call("POST", sec(p, "DB", "/reveal"), { token: p.token })).body.value).toBe(VALUES[0]);
    expect((await call("PATCH", sec(p, "DB"), { token: p.token, body: { rotationDays: null } })).body.rotationDays).toBeNull();
    expect((await call("PATCH", sec(p, "DB"), { token: p.token, body: {} })).status).toBe(400);
    expect((await call("PATCH", sec(p, "NOPE"), { token: p.token, body: { description: "x" } })).status).toBe(404);
  });

  it("validates names and values", async () => {
    const p = await projectOverRest(call);
    expect((await call("PUT", sec(p, "bad name"), { token: p.token, body: { value: "x" } })).status).toBe(400);
    expect((await call("PUT", sec(p, "EMPTY"), { token: p.token, body: { value: "" } })).status).toBe(400);
    expect((await call("PUT", sec(p, "BIG"), { token: p.token, body: { value: "x".repeat(70_000) } })).status).toBe(400);
    expect((await call("PUT", sec(p, "DAYS"), { token: p.token, body: { value: "x", rotationDays: 0 } })).status).toBe(400);
  });

  it("no secret value appears in any log line written during this file", async () => {
    // Provoke the logged paths too: an internal error (above, the swapped ciphertext) and warnings.
    const p = await projectOverRest(call);
    await call("PUT", sec(p, "LOGGED"), { token: p.token, body: { value: VALUES[2] } });
    await call("POST", sec(p, "LOGGED", "/reveal"), { token: p.token });
    const all = logLines.join("");
    expect(all.length).toBeGreaterThan(0);
    expect(all).toContain("unhandled error in REST handler");
    for (const v of [...VALUES, "pw-xyz"]) expect(all).not.toContain(v);
  });
});
