import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@llmguard/db";
import { createApp, type App } from "@llmguard/domain";
import { createTestApp } from "@llmguard/domain/testing";
import { projectOverRest } from "../testing/rest-fixtures";
import { restClient, serveRest } from "../testing/serve";
import { openSse } from "../testing/sse";

/**
 * Config delivery to applications over real HTTP, through the node:http adapter apps/web/server.mjs
 * serves the REST API with. Scopes, ETag/304,
 * secrets with grace-period `previous`, and the SSE stream (two subscribers, Last-Event-ID, key rotation),
 * then across two instances over LISTEN/NOTIFY and over Redis pub/sub.
 */
type Served = { url: string; close: () => Promise<void> };
let app: App & { close(): Promise<void>; database: { url: string } };
const servers: Record<string, Served> = {};

beforeAll(async () => {
  app = await createTestApp({ RATE_LIMIT_USER_PER_MINUTE: "100000", RATE_LIMIT_API_KEY_PER_MINUTE: "100000" });
  servers["route table"] = await serveRest(app);
});
afterAll(async () => {
  for (const s of Object.values(servers)) await s.close();
  await app?.close();
});

async function setup(url: string, scopes: string[]) {
  const call = restClient(url);
  const p = await projectOverRest(call, { scopes });
  const put = (env: string, values: Record<string, unknown>) => call("PUT", `/api/v1/projects/${p.projectId}/config/${env}`, { token: p.token, body: { values } });
  const read = (env = "production", headers: Record<string, string> = {}) => call("GET", `/api/v1/config?environment=${env}`, { apiKey: p.apiKey, headers });
  return { call, p, put, read };
}

