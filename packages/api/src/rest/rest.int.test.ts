import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "@llmguard/domain/testing";
import type { App } from "@llmguard/domain";
import { restClient, serveRest } from "../testing/serve";

let app: App & { close(): Promise<void> };
let server: { url: string; close: () => Promise<void> };
let call: ReturnType<typeof restClient>;

beforeAll(async () => {
  app = await createTestApp({ CORS_ORIGINS: "https://allowed.example", RATE_LIMIT_USER_PER_MINUTE: "40" });
  server = await serveRest(app);
  call = restClient(server.url);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
});

async function signUp() {
  const email = uniqueEmail();
  const reg = await call("POST", "/api/v1/auth/register", { body: { email, password: TEST_PASSWORD, name: "Ada" } });
  expect(reg.status).toBe(201);
  const login = await call("POST", "/api/v1/auth/login", { body: { email, password: TEST_PASSWORD } });
  expect(login.status).toBe(200);
  return { email, userId: reg.body.id as string, ...(login.body as { accessToken: string; refreshToken: string; expiresIn: number }) };
}

function expectError(res: { status: number; body: { error: { code: string; message: string; timestamp: string } } }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe("string");
  expect(new Date(res.body.error.timestamp).getTime()).not.toBeNaN();
}

describe("auth over HTTP", () => {
  it("registers, logs in, reads /me, refreshes and logs out", async () => {
    const u = await signUp();
    expect(u.expiresIn).toBe(900);
    const me = await call("GET", "/api/v1/me", { token: u.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: u.userId, email: u.email, name: "Ada", role: "user" });
    const refreshed = await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: u.refreshToken } });
    expect(refreshed.status).toBe(200);
    const out = await call("POST", "/api/v1/auth/logout", { token: refreshed.body.accessToken });
    expect(out.status).toBe(200);
    expectError(await call("GET", "/api/v1/me", { token: refreshed.body.accessToken }), 401, "INVALID_TOKEN");
  });

  it("answers 400 with the Zod issues in details for bad input", async () => {
    const res = await call("POST", "/api/v1/auth/register", { body: { email: "not-an-email", password: "short" } });
    expectError(res, 400, "VALIDATION_FAILED");
    const paths = (res.body.error.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["email", "password"]));
    expectError(await call("POST", "/api/v1/auth/login", { rawBody: "{not json" }), 400, "VALIDATION_FAILED");
  });

  it("answers 409 for a taken e-mail, 401 generic for bad credentials and 401 without a token", async () => {
    const u = await signUp();
    expectError(await call("POST", "/api/v1/auth/register", { body: { email: u.email, password: TEST_PASSWORD } }), 409, "EMAIL_TAKEN");
    const bad = await call("POST", "/api/v1/auth/login", { body: { email: u.email, password: "wrong-password-9" } });
    expectError(bad, 401, "INVALID_CREDENTIALS");
    expect(bad.body.error.message).toBe("Invalid email or password");
    expectError(await call("GET", "/api/v1/me"), 401, "UNAUTHENTICATED");
  });

  it("throttles repeated failed logins with 429 and Retry-After", async () => {
    const u = await signUp();
    let last;
    for (let i = 0; i < 6; i++) last = await call("POST", "/api/v1/auth/login", { body: { email: u.email, password: "wrong-password-9" } });
    expectError(last!, 429, "RATE_LIMITED");
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("completes a password reset through the e-mailed link", async () => {
    const u = await signUp();
    expect((await call("POST", "/api/v1/auth/password-reset/request", { body: { email: u.email } })).status).toBe(202);
    const mail = await app.db.outboxEmail.findFirstOrThrow({ where: { to: u.email } });
    const token = decodeURIComponent(/token=(\S+)/.exec(mail.text)![1]!);
    expect((await call("POST", "/api/v1/auth/password-reset/confirm", { body: { token, password: "fresh-password-3" } })).status).toBe(200);
    expectError(await call("GET", "/api/v1/me", { token: u.accessToken }), 401, "INVALID_TOKEN");
    expect((await call("POST", "/api/v1/auth/login", { body: { email: u.email, password: "fresh-password-3" } })).status).toBe(200);
  });
});

