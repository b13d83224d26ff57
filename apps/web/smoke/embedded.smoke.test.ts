// Smoke test of the built product on the embedded default (ARCHITECTURE decision 2): `node server.mjs`
// with no DATABASE_URL and a fresh PGlite data folder, driven over real HTTP like a newcomer's first
// session, then stopped with SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./free-port";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let dataDir: string;
let server: ChildProcess | undefined;
let baseUrl: string;
let output = "";
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

function serverLog(): string {
  return `\n--- server output ---\n${output.slice(-8_000)}\n---------------------`;
}

async function waitForHealth(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`server.mjs exited before it became healthy${serverLog()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET /api/health did not answer 200 within ${timeoutMs} ms${serverLog()}`);
}

async function call(method: string, urlPath: string, opts: { body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers: { ...(opts.body !== undefined ? { "content-type": "application/json" } : {}), ...opts.headers },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json: json as Record<string, unknown> | undefined, text: text.slice(0, 2_000), headers: res.headers };
}

beforeAll(async () => {
  if (!existsSync(path.join(webDir, ".next", "BUILD_ID"))) {
    throw new Error("The smoke suite runs the production build, and there is none: run `pnpm build` first.");
  }
  dataDir = mkdtempSync(path.join(tmpdir(), "llmguard-smoke-"));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    PGLITE_DIR: path.join(dataDir, "pglite"),
    APP_URL: baseUrl,
    NEXTAUTH_URL: baseUrl,
    LOG_LEVEL: "info",
    NEXT_TELEMETRY_DISABLED: "1",
    // Explicit secrets keep the test from writing the repo's .data/local-secrets.json.
    JWT_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    API_KEY_PEPPER: randomBytes(32).toString("base64url"),
    SECRETS_MASTER_KEY: randomBytes(32).toString("base64url"),
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.CORS_ORIGINS;
  const child = spawn(process.execPath, ["server.mjs"], { cwd: webDir, env, stdio: ["ignore", "pipe", "pipe"] });
  server = child;
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  await waitForHealth(150_000);
});

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill("SIGKILL");
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("the built product on the embedded database", () => {
  const email = `smoke-${randomBytes(4).toString("hex")}@example.com`;
  const password = "correct-horse-42";
  let accessToken = "";
  let projectId = "";
  let apiKey = "";

  it("registers a user over REST", async () => {
    const res = await call("POST", "/api/v1/auth/register", { body: { email, password, name: "Smoke Tester" } });
    expect(res.status, `${res.text}${serverLog()}`).toBeGreaterThanOrEqual(200);
    expect(res.status, `${res.text}${serverLog()}`).toBeLessThan(300);
  });

  it("logs in and receives an access token, a refresh token and its lifetime", async () => {
    const res = await call("POST", "/api/v1/auth/login", { body: { email, password } });
    expect(res.status, `${res.text}${serverLog()}`).toBe(200);
    expect(res.json).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number) });
    accessToken = String(res.json?.accessToken);
  });

  it("creates a project with its first API key", async () => {
    const res = await call("POST", "/api/v1/projects", {
      body: { name: "Smoke project" },
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(res.status, `${res.text}${serverLog()}`).toBe(201);
    const body = res.json as { project?: { id?: unknown }; apiKey?: { key?: unknown } };
    expect(body.project?.id).toEqual(expect.any(String));
    expect(body.apiKey?.key).toMatch(/^lg_/);
    projectId = String(body.project?.id);
    apiKey = String(body.apiKey?.key);
  });

  it("authenticates the API key and names its project", async () => {
    const res = await call("GET", "/api/v1/whoami", { headers: { "x-api-key": apiKey } });
    expect(res.status, `${res.text}${serverLog()}`).toBe(200);
    expect(res.json).toMatchObject({ projectId, keyId: expect.any(String) });
  });

  it("ingests on the embedded database: a retried id answers the first result, and search finds the record by a word's prefix", async () => {
    const id = crypto.randomUUID();
    const record = { id, model: "gpt-4o", prompt: "Summarise the overdue invoices for ./src/billing.ts", response: "Three invoices are overdue.", latencyMs: 120, status: "success" };
    const batch = await call("POST", "/api/v1/requests/batch", { body: { records: [record, { ...record, id: crypto.randomUUID(), prompt: "Unrelated weather question", response: "Sunny." }] }, headers: { "x-api-key": apiKey } });
    expect(batch.status, `${batch.text}${serverLog()}`).toBe(200);
    const first = (batch.json as { results: { ok: boolean; duplicate: boolean; riskScore: number }[] }).results[0]!;
    expect(first).toMatchObject({ ok: true, duplicate: false });
    // The retry changes its text: it is still answered with what the first write stored.
    const again = await call("POST", "/api/v1/requests/batch", { body: { records: [{ ...record, prompt: "changed" }] }, headers: { "x-api-key": apiKey } });
    expect(again.status, again.text).toBe(200);
    expect((again.json as { results: unknown[] }).results[0]).toMatchObject({ ok: true, duplicate: true, id, riskScore: first.riskScore });
    const found = await call("GET", `/api/v1/requests?projectId=${projectId}&search=invoic`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(found.status, found.text).toBe(200);
    expect((found.json as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([id]);
    const file = await call("GET", `/api/v1/requests?projectId=${projectId}&search=${encodeURIComponent("/src/billing.ts")}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect((file.json as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([id]);
  });

  let stream: { ended: () => boolean; abort: () => void } | undefined;

  it("keeps an encrypted secret and versioned config, and serves them to an SDK key with an ETag", async () => {
    const auth = { authorization: `Bearer ${accessToken}` };
    const secret = await call("PUT", `/api/v1/projects/${projectId}/secrets/OPENAI_API_KEY`, { body: { value: "sk-smoke-123", rotationDays: 90 }, headers: auth });
    expect(secret.status, `${secret.text}${serverLog()}`).toBe(200);
    const cfg = await call("PUT", `/api/v1/projects/${projectId}/config/production`, {
      body: { values: { "llm.model": "gpt-4o", "openai.apiKey": "{{ secret:OPENAI_API_KEY }}" }, message: "smoke" },
      headers: auth,
    });
    expect(cfg.status, `${cfg.text}${serverLog()}`).toBe(200);
    const key = await call("POST", `/api/v1/projects/${projectId}/api-keys`, { body: { name: "sdk", scopes: ["config:read", "secrets:read"] }, headers: auth });
    expect(key.status, key.text).toBe(201);
    const sdkKey = String((key.json as { key: string }).key);
    const read = await fetch(`${baseUrl}/api/v1/config?environment=production`, { headers: { "x-api-key": sdkKey } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ values: { "llm.model": "gpt-4o", "openai.apiKey": "sk-smoke-123" }, secrets: { OPENAI_API_KEY: { value: "sk-smoke-123" } } });
    const etag = read.headers.get("etag") ?? "";
    expect((await fetch(`${baseUrl}/api/v1/config?environment=production`, { headers: { "x-api-key": sdkKey, "if-none-match": etag } })).status).toBe(304);
    // A stream left open: shutdown must end it instead of waiting for it (next test).
    const abort = new AbortController();
    const res = await fetch(`${baseUrl}/api/v1/config/stream?environment=production`, { headers: { "x-api-key": sdkKey }, signal: abort.signal });
    expect(res.status).toBe(200);
    let ended = false;
    void (async () => {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) void chunk;
      } catch {
        // aborted
      }
      ended = true;
    })();
    stream = { ended: () => ended, abort: () => abort.abort() };
  });

  it("writes one access-log line per request, without query strings", async () => {
    const requestId = `smoke-${randomBytes(4).toString("hex")}`;
    const res = await fetch(`${baseUrl}/api/health?token=do-not-log-me`, { headers: { "x-request-id": requestId } });
    expect(res.headers.get("x-request-id")).toBe(requestId);
    await new Promise((r) => setTimeout(r, 200));
    const lines = output.split("\n").filter((l) => l.includes(`"requestId":"${requestId}"`));
    expect(lines, serverLog()).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ method: "GET", path: "/api/health", status: 200 });
    expect(output).not.toContain("do-not-log-me");
  });

  it("exits with code 0 within 15 s of SIGTERM", async () => {
    const started = Date.now();
    server?.kill("SIGTERM");
    const result = await Promise.race([
      exited,
      new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 15_000)),
    ]);
    expect(result, `did not exit within 15 s${serverLog()}`).not.toBe("timeout");
    expect(result, serverLog()).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(15_000);
    // The open config stream was ended by the server, not left for the drain timeout (10 s).
    expect(Date.now() - started, serverLog()).toBeLessThan(8_000);
    expect(stream?.ended()).toBe(true);
    stream?.abort();
  });
});