describe.each(["route table"])("GET /api/v1/config through the %s", (name) => {
  const url = () => servers[name]!.url;

  it("serves the effective config of an environment with an ETag, and 304 for If-None-Match", async () => {
    const { put, read } = await setup(url(), ["config:read"]);
    await put("base", { "llm.temperature": 0.7, "app.name": "bot" });
    await put("production", { "llm.temperature": 0.2 });
    const first = await read();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ environment: "production", values: { "llm.temperature": 0.2, "app.name": "bot", "llm.model": "gpt-4o-mini" } });
    expect(first.body.secrets).toBeUndefined();
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"\d+-[0-9a-f]{20}"$/);
    const again = await read("production", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect((await read("production", { "if-none-match": `W/${etag}, "other"` })).status).toBe(304);
    // A change is served on the very next read, with a new ETag.
    await put("production", { "llm.temperature": 0.3 });
    const changed = await read("production", { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.body.values["llm.temperature"]).toBe(0.3);
    expect(changed.body.version).toBeGreaterThan(first.body.version);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect((await read("staging")).body.values["llm.temperature"]).toBe(0.7);
  });

  it("denies by default: no key 401, an unknown key 403, a key without config:read or ingest 403; ingest keys read only guard.* keys", async () => {
    const { call, p, put, read } = await setup(url(), ["ingest"]);
    expect((await call("GET", "/api/v1/config")).status).toBe(401);
    expect((await call("GET", "/api/v1/config", { apiKey: "lg_abcdefghijkl_0123456789abcdefghijklmnopqrstuv" })).body.error.code).toBe("INVALID_API_KEY");
    expect((await put("production", { "llm.temperature": 0.2, "guard.rules.manual-block": { type: "disable_endpoint", parameters: { endpoint: "/admin" } } })).status).toBe(200);
    // The SDK enforces remediation rules with a project's first key (ingest only): it sees the guard policy, nothing else.
    const guardOnly = await read();
    expect(guardOnly.status).toBe(200);
    expect(Object.keys(guardOnly.body.values).every((k: string) => k.startsWith("guard."))).toBe(true);
    expect(guardOnly.body.values["guard.rules.manual-block"]).toEqual({ type: "disable_endpoint", parameters: { endpoint: "/admin" } });
    expect(guardOnly.body.values["llm.temperature"]).toBeUndefined();
    const secretsOnly = await call("POST", `/api/v1/projects/${p.projectId}/api-keys`, { token: p.token, body: { scopes: ["secrets:read"] } });
    const denied = await call("GET", "/api/v1/config?environment=production", { apiKey: secretsOnly.body.key });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: "FORBIDDEN", details: { required: "config:read" } });
    expect((await call("GET", "/api/v1/config/stream", { apiKey: secretsOnly.body.key })).status).toBe(403);
    // An ingest-only key still ingests; a config key does not ingest.
    const cfgKey = await call("POST", `/api/v1/projects/${p.projectId}/api-keys`, { token: p.token, body: { scopes: ["config:read"] } });
    expect((await call("POST", "/api/v1/requests", { apiKey: cfgKey.body.key, body: { prompt: "hi", response: "yo", model: "gpt-4o", latencyMs: 5, status: "success" } })).status).toBe(403);
  });

  it("answers 404 for an unknown environment and 400 for a malformed one", async () => {
    const { read } = await setup(url(), ["config:read"]);
    expect((await read("nowhere")).status).toBe(404);
    expect((await read("Bad Env!")).status).toBe(400);
  });

  it("resolves secrets only for keys with secrets:read, with `previous` during a grace period", async () => {
    const { call, p, put, read } = await setup(url(), ["config:read", "secrets:read"]);
    const plainKey = (await call("POST", `/api/v1/projects/${p.projectId}/api-keys`, { token: p.token, body: { scopes: ["config:read"] } })).body.key as string;
    await call("PUT", `/api/v1/projects/${p.projectId}/secrets/OPENAI_API_KEY`, { token: p.token, body: { value: "sk-old" } });
    await put("production", { "openai.apiKey": "{{ secret:OPENAI_API_KEY }}" });
    const withSecrets = await read();
    expect(withSecrets.body.values["openai.apiKey"]).toBe("sk-old");
    expect(withSecrets.body.secrets).toEqual({ OPENAI_API_KEY: { value: "sk-old", version: 1 } });
    const without = await call("GET", "/api/v1/config?environment=production", { apiKey: plainKey });
    expect(without.body.values["openai.apiKey"]).toBe("{{ secret:OPENAI_API_KEY }}");
    expect(without.body.secrets).toBeUndefined();

    const etag = withSecrets.headers.get("etag")!;
    await call("POST", `/api/v1/projects/${p.projectId}/secrets/OPENAI_API_KEY/rotate`, { token: p.token, body: { value: "sk-new", gracePeriodHours: 0.0004 } });
    const during = await read("production", { "if-none-match": etag });
    expect(during.status).toBe(200);
    expect(during.body.values["openai.apiKey"]).toBe("sk-new");
    expect(during.body.secrets.OPENAI_API_KEY).toMatchObject({ value: "sk-new", version: 2, previous: "sk-old" });
    expect(new Date(during.body.secrets.OPENAI_API_KEY.previousExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(during.body.version).toBeGreaterThan(withSecrets.body.version);
    // The grace period (1.44 s) ends: `previous` is gone without any further change.
    await new Promise((r) => setTimeout(r, 1600));
    const after = await read();
    expect(after.body.secrets.OPENAI_API_KEY).toEqual({ value: "sk-new", version: 2 });
    // Secrets delivery is audited (once per key and version).
    const audit = await call("GET", `/api/v1/projects/${p.projectId}/audit?action=secret.delivered`, { token: p.token });
    expect(audit.body.entries.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit.body)).not.toContain("sk-new");
  });
});

