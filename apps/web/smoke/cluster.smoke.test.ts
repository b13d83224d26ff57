// Smoke test of cluster mode: the built product with WEB_CONCURRENCY=2 on PostgreSQL. Both workers serve
// the one port, a config change made through either is served by both at once (each worker has its own
// caches; the invalidation bus connects them), and SIGTERM stops the primary and its workers with exit 0.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./free-port";
import { createDatabaseSync, databaseUrlFor, DEFAULT_TEST_DATABASE_URL, dropDatabaseSync, newDatabaseName } from "../e2e/database";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
const dbName = newDatabaseName();
let server: ChildProcess | undefined;
let baseUrl = "";
let output = "";
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

const log = () => `\n--- server output ---\n${output.slice(-6_000)}\n---`;

beforeAll(async () => {
  createDatabaseSync(adminUrl, dbName);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const secret = () => randomBytes(32).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: databaseUrlFor(adminUrl, dbName),
    WEB_CONCURRENCY: "2",
    LOG_LEVEL: "info",
    NEXT_TELEMETRY_DISABLED: "1",
    JWT_SECRET: secret(),
    NEXTAUTH_SECRET: secret(),
    API_KEY_PEPPER: secret(),
    SECRETS_MASTER_KEY: secret(),
  };
  delete env.REDIS_URL;
  server = spawn(process.execPath, ["server.mjs"], { cwd: webDir, env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  exited = new Promise((resolve) => server!.once("exit", (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 150_000;
  while ((output.match(/LLMGuard ready on .*\[worker \d+\]/g) ?? []).length < 2) {
    if (Date.now() > deadline) throw new Error(`two workers did not become ready${log()}`);
    if (server.exitCode !== null) throw new Error(`server.mjs exited early${log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill("SIGKILL");
    await exited;
  }
  dropDatabaseSync(adminUrl, dbName);
});

async function call(method: string, urlPath: string, opts: { body?: unknown; headers?: Record<string, string> } = {}) {
  // A new connection per call, so the primary spreads the calls over both workers.
  const res = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers: { connection: "close", ...(opts.body !== undefined ? { "content-type": "application/json" } : {}), ...opts.headers },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null, requestId: res.headers.get("x-request-id") ?? "" };
}

describe("cluster mode (WEB_CONCURRENCY=2)", () => {
  it("serves one port from two workers, and a config change is in force on both at once", async () => {
    const email = `cluster-${randomBytes(4).toString("hex")}@example.com`;
    expect((await call("POST", "/api/v1/auth/register", { body: { email, password: "correct-horse-42" } })).status).toBe(201);
    const login = await call("POST", "/api/v1/auth/login", { body: { email, password: "correct-horse-42" } });
    const auth = { authorization: `Bearer ${String(login.json?.accessToken)}` };
    const project = await call("POST", "/api/v1/projects", { body: { name: "cluster" }, headers: auth });
    const projectId = String((project.json?.project as { id: string }).id);
    const key = await call("POST", `/api/v1/projects/${projectId}/api-keys`, { body: { scopes: ["config:read"] }, headers: auth });
    const sdk = { "x-api-key": String(key.json?.key) };

    // Warm both workers' caches with the old value.
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await call("GET", "/api/v1/config?environment=production", { headers: sdk });
      expect(r.status, log()).toBe(200);
      expect((r.json?.values as Record<string, unknown>)["llm.model"]).toBe("gpt-4o-mini");
      ids.push(r.requestId);
    }
    await new Promise((r) => setTimeout(r, 200));
    const pids = new Set(ids.map((id) => /"pid":(\d+)[^\n]*/.exec(output.split("\n").find((l) => l.includes(id)) ?? "")?.[1]));
    expect(pids.size, log()).toBe(2);

    const put = await call("PUT", `/api/v1/projects/${projectId}/config/production`, { body: { values: { "llm.model": "gpt-4o" } }, headers: auth });
    expect(put.status).toBe(200);
    for (let i = 0; i < 8; i++) {
      const r = await call("GET", "/api/v1/config?environment=production", { headers: sdk });
      expect((r.json?.values as Record<string, unknown>)["llm.model"], log()).toBe("gpt-4o");
    }
  });

  it("stops the primary and both workers with exit 0 on SIGTERM", async () => {
    server?.kill("SIGTERM");
    const result = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 15_000))]);
    expect(result, log()).toEqual({ code: 0, signal: null });
    expect(output).toContain("all workers stopped");
  });
});