describe("projects and API keys over HTTP", () => {
  it("creates a project with a key shown once; whoami accepts it by header and bearer", async () => {
    const u = await signUp();
    const created = await call("POST", "/api/v1/projects", { token: u.accessToken, body: { name: "Chatbot" } });
    expect(created.status).toBe(201);
    const { project, apiKey } = created.body;
    expect(apiKey.key).toMatch(/^lg_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}$/);
    expect(project).toMatchObject({ name: "Chatbot", role: "owner", keyStatus: "active", activeKeys: 1 });
    const viaHeader = await call("GET", "/api/v1/whoami", { apiKey: apiKey.key });
    expect(viaHeader.body).toMatchObject({ projectId: project.id, keyId: apiKey.id });
    const viaBearer = await call("GET", "/api/v1/whoami", { token: apiKey.key });
    expect(viaBearer.status).toBe(200);
    const list = await call("GET", `/api/v1/projects/${project.id}/api-keys`, { token: u.accessToken });
    expect(list.body.apiKeys).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(apiKey.key.slice(16));
    const projects = await call("GET", "/api/v1/projects", { token: u.accessToken });
    expect(projects.body.projects.map((p: { id: string }) => p.id)).toContain(project.id);
    expect(projects.body.projects[0].lastUsedAt).not.toBeNull();
  });

  it("rotating stops the old key at once; deleting stops the new one; expired keys get 403", async () => {
    const u = await signUp();
    const { body } = await call("POST", "/api/v1/projects", { token: u.accessToken, body: { name: "Rotate me" } });
    const pid = body.project.id;
    const rotated = await call("POST", `/api/v1/projects/${pid}/api-keys/${body.apiKey.id}/rotate`, { token: u.accessToken });
    expect(rotated.status).toBe(200);
    expect(rotated.body.id).toBe(body.apiKey.id);
    expectError(await call("GET", "/api/v1/whoami", { apiKey: body.apiKey.key }), 403, "INVALID_API_KEY");
    expect((await call("GET", "/api/v1/whoami", { apiKey: rotated.body.key })).status).toBe(200);
    expect((await call("DELETE", `/api/v1/projects/${pid}/api-keys/${body.apiKey.id}`, { token: u.accessToken })).status).toBe(204);
    expectError(await call("GET", "/api/v1/whoami", { apiKey: rotated.body.key }), 403, "INVALID_API_KEY");

    const extra = await call("POST", `/api/v1/projects/${pid}/api-keys`, { token: u.accessToken, body: { name: "short-lived", expiresAt: new Date(Date.now() + 1500).toISOString() } });
    expect(extra.status).toBe(201);
    expect((await call("GET", "/api/v1/whoami", { apiKey: extra.body.key })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    expectError(await call("GET", "/api/v1/whoami", { apiKey: extra.body.key }), 403, "INVALID_API_KEY");
  });

  it("answers 401 without a key and 403 for a malformed or unknown one", async () => {
    expectError(await call("GET", "/api/v1/whoami"), 401, "UNAUTHENTICATED");
    expectError(await call("GET", "/api/v1/whoami", { apiKey: "not-a-key" }), 403, "INVALID_API_KEY");
    expectError(await call("GET", "/api/v1/whoami", { apiKey: `lg_${"a".repeat(12)}_${"b".repeat(32)}` }), 403, "INVALID_API_KEY");
  });

  it("renames and deletes a project; settings changes become versions with history", async () => {
    const u = await signUp();
    const { body } = await call("POST", "/api/v1/projects", { token: u.accessToken, body: { name: "Before" } });
    const pid = body.project.id;
    expect((await call("PATCH", `/api/v1/projects/${pid}`, { token: u.accessToken, body: { name: "After" } })).body.name).toBe("After");
    const s1 = await call("GET", `/api/v1/projects/${pid}/settings`, { token: u.accessToken });
    expect(s1.body).toMatchObject({ preferredModel: "gpt-4o-mini", safetyThreshold: 70, rateLimit: 300_000, version: 1 });
    const s2 = await call("PATCH", `/api/v1/projects/${pid}/settings`, { token: u.accessToken, body: { safetyThreshold: 85, preferredModel: "gpt-4o", message: "tighter" } });
    expect(s2.body).toMatchObject({ safetyThreshold: 85, preferredModel: "gpt-4o", version: 2 });
    expectError(await call("PATCH", `/api/v1/projects/${pid}/settings`, { token: u.accessToken, body: { safetyThreshold: 101 } }), 400, "VALIDATION_FAILED");
    const history = await call("GET", `/api/v1/projects/${pid}/settings/history`, { token: u.accessToken });
    expect(history.body.versions[0]).toMatchObject({ version: 2, message: "tighter", author: { email: u.email } });
    expect(history.body.versions[0].changes).toEqual(
      expect.arrayContaining([{ key: "guard.riskThreshold", before: 70, after: 85 }, { key: "llm.model", before: "gpt-4o-mini", after: "gpt-4o" }]),
    );
    const verify = await call("GET", `/api/v1/projects/${pid}/audit/verify`, { token: u.accessToken });
    expect(verify.body).toMatchObject({ ok: true });
    expect((await call("DELETE", `/api/v1/projects/${pid}`, { token: u.accessToken })).status).toBe(204);
    expectError(await call("GET", `/api/v1/projects/${pid}`, { token: u.accessToken }), 404, "NOT_FOUND");
    expectError(await call("GET", `/api/v1/whoami`, { apiKey: body.apiKey.key }), 403, "INVALID_API_KEY");
  });
});

describe("HTTP surface", () => {
  it("refuses disallowed browser origins and answers allowed ones with CORS headers", async () => {
    const denied = await call("GET", "/api/v1/whoami", { headers: { origin: "https://evil.example" } });
    expectError(denied, 403, "ORIGIN_NOT_ALLOWED");
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
    const pre = await fetch(`${server.url}/api/v1/projects`, { method: "OPTIONS", headers: { origin: "https://allowed.example", "access-control-request-method": "POST" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://allowed.example");
  });

  it("answers 413 for an oversized body, 404 for unknown routes and 405 for wrong methods", async () => {
    const big = await call("POST", "/api/v1/auth/register", { rawBody: JSON.stringify({ email: "a@b.co", password: "x".repeat(1_100_000) }) });
    expectError(big, 413, "PAYLOAD_TOO_LARGE");
    expectError(await call("GET", "/api/v1/nothing-here"), 404, "NOT_FOUND");
    expectError(await call("PUT", "/api/v1/projects"), 405, "METHOD_NOT_ALLOWED");
  });

  it("rate-limits an authenticated user with 429 and Retry-After", async () => {
    const u = await signUp();
    const results = await Promise.all(Array.from({ length: 45 }, () => call("GET", "/api/v1/me", { token: u.accessToken })));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 200).length).toBe(40);
  });
});

describe("client address and forwarded headers (TRUST_PROXY)", () => {
  async function failedLogins(target: ReturnType<typeof restClient>, forwardedFor: (i: number) => string, attempts: number) {
    const statuses: number[] = [];
    for (let i = 0; i < attempts; i++) {
      // a different e-mail each time: only the per-IP limit can apply
      const res = await target("POST", "/api/v1/auth/login", { body: { email: uniqueEmail("ip"), password: "wrong-password-1" }, headers: { "x-forwarded-for": forwardedFor(i) } });
      statuses.push(res.status);
    }
    return statuses;
  }

  it("by default ignores a client-sent X-Forwarded-For: rotating it does not escape the per-IP limit", async () => {
    const strict = await createTestApp({ LOGIN_MAX_FAILURES_PER_IP: "3" });
    const srv = await serveRest(strict);
    try {
      const statuses = await failedLogins(restClient(srv.url), (i) => `198.51.100.${i + 1}`, 5);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await srv.close();
      await strict.close();
    }
  });

  it("behind a trusted proxy hop, each forwarded client has its own count", async () => {
    const proxied = await createTestApp({ LOGIN_MAX_FAILURES_PER_IP: "3", TRUST_PROXY: "loopback" });
    const srv = await serveRest(proxied);
    const target = restClient(srv.url);
    try {
      expect(await failedLogins(target, (i) => `198.51.100.${i + 1}`, 5)).toEqual([401, 401, 401, 401, 401]);
      // the same forwarded client again and again is limited
      expect(await failedLogins(target, () => "203.0.113.50", 5)).toEqual([401, 401, 401, 429, 429]);
      // a forged hop left of the one the proxy appended changes nothing
      expect((await failedLogins(target, () => "6.6.6.6, 203.0.113.50", 1))[0]).toBe(429);
    } finally {
      await srv.close();
      await proxied.close();
    }
  });
});

describe("clear answers for mistakes a user makes", () => {
  it("says that a user route needs an access token when a project API key is sent", async () => {
    const u = await signUp();
    const created = await call("POST", "/api/v1/projects", { token: u.accessToken, body: { name: "keys on user routes" } });
    const key = created.body.apiKey.key as string;
    const attempts: Record<string, string>[] = [{ "x-api-key": key }, { authorization: `Bearer ${key}` }];
    for (const headers of attempts) {
      const res = await call("GET", "/api/v1/projects", { headers });
      expectError(res, 401, "UNAUTHENTICATED");
      expect(res.body.error.message).toMatch(/access token/i);
      expect(res.body.error.message).toMatch(/API key/i);
    }
  });

  it("answers 400, not 500, for a path parameter that is not valid percent-encoded UTF-8", async () => {
    const u = await signUp();
    for (const bad of ["%ED%A0%80", "%", "%E0%A4%A"]) {
      const res = await call("GET", `/api/v1/projects/${bad}`, { token: u.accessToken });
      expectError(res, 400, "VALIDATION_FAILED");
    }
    const nul = await call("GET", "/api/v1/projects/%00", { token: u.accessToken });
    expectError(nul, 400, "VALIDATION_FAILED");
  });

  it("keeps a name with NUL or a lone surrogate, made safe, instead of failing", async () => {
    const u = await signUp();
    const me = await call("PATCH", "/api/v1/me", { token: u.accessToken, rawBody: '{"name":"Ada\\u0000 \\ud83d Lovelace"}' });
    expect(me.status).toBe(200);
    expect(me.body.name).toBe("Ada\uFFFD \uFFFD Lovelace");
    const project = await call("POST", "/api/v1/projects", { token: u.accessToken, rawBody: '{"name":"bot\\u0000"}' });
    expect(project.status).toBe(201);
    expect(project.body.project.name).toBe("bot\uFFFD");
  });
});
