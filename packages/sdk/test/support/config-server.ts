import { restClient, serveRest } from "@llmguard/api/testing";
import { startDatabaseProxy } from "@llmguard/db/testing";
import { TEST_PASSWORD, uniqueEmail, createTestApp } from "@llmguard/domain/testing";
import type { FetchLike } from "../../src/index";

/**
 * The real product for the config suites: an App on a fresh PostgreSQL database served over HTTP by the
 * REST dispatcher (which streams Server-Sent Events), and a project driven only through the public REST
 * API, as a user and an application would.
 */
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export async function startConfigServer() {
  const app = await createTestApp({ RATE_LIMIT_API_KEY_PER_MINUTE: "100000", RATE_LIMIT_USER_PER_MINUTE: "100000" });
  const server = await serveRest(app);
  return {
    app,
    server,
    close: async () => {
      await server.close();
      await app.close();
    },
  };
}

function expectStatus(what: string, res: { status: number; body: unknown }, status: number): void {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * A registered, logged-in user (registering hashes a password: about a second, so a suite makes one) who
 * creates fresh projects; owners may write production.
 */
export async function newConfigUser(baseUrl: string) {
  const call = restClient(baseUrl);
  const email = uniqueEmail("sdk-config");
  expectStatus("register", await call("POST", "/api/v1/auth/register", { body: { email, password: TEST_PASSWORD } }), 201);
  const login = await call("POST", "/api/v1/auth/login", { body: { email, password: TEST_PASSWORD } });
  expectStatus("login", login, 200);
  const token: string = login.body.accessToken;
  return { token, newProject: () => newConfigProject(baseUrl, token) };
}

/** A fresh project with helpers for the REST calls the tests make (as its owner). */
export async function newConfigProject(baseUrl: string, token: string) {
  const call = restClient(baseUrl);
  const created = await call("POST", "/api/v1/projects", { token, body: { name: "sdk config" } });
  expectStatus("create project", created, 201);
  const projectId: string = created.body.project.id;
  const P = `/api/v1/projects/${projectId}`;

  return {
    projectId,
    /** The project's first key (scope ingest only). */
    ingestKey: created.body.apiKey.key as string,
    async createKey(scopes: string[]): Promise<{ id: string; key: string }> {
      const res = await call("POST", `${P}/api-keys`, { token, body: { name: `sdk ${scopes.join("+")}`, scopes } });
      expectStatus("create key", res, 201);
      return { id: res.body.id, key: res.body.key };
    },
    async rotateKey(keyId: string): Promise<string> {
      const res = await call("POST", `${P}/api-keys/${keyId}/rotate`, { token });
      expectStatus("rotate key", res, 200);
      return res.body.key;
    },
    /** Writes keys to an environment; returns the new version. */
    async setConfig(values: Record<string, unknown>, environment = "production"): Promise<number> {
      const res = await call("PUT", `${P}/config/${environment}`, { token, body: { values, message: "sdk test" } });
      expectStatus("set config", res, 200);
      return res.body.version;
    },
    async setSecret(name: string, value: string): Promise<void> {
      expectStatus("set secret", await call("PUT", `${P}/secrets/${name}`, { token, body: { value } }), 200);
    },
    async rotateSecret(name: string, value: string, gracePeriodHours: number): Promise<void> {
      expectStatus("rotate secret", await call("POST", `${P}/secrets/${name}/rotate`, { token, body: { value, gracePeriodHours } }), 200);
    },
  };
}

export type ConfigProject = Awaited<ReturnType<typeof newConfigProject>>;

export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** "pending" until the answer arrives; "error" when the request failed (network, abort). */
  status: number | "pending" | "error";
  at: number;
}

/** A fetch that records every request the SDK makes and the status it got, passing everything through. */
export function recordingFetch(): { fetch: FetchLike; seen: SeenRequest[]; streams: () => SeenRequest[]; reads: () => SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    const entry: SeenRequest = { url, method: init.method, headers: { ...init.headers }, status: "pending", at: Date.now() };
    seen.push(entry);
    try {
      const res = await fetch(url, init);
      entry.status = res.status;
      return res;
    } catch (err) {
      entry.status = "error";
      throw err;
    }
  };
  return {
    fetch: fetchImpl,
    seen,
    streams: () => seen.filter((r) => new URL(r.url).pathname === "/api/v1/config/stream"),
    reads: () => seen.filter((r) => new URL(r.url).pathname === "/api/v1/config"),
  };
}

/**
 * A TCP proxy in front of the server (the database-outage proxy of @llmguard/db/testing works for any TCP
 * service): `cut()` drops every connection through it and refuses new ones, `restore()` lets them in again.
 */
export async function startTcpProxy(serverUrl: string) {
  const proxy = await startDatabaseProxy(serverUrl);
  return { ...proxy, url: proxy.url.replace(/\/$/, "") };
}
