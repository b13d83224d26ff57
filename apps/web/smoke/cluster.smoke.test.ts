// Smoke test of cluster mode: the built product with WEB_CONCURRENCY=2 on PostgreSQL. Both workers serve
// the one port, a config change made through either is served by both at once (each worker has its own
// caches; the invalidation bus connects them), and SIGTERM stops the primary and its workers with exit 0.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBuiltServer, type BuiltServer } from "./built-server";

let server: BuiltServer | undefined;
let baseUrl = "";
const output = () => server?.output() ?? "";
const log = () => server?.log() ?? "";

beforeAll(async () => {
  server = await startBuiltServer({
    label: "cluster",
    env: { WEB_CONCURRENCY: "2" },
    readyPattern: /LLMGuard ready on .*\[worker \d+\]/,
    readyLines: 2,
  });
  baseUrl = server.baseUrl;
});

afterAll(async () => {
  await server?.stop(); // SIGTERM (SIGKILL after 15 s) if a test left it running; drops the database
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
    const pids = new Set(ids.map((id) => /"pid":(\d+)[^\n]*/.exec(output().split("\n").find((l) => l.includes(id)) ?? "")?.[1]));
    expect(pids.size, log()).toBe(2);

    const put = await call("PUT", `/api/v1/projects/${projectId}/config/production`, { body: { values: { "llm.model": "gpt-4o" } }, headers: auth });
    expect(put.status).toBe(200);
    for (let i = 0; i < 8; i++) {
      const r = await call("GET", "/api/v1/config?environment=production", { headers: sdk });
      expect((r.json?.values as Record<string, unknown>)["llm.model"], log()).toBe("gpt-4o");
    }
  });

  it("stops the primary and both workers with exit 0 on SIGTERM", async () => {
    server!.child.kill("SIGTERM");
    const result = await Promise.race([server!.exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 15_000))]);
    expect(result, log()).toEqual({ code: 0, signal: null });
    expect(output()).toContain("all workers stopped");
  });
});