describe.each(["route table"])("GET /api/v1/config/stream through the %s", (name) => {
  const url = () => servers[name]!.url;

  it("sends the current version at once, then every change to two subscribers", async () => {
    const { p, put } = await setup(url(), ["config:read"]);
    const a = await openSse(`${url()}/api/v1/config/stream?environment=production`, { "x-api-key": p.apiKey });
    const b = await openSse(`${url()}/api/v1/config/stream?environment=production`, { "x-api-key": p.apiKey });
    expect(a.status).toBe(200);
    expect(a.headers.get("content-type")).toContain("text/event-stream");
    const [a1, b1] = await Promise.all([a.nth(1), b.nth(1)]);
    expect(a1.event).toBe("config");
    expect(JSON.parse(a1.data)).toMatchObject({ environment: "production", values: { "llm.model": "gpt-4o-mini" } });
    expect(a1.id).toBe(String(JSON.parse(a1.data).version));
    expect(b1.data).toBe(a1.data);

    const started = Date.now();
    const res = await put("production", { "llm.model": "gpt-4o" });
    const [a2, b2] = await Promise.all([a.nth(2), b.nth(2)]);
    expect(Date.now() - started).toBeLessThan(1000);
    for (const ev of [a2, b2]) {
      expect(JSON.parse(ev.data).values["llm.model"]).toBe("gpt-4o");
      expect(ev.id).toBe(String(res.body.version));
    }
    // A staging change does not alter production's config: no event.
    await put("staging", { "llm.model": "gpt-4.1" });
    await new Promise((r) => setTimeout(r, 300));
    expect(a.events).toHaveLength(2);
    a.close();
    b.close();
  });

  it("resumes with Last-Event-ID: nothing is re-sent until something newer exists", async () => {
    const { p, put } = await setup(url(), ["config:read"]);
    const first = await openSse(`${url()}/api/v1/config/stream`, { "x-api-key": p.apiKey });
    const ev = await first.nth(1);
    first.close();
    const resumed = await openSse(`${url()}/api/v1/config/stream`, { "x-api-key": p.apiKey, "last-event-id": ev.id! });
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.events).toHaveLength(0);
    await put("production", { "feature.x": true });
    expect(JSON.parse((await resumed.nth(1)).data).values["feature.x"]).toBe(true);
    resumed.close();
    const stale = await openSse(`${url()}/api/v1/config/stream`, { "x-api-key": p.apiKey, "last-event-id": "1" });
    expect(JSON.parse((await stale.nth(1)).data).values["feature.x"]).toBe(true);
    stale.close();
  });

  it("ends the stream when its API key is rotated", async () => {
    const { call, p } = await setup(url(), ["config:read"]);
    const keys = await call("GET", `/api/v1/projects/${p.projectId}/api-keys`, { token: p.token });
    const key = (keys.body.apiKeys as { id: string; scopes: string[] }[]).find((k) => k.scopes.includes("config:read"))!;
    const s = await openSse(`${url()}/api/v1/config/stream`, { "x-api-key": p.apiKey });
    await s.nth(1);
    await call("POST", `/api/v1/projects/${p.projectId}/api-keys/${key.id}/rotate`, { token: p.token });
    expect(await s.waitEnded(2000)).toBe(true);
    expect((await openSse(`${url()}/api/v1/config/stream`, { "x-api-key": p.apiKey })).status).toBe(403);
  });
});

describe.each([
  ["PostgreSQL LISTEN/NOTIFY", {}],
  ["Redis pub/sub", { REDIS_URL: "redis://127.0.0.1:6379" }],
])("across two instances over %s", (_name, extraEnv: Record<string, string>) => {
  let a: App;
  let b: App;
  let sa: Served;
  let sb: Served;
  beforeAll(async () => {
    const env = { ...app.env, ...extraEnv };
    a = await createApp({ env, db: await createPrisma({ kind: "postgres", url: app.database.url, poolMax: 3 }), logger: app.logger, listenUrl: app.database.url });
    b = await createApp({ env, db: await createPrisma({ kind: "postgres", url: app.database.url, poolMax: 3 }), logger: app.logger, listenUrl: app.database.url });
    sa = await serveRest(a);
    sb = await serveRest(b);
    await new Promise((r) => setTimeout(r, 300)); // both subscriptions up
  });
  afterAll(async () => {
    await sa?.close();
    await sb?.close();
    for (const x of [a, b]) {
      await x?.close();
      await x?.db.$disconnect();
    }
  });

  it("a change made on one instance reaches a stream on the other within a second, and its cache", async () => {
    const { p, put } = await setup(sa.url, ["config:read"]);
    const readB = () => restClient(sb.url)("GET", "/api/v1/config?environment=production", { apiKey: p.apiKey });
    expect((await readB()).body.values["llm.model"]).toBe("gpt-4o-mini"); // cached on B now
    const s = await openSse(`${sb.url}/api/v1/config/stream`, { "x-api-key": p.apiKey });
    await s.nth(1);
    const started = Date.now();
    await put("production", { "llm.model": "gpt-4o" });
    const ev = await s.nth(2, 1500);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(JSON.parse(ev.data).values["llm.model"]).toBe("gpt-4o");
    expect((await readB()).body.values["llm.model"]).toBe("gpt-4o");
    s.close();
  });
});
