import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "@llmguard/domain";
import { createTestApp } from "@llmguard/domain/testing";
import { addMemberOverRest, projectOverRest, signUpOverRest } from "../testing/rest-fixtures";
import { restClient, serveRest } from "../testing/serve";

/** The versioned config store over real HTTP: overrides, templates, types, versions, diff, restore. */
let app: App & { close(): Promise<void> };
let server: { url: string; close: () => Promise<void> };
let call: ReturnType<typeof restClient>;

beforeAll(async () => {
  app = await createTestApp({ RATE_LIMIT_USER_PER_MINUTE: "100000" });
  server = await serveRest(app);
  call = restClient(server.url);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
});

const cfg = (p: { projectId: string }, env: string, rest = "") => `/api/v1/projects/${p.projectId}/config/${env}${rest}`;
async function put(p: { projectId: string; token: string }, env: string, values: Record<string, unknown>, message?: string) {
  return call("PUT", cfg(p, env), { token: p.token, body: { values, ...(message ? { message } : {}) } });
}
async function versionCount(projectId: string) {
  return app.db.configVersion.count({ where: { projectId } });
}

describe("environments and overrides", () => {
  it("lists the built-in environments with base and production protected", async () => {
    const p = await projectOverRest(call);
    const res = await call("GET", `/api/v1/projects/${p.projectId}/environments`, { token: p.token });
    expect(res.status).toBe(200);
    const envs = res.body.environments as { name: string; protected: boolean; builtin: boolean; keys: number }[];
    expect(envs.map((e) => [e.name, e.protected])).toEqual([
      ["base", true],
      ["development", false],
      ["staging", false],
      ["production", true],
    ]);
    // The project settings are keys of base from the start.
    expect(envs[0]!.keys).toBeGreaterThanOrEqual(4);
  });

  it("effective config = base overridden key by key, with the source of each", async () => {
    const p = await projectOverRest(call);
    expect((await put(p, "base", { "llm.temperature": 0.7, "feature.search": false, "app.name": "bot" })).status).toBe(200);
    expect((await put(p, "production", { "llm.temperature": 0.2, "feature.search": true })).status).toBe(200);
    const res = await call("GET", cfg(p, "production"), { token: p.token });
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries((res.body.entries as { key: string; source: string; value: unknown; baseValue?: unknown }[]).map((e) => [e.key, e]));
    expect(byKey["llm.temperature"]).toMatchObject({ value: 0.2, source: "override", baseValue: 0.7 });
    expect(byKey["feature.search"]).toMatchObject({ value: true, source: "override", baseValue: false });
    expect(byKey["app.name"]).toMatchObject({ value: "bot", source: "base" });
    expect(byKey["llm.model"]).toMatchObject({ value: "gpt-4o-mini", source: "base" });
    expect(res.body.values).toMatchObject({ "llm.temperature": 0.2, "feature.search": true, "app.name": "bot" });
    expect(res.body.version).toBe(Math.max(res.body.baseVersion, res.body.environmentVersion));
    // Staging has no overrides: base values.
    const staging = await call("GET", cfg(p, "staging"), { token: p.token });
    expect(staging.body.values).toMatchObject({ "llm.temperature": 0.7, "feature.search": false });
  });

  it("null deletes an override, so the base value shows through again", async () => {
    const p = await projectOverRest(call);
    await put(p, "base", { "llm.temperature": 0.7 });
    await put(p, "production", { "llm.temperature": 0.1 });
    const res = await put(p, "production", { "llm.temperature": null });
    expect(res.status).toBe(200);
    expect(res.body.changes).toEqual([{ key: "llm.temperature", before: 0.1, after: null }]);
    expect((await call("GET", cfg(p, "production"), { token: p.token })).body.values["llm.temperature"]).toBe(0.7);
  });

  it("custom environments: created, used, deleted; unknown ones answer 404", async () => {
    const p = await projectOverRest(call);
    const created = await call("POST", `/api/v1/projects/${p.projectId}/environments`, { token: p.token, body: { name: "eu-prod", protected: true, description: "EU region" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "eu-prod", protected: true, builtin: false });
    expect((await call("POST", `/api/v1/projects/${p.projectId}/environments`, { token: p.token, body: { name: "eu-prod" } })).status).toBe(409);
    expect((await call("POST", `/api/v1/projects/${p.projectId}/environments`, { token: p.token, body: { name: "production" } })).status).toBe(400);
    expect((await put(p, "eu-prod", { region: "eu-west-1" })).status).toBe(200);
    expect((await call("GET", cfg(p, "eu-prod"), { token: p.token })).body.values.region).toBe("eu-west-1");
    expect((await call("DELETE", `/api/v1/projects/${p.projectId}/environments/eu-prod`, { token: p.token })).status).toBe(204);
    expect((await call("GET", cfg(p, "eu-prod"), { token: p.token })).body.error.code).toBe("NOT_FOUND");
    expect((await put(p, "nowhere", { a: 1 })).status).toBe(404);
    expect((await call("DELETE", `/api/v1/projects/${p.projectId}/environments/production`, { token: p.token })).status).toBe(403);
  });

  it("developers change development and staging; production and base need admin", async () => {
    const owner = await projectOverRest(call);
    const dev = await signUpOverRest(call, "Dev");
    await addMemberOverRest(call, owner.token, owner.projectId, dev.email, "developer");
    const asDev = { projectId: owner.projectId, token: dev.token };
    expect((await put(asDev, "staging", { "feature.x": true })).status).toBe(200);
    expect((await put(asDev, "development", { "feature.x": true })).status).toBe(200);
    const prod = await put(asDev, "production", { "feature.x": true });
    expect(prod.status).toBe(403);
    expect(prod.body.error.details).toMatchObject({ required: "admin", role: "developer" });
    expect((await put(asDev, "base", { "feature.x": true })).status).toBe(403);
  });

  it("another tenant's project answers 404, never revealing it exists", async () => {
    const p = await projectOverRest(call);
    const stranger = await signUpOverRest(call, "Eve");
    for (const [method, path] of [
      ["GET", cfg(p, "production")],
      ["GET", cfg(p, "production", "/versions")],
      ["GET", `/api/v1/projects/${p.projectId}/environments`],
      ["GET", `/api/v1/projects/${p.projectId}/secrets`],
    ] as const) {
      expect((await call(method, path, { token: stranger.token })).status).toBe(404);
    }
    expect((await call("PUT", cfg(p, "staging"), { token: stranger.token, body: { values: { a: 1 } } })).status).toBe(404);
  });
});

describe("validation: types and size", () => {
  it("refuses a value that does not fit a built-in settings type, and stores nothing", async () => {
    const p = await projectOverRest(call);
    const before = await versionCount(p.projectId);
    const res = await put(p, "production", { "guard.riskThreshold": "high" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.issues[0]).toMatchObject({ path: "values.guard.riskThreshold" });
    expect(await versionCount(p.projectId)).toBe(before);
  });

  it("declared key types are enforced in every environment", async () => {
    const p = await projectOverRest(call);
    const t = await call("PUT", `/api/v1/projects/${p.projectId}/config-types/llm.temperature`, { token: p.token, body: { spec: { type: "number", min: 0, max: 2 } } });
    expect(t.status).toBe(200);
    expect((await put(p, "staging", { "llm.temperature": 3 })).body.error).toMatchObject({ code: "VALIDATION_FAILED", message: "llm.temperature must be at most 2" });
    expect((await put(p, "staging", { "llm.temperature": "0.5" })).status).toBe(400);
    expect((await put(p, "staging", { "llm.temperature": 1.5 })).status).toBe(200);
    const enumType = await call("PUT", `/api/v1/projects/${p.projectId}/config-types/llm.provider`, { token: p.token, body: { spec: { type: "string", enum: ["openai", "anthropic"] } } });
    expect(enumType.status).toBe(200);
    expect((await put(p, "base", { "llm.provider": "cohere" })).body.error.message).toBe("llm.provider must be one of: openai, anthropic");
    const types = await call("GET", `/api/v1/projects/${p.projectId}/config-types`, { token: p.token });
    expect((types.body.types as { key: string; builtin: boolean }[]).filter((x) => !x.builtin).map((x) => x.key)).toEqual(["llm.provider", "llm.temperature"]);
  });

  it("a type that existing values do not fit is refused", async () => {
    const p = await projectOverRest(call);
    await put(p, "staging", { "max.tokens": "lots" });
    const res = await call("PUT", `/api/v1/projects/${p.projectId}/config-types/max.tokens`, { token: p.token, body: { spec: { type: "number", integer: true } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("staging.max.tokens");
    expect((await call("PUT", `/api/v1/projects/${p.projectId}/config-types/llm.model`, { token: p.token, body: { spec: { type: "string" } } })).status).toBe(400);
  });

  it("accepts a 1 MB prompt template and refuses a larger value with 400", async () => {
    const p = await projectOverRest(call);
    const prompt = "You are a careful assistant. ".repeat(36_000).slice(0, 1024 * 1024 - 2);
    const ok = await put(p, "production", { "prompt.support": prompt });
    expect(ok.status).toBe(200);
    const read = await call("GET", cfg(p, "production"), { token: p.token });
    expect(read.body.values["prompt.support"]).toBe(prompt);
    const tooBig = await put(p, "production", { "prompt.huge": "x".repeat(1024 * 1024 + 10) });
    expect(tooBig.status).toBe(400);
  });

  it("refuses bad keys and empty changes", async () => {
    const p = await projectOverRest(call);
    expect((await put(p, "staging", { "bad key!": 1 })).status).toBe(400);
    expect((await put(p, "staging", {})).status).toBe(400);
    expect((await call("PUT", cfg(p, "staging"), { token: p.token, rawBody: "{nope" })).status).toBe(400);
  });
});

describe("templates", () => {
  it("resolves references, defaults and nested values in the effective config", async () => {
    const p = await projectOverRest(call);
    await put(p, "base", { "db.host": "localhost", "db.port": 5432, "db.url": "postgres://{{ db.host }}:{{ db.port }}/app", "llm.temperature": "{{ tuning.temperature | 0.3 }}" });
    await put(p, "production", { "db.host": "db.prod.internal" });
    const res = await call("GET", cfg(p, "production"), { token: p.token });
    expect(res.body.issues).toEqual([]);
    expect(res.body.values).toMatchObject({ "db.url": "postgres://db.prod.internal:5432/app", "llm.temperature": 0.3 });
    const entry = (res.body.entries as { key: string; value: unknown; resolved: unknown }[]).find((e) => e.key === "db.url")!;
    expect(entry.value).toBe("postgres://{{ db.host }}:{{ db.port }}/app");
  });

  it.each([
    ["a missing reference", { "a.b": "{{ not.there }}" }, "MISSING_REFERENCE"],
    ["a cycle", { x: "{{ y }}", y: "{{ x }}" }, "CYCLE"],
    ["a missing secret", { "openai.apiKey": "{{ secret:NOPE }}" }, "MISSING_SECRET"],
    ["a malformed template", { broken: "Hello {{ user" }, "INVALID_TEMPLATE"],
  ])("refuses %s with 422 CONFIG_UNRESOLVABLE and stores nothing", async (_name, values, code) => {
    const p = await projectOverRest(call);
    const before = await versionCount(p.projectId);
    const res = await put(p, "staging", values);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("CONFIG_UNRESOLVABLE");
    expect(res.body.error.details.issues[0]).toMatchObject({ environment: "staging", code });
    expect(await versionCount(p.projectId)).toBe(before);
  });

  it("a base change that would break an environment's override is refused", async () => {
    const p = await projectOverRest(call);
    await put(p, "base", { "db.host": "localhost" });
    await put(p, "production", { "db.url": "postgres://{{ db.host }}/app" });
    const res = await put(p, "base", { "db.host": null });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues).toEqual([expect.objectContaining({ environment: "production", key: "db.url", code: "MISSING_REFERENCE" })]);
  });

  it("escaped \\{{ keeps a prompt's own placeholders literal", async () => {
    const p = await projectOverRest(call);
    expect((await put(p, "base", { prompt: "Answer {{ persona | politely }} about \\{{ topic }}" })).status).toBe(200);
    expect((await call("GET", cfg(p, "base"), { token: p.token })).body.values.prompt).toBe("Answer politely about {{ topic }}");
  });

  it("lists the built-in starter templates, and one applies as an ordinary change", async () => {
    const p = await projectOverRest(call);
    const list = await call("GET", "/api/v1/config-templates", { token: p.token });
    expect((list.body.templates as { id: string }[]).map((t) => t.id)).toEqual(["openai", "anthropic", "aws-bedrock", "postgresql", "prometheus"]);
    const pg = (list.body.templates as { id: string; values: Record<string, unknown>; secrets: { name: string }[] }[]).find((t) => t.id === "postgresql")!;
    expect((await put(p, "production", pg.values)).status).toBe(422); // its secret does not exist yet
    for (const s of pg.secrets) expect((await call("PUT", `/api/v1/projects/${p.projectId}/secrets/${s.name}`, { token: p.token, body: { value: "pw-123" } })).status).toBe(200);
    expect((await put(p, "production", pg.values)).status).toBe(200);
    const eff = await call("GET", cfg(p, "production"), { token: p.token });
    expect(eff.body.values["db.url"]).toBe("postgresql://app:{{ secret:DB_PASSWORD }}@localhost:5432/app?sslmode=require");
  });
});

describe("versions, diff and restore", () => {
  it("every change is an immutable version with author, message and before/after", async () => {
    const p = await projectOverRest(call);
    const v1 = await put(p, "staging", { a: 1, b: "x" }, "first");
    const v2 = await put(p, "staging", { a: 2, c: true }, "second");
    expect(v2.body.version).toBeGreaterThan(v1.body.version);
    const same = await put(p, "staging", { a: 2 });
    expect(same.body).toMatchObject({ created: false, version: v2.body.version });
    const list = await call("GET", cfg(p, "staging", "/versions"), { token: p.token });
    expect(list.body.versions.map((v: { version: number; message: string; changedKeys: string[] }) => [v.version, v.message, v.changedKeys])).toEqual([
      [v2.body.version, "second", ["a", "c"]],
      [v1.body.version, "first", ["a", "b"]],
    ]);
    expect(list.body.versions[0].author).toMatchObject({ email: p.email });
    const detail = await call("GET", cfg(p, "staging", `/versions/${v2.body.version}`), { token: p.token });
    expect(detail.body).toMatchObject({ values: { a: 2, b: "x", c: true }, changes: [{ key: "a", before: 1, after: 2 }, { key: "c", before: null, after: true }] });
    expect((await call("GET", cfg(p, "staging", "/versions/999999"), { token: p.token })).status).toBe(404);
  });

  it("diffs any two versions key by key", async () => {
    const p = await projectOverRest(call);
    const v1 = (await put(p, "staging", { a: 1, b: "x", gone: 1 })).body.version;
    const v2 = (await put(p, "staging", { a: 2, c: true, gone: null })).body.version;
    const d = await call("GET", cfg(p, "staging", `/diff?from=${v1}&to=${v2}`), { token: p.token });
    expect(d.body.changes).toEqual([
      { key: "a", kind: "changed", before: 1, after: 2 },
      { key: "c", kind: "added", before: null, after: true },
      { key: "gone", kind: "removed", before: 1, after: null },
    ]);
    const fromStart = await call("GET", cfg(p, "staging", `/diff?from=0&to=${v1}`), { token: p.token });
    expect(fromStart.body.changes.map((c: { key: string; kind: string }) => `${c.kind}:${c.key}`)).toEqual(["added:a", "added:b", "added:gone"]);
    expect((await call("GET", cfg(p, "staging", "/diff?from=abc&to=1"), { token: p.token })).status).toBe(400);
  });

  it("restore brings back an earlier version exactly, as a new version", async () => {
    const p = await projectOverRest(call);
    const v1 = (await put(p, "production", { a: 1, nested: { x: [1, 2] } })).body.version;
    await put(p, "production", { a: 2, added: "later", nested: null });
    const r = await call("POST", cfg(p, "production", "/restore"), { token: p.token, body: { version: v1 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: true, restoredFrom: v1, message: `Restored version ${v1}` });
    const now = await call("GET", cfg(p, "production", `/versions/${r.body.version}`), { token: p.token });
    const then = await call("GET", cfg(p, "production", `/versions/${v1}`), { token: p.token });
    expect(now.body.values).toEqual(then.body.values);
    // History keeps all three versions.
    expect((await call("GET", cfg(p, "production", "/versions"), { token: p.token })).body.versions).toHaveLength(3);
    const d = await call("GET", cfg(p, "production", `/diff?from=${v1}&to=${r.body.version}`), { token: p.token });
    expect(d.body.changes).toEqual([]);
    expect((await call("POST", cfg(p, "production", "/restore"), { token: p.token, body: { version: 999999 } })).status).toBe(404);
  });

  it("settings changed through the settings API are versions of base", async () => {
    const p = await projectOverRest(call);
    const s = await call("PATCH", `/api/v1/projects/${p.projectId}/settings`, { token: p.token, body: { safetyThreshold: 55, message: "stricter" } });
    expect(s.status).toBe(200);
    const base = await call("GET", cfg(p, "base", "/versions"), { token: p.token });
    expect(base.body.versions[0]).toMatchObject({ message: "stricter", changedKeys: ["guard.riskThreshold"] });
    expect((await call("GET", cfg(p, "base"), { token: p.token })).body.values["guard.riskThreshold"]).toBe(55);
  });

  it("concurrent writers each get their own version and nothing is lost", async () => {
    const p = await projectOverRest(call);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => put(p, "staging", { [`k${i}`]: i })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(results.map((r) => r.body.version)).size).toBe(8);
    const values = (await call("GET", cfg(p, "staging"), { token: p.token })).body.values;
    for (let i = 0; i < 8; i++) expect(values[`k${i}`]).toBe(i);
  });
});

describe("audit of config changes", () => {
  it("records config changes with keys only, filters them, and exports JSON Lines", async () => {
    const p = await projectOverRest(call);
    await put(p, "production", { "prompt.system": "secret sauce prompt" });
    const list = await call("GET", `/api/v1/projects/${p.projectId}/audit?action=config.`, { token: p.token });
    expect(list.status).toBe(200);
    expect(list.body.entries).toHaveLength(1);
    expect(list.body.entries[0]).toMatchObject({ action: "config.updated", actor: { id: p.userId, email: p.email }, metadata: { environment: "production", keys: ["prompt.system"] } });
    expect(JSON.stringify(list.body.entries)).not.toContain("secret sauce");
    const res = await fetch(`${server.url}/api/v1/projects/${p.projectId}/audit/export`, { headers: { authorization: `Bearer ${p.token}` } });
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as { seq: number; hash: string });
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(lines.every((l) => /^[0-9a-f]{64}$/.test(l.hash))).toBe(true);
  });

  it("verification names the first entry altered directly in the database", async () => {
    const p = await projectOverRest(call);
    await put(p, "production", { "llm.temperature": 0.1 }, "one");
    await put(p, "production", { "llm.temperature": 0.2 }, "two");
    await call("PUT", `/api/v1/projects/${p.projectId}/secrets/TOKEN`, { token: p.token, body: { value: "v" } });
    const ok = await call("GET", `/api/v1/projects/${p.projectId}/audit/verify`, { token: p.token });
    expect(ok.body).toMatchObject({ ok: true, firstBroken: null });
    const target = await app.db.auditEntry.findFirstOrThrow({ where: { projectId: p.projectId, action: "config.updated" }, orderBy: { seq: "asc" } });
    // Someone with database access rewrites history: the change now claims other keys.
    await app.db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "metadata" = jsonb_set("metadata", '{keys}', '["llm.model"]') WHERE "id" = $1`, target.id);
    const broken = await call("GET", `/api/v1/projects/${p.projectId}/audit/verify`, { token: p.token });
    expect(broken.body).toMatchObject({ ok: false, firstBroken: { seq: target.seq, id: target.id.toString(), reason: expect.stringContaining("altered") } });
    // Deleting an entry instead is caught as well.
    const p2 = await projectOverRest(call);
    await put(p2, "staging", { a: 1 });
    await put(p2, "staging", { a: 2 });
    const victim = await app.db.auditEntry.findFirstOrThrow({ where: { projectId: p2.projectId, action: "config.updated" }, orderBy: { seq: "asc" } });
    await app.db.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "id" = $1`, victim.id);
    const gap = await call("GET", `/api/v1/projects/${p2.projectId}/audit/verify`, { token: p2.token });
    expect(gap.body).toMatchObject({ ok: false, firstBroken: { reason: expect.stringContaining("removed") } });
  });
});
