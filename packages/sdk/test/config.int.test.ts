import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { serveRest } from "@llmguard/api/testing";
import { createPrisma } from "@llmguard/db";
import { createApp } from "@llmguard/domain";
import { ConfigClient, LLMGuard, LLMGuardError, type ConfigChange, type ConfigClientOptions } from "../src/index";
import { newConfigUser, recordingFetch, startConfigServer, startTcpProxy } from "./support/config-server";
import { sleep, waitFor } from "./support/http";

/**
 * guard.config against the real product: the REST dispatcher over HTTP (config read with ETag, the SSE
 * stream), the delivery service, the cross-instance change bus and a fresh PostgreSQL database. Config,
 * secrets and keys are changed through the public REST API. Only the network is tampered with (a TCP
 * proxy that drops connections) where a test needs an outage.
 */
let s: Awaited<ReturnType<typeof startConfigServer>>;
let user: Awaited<ReturnType<typeof newConfigUser>>;
let tmp: string;
const clients: ConfigClient[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  s = await startConfigServer();
  user = await newConfigUser(s.server.url);
  tmp = await mkdtemp(join(tmpdir(), "llmguard-sdk-config-"));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(clients.splice(0).map((c) => c.close()));
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
afterAll(async () => {
  await s?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function client(over: Partial<ConfigClientOptions> & { apiKey: string }) {
  const errors: LLMGuardError[] = [];
  const changes: ConfigChange[] = [];
  const c = new ConfigClient({ baseUrl: s.server.url, onError: (e) => errors.push(e), ...over });
  c.onChange((ch) => changes.push(ch));
  clients.push(c);
  return { c, errors, changes };
}

/** A project whose production config holds a few typed values, and a key that may read config and secrets. */
async function configuredProject(scopes = ["config:read", "secrets:read"]) {
  const p = await user.newProject();
  const version = await p.setConfig({ "llm.model": "gpt-4o", "llm.temperature": 0.2, "feature.flags": { beta: true, regions: ["eu", "us"] } });
  const key = await p.createKey(scopes);
  return { p, key, version };
}

const nextChange = (c: ConfigClient) =>
  new Promise<ConfigChange & { at: number }>((resolve) => {
    const off = c.onChange((ch) => {
      off();
      resolve({ ...ch, at: Date.now() });
    });
  });

describe("guard.config against the real server", () => {
  it("ready() loads the environment's config; get() returns typed values and fallbacks from memory", async () => {
    const { key, version } = await configuredProject();
    const rec = recordingFetch();
    const { c, errors, changes } = client({ apiKey: key.key, fetch: rec.fetch });
    expect(c.version).toBeNull();
    expect(c.get("llm.model")).toBeUndefined();

    await c.ready();

    expect(c.version).toBe(version);
    const model: string | undefined = c.get<string>("llm.model");
    expect(model).toBe("gpt-4o");
    expect(c.get<number>("llm.temperature", 1)).toBe(0.2);
    expect(c.get("feature.flags")).toEqual({ beta: true, regions: ["eu", "us"] });
    expect(c.get("missing.key", "fallback")).toBe("fallback");
    expect(c.get("missing.key")).toBeUndefined();
    // Project defaults (base) are part of the effective config too.
    expect(c.getAll()).toMatchObject({ "llm.model": "gpt-4o", "llm.temperature": 0.2 });
    // Shared by every reader, so frozen all the way down.
    expect(Object.isFrozen(c.getAll())).toBe(true);
    expect(() => (c.get<{ regions: string[] }>("feature.flags")!.regions as string[]).push("ap")).toThrow(TypeError);
    expect(c.getAll()).toBe(c.getAll());
    expect(changes).toEqual([{ version, previousVersion: null, changedKeys: expect.arrayContaining(["llm.model", "feature.flags"]), config: c.getAll() }]);
    // The stream delivered the first config: no separate GET.
    expect(rec.streams().map((r) => r.status)).toEqual([200]);
    expect(rec.reads()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a change reaches the SDK through the stream within 1 s, and onChange names the changed keys", async () => {
    const { p, key, version } = await configuredProject();
    const rec = recordingFetch();
    const { c, errors } = client({ apiKey: key.key, fetch: rec.fetch });
    await c.ready();
    const removed = vi.fn();
    c.onChange(removed)();

    const change = nextChange(c);
    const before = Date.now();
    const v2 = await p.setConfig({ "llm.model": "gpt-4.1", "llm.temperature": 0.2 });
    const got = await change;

    expect(got.at - before).toBeLessThan(1_000);
    expect(got).toMatchObject({ version: v2, previousVersion: version, changedKeys: ["llm.model"] });
    expect(got.config["llm.model"]).toBe("gpt-4.1");
    expect(c.get("llm.model")).toBe("gpt-4.1");
    expect(c.version).toBe(v2);
    expect(removed).not.toHaveBeenCalled();
    // One stream carried both versions; nothing polled.
    expect(rec.seen).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("two clients on two server instances both receive a change made on one of them", async () => {
    const { p, key } = await configuredProject();
    // A second instance of the product on the same database: changes reach it over LISTEN/NOTIFY.
    const db2 = await createPrisma({ kind: "postgres", url: s.app.database.url, poolMax: 2 });
    const app2 = await createApp({ env: s.app.env, db: db2, logger: s.app.logger, listenUrl: s.app.database.url });
    const server2 = await serveRest(app2);
    cleanups.push(() => db2.$disconnect(), () => app2.close(), () => server2.close());

    const a = client({ apiKey: key.key });
    const b = client({ apiKey: key.key, baseUrl: server2.url });
    await Promise.all([a.c.ready(), b.c.ready()]);
    const changes = [nextChange(a.c), nextChange(b.c)];
    const before = Date.now();
    const v = await p.setConfig({ "llm.model": "claude-sonnet-4" });
    const [ca, cb] = await Promise.all(changes);

    for (const ch of [ca!, cb!]) {
      expect(ch).toMatchObject({ version: v, changedKeys: ["llm.model"] });
      expect(ch.at - before).toBeLessThan(1_000);
    }
    expect(a.c.get("llm.model")).toBe("claude-sonnet-4");
    expect(b.c.get("llm.model")).toBe("claude-sonnet-4");
  });

  it("polls with If-None-Match when the stream is disabled: a 304 keeps the config, a change arrives at the next poll", async () => {
    const { p, key, version } = await configuredProject();
    const rec = recordingFetch();
    const { c, errors, changes } = client({ apiKey: key.key, fetch: rec.fetch, stream: false, pollIntervalMs: 150 });
    await c.ready();
    await waitFor(() => rec.reads().filter((r) => r.status !== "pending").length >= 4);

    const reads = rec.reads();
    expect(reads.map((r) => r.status).slice(0, 4)).toEqual([200, 304, 304, 304]);
    expect(reads[0]!.headers["if-none-match"]).toBeUndefined();
    const etag = reads[1]!.headers["if-none-match"];
    expect(etag).toMatch(new RegExp(`^"${version}-`));
    expect(reads[3]!.headers["if-none-match"]).toBe(etag);
    expect(reads[2]!.at - reads[1]!.at).toBeGreaterThanOrEqual(140);
    expect(c.version).toBe(version);
    expect(changes).toHaveLength(1);

    const v2 = await p.setConfig({ "llm.temperature": 0.9 });
    await waitFor(() => c.version === v2, 2_000);
    expect(c.get("llm.temperature")).toBe(0.9);
    expect(changes.at(-1)).toMatchObject({ version: v2, previousVersion: version, changedKeys: ["llm.temperature"] });
    expect(rec.reads().at(-1)!.status).toBe(200);
    expect(rec.streams()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("polls when the server does not offer the stream", async () => {
    const { p, key, version } = await configuredProject();
    const rec = recordingFetch();
    const noStream: ConfigClientOptions["fetch"] = async (url, init) =>
      new URL(url).pathname === "/api/v1/config/stream"
        ? new Response(JSON.stringify({ error: { code: "NOT_FOUND", message: "No such route", details: null, timestamp: new Date().toISOString() } }), { status: 404 })
        : rec.fetch(url, init);
    const { c, errors } = client({ apiKey: key.key, fetch: noStream, pollIntervalMs: 150 });
    await c.ready();
    expect(c.version).toBe(version);
    await waitFor(() => errors.length > 0);
    expect(errors.map((e) => [e.code, e.status])).toEqual([["STREAM_UNAVAILABLE", 404]]);
    await waitFor(() => rec.reads().some((r) => r.status === 304));

    const v2 = await p.setConfig({ "llm.model": "polled" });
    await waitFor(() => c.get("llm.model") === "polled", 2_000);
    expect(c.version).toBe(v2);
    expect(rec.reads().at(-1)!.status).toBe(200);
  });

  it("keeps the last known good config while the server is unreachable, reports it once, and catches up when it is back", async () => {
    const { p, key, version } = await configuredProject();
    const proxy = await startTcpProxy(s.server.url);
    cleanups.push(() => proxy.close());
    const rec = recordingFetch();
    const { c, errors } = client({ apiKey: key.key, baseUrl: proxy.url, fetch: rec.fetch, pollIntervalMs: 100 });
    await c.ready();

    proxy.cut();
    // While the stream is down the client polls (every 100 ms here); every attempt fails.
    await waitFor(() => rec.reads().filter((r) => r.status === "error").length >= 3);
    expect(c.version).toBe(version);
    expect(c.get("llm.model")).toBe("gpt-4o");
    expect(c.getAll()).toMatchObject({ "llm.temperature": 0.2 });
    await c.ready(); // still resolved
    expect(errors.map((e) => e.code)).toEqual(["NETWORK_ERROR"]);

    const v2 = await p.setConfig({ "llm.model": "after-the-outage" });
    proxy.restore();
    // The next poll gets it, before the stream is back.
    await waitFor(() => c.version === v2, 2_000);
    expect(c.get("llm.model")).toBe("after-the-outage");
  });

  it("starts offline from the cache file (mode 0600), and ignores a corrupt or foreign one", async () => {
    const { p, key, version } = await configuredProject();
    const cacheFile = join(tmp, "nested", "offline.json");
    const first = client({ apiKey: key.key, cacheFile });
    await first.c.ready();
    await waitFor(() => first.c.version === version);
    const v2 = await p.setConfig({ "llm.model": "cached-model" });
    await waitFor(() => first.c.version === v2);
    await first.c.close(); // waits for the file write in progress

    const info = await stat(cacheFile);
    expect(info.mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(await readFile(cacheFile, "utf8"));
    expect(onDisk).toMatchObject({ format: "llmguard-config-cache", environment: "production", config: { version: v2, values: { "llm.model": "cached-model" } } });
    expect(JSON.stringify(onDisk)).not.toContain(key.key);

    // LLMGuard is down (nothing listens on the port any more): the values are there at once.
    const dead = await deadUrl();
    const offline = client({ apiKey: key.key, baseUrl: dead, cacheFile });
    expect(offline.c.version).toBe(v2);
    expect(offline.c.get("llm.model")).toBe("cached-model");
    const started = Date.now();
    await offline.c.ready({ timeoutMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(2_000); // at the first failed attempt, not at the timeout
    expect(offline.errors[0]).toMatchObject({ code: "NETWORK_ERROR" });

    // A file written with another key (another project, perhaps) is not used.
    const other = await user.newProject();
    const otherKey = await other.createKey(["config:read"]);
    const foreign = client({ apiKey: otherKey.key, baseUrl: dead, cacheFile });
    expect(foreign.c.version).toBeNull();
    expect(foreign.errors.map((e) => e.code)).toEqual(["CACHE_FILE_INVALID"]);
    expect(foreign.errors[0]!.message).toMatch(/another API key/);
    await expect(foreign.c.ready({ timeoutMs: 300 })).rejects.toMatchObject({ code: "TIMEOUT", message: expect.stringMatching(/NETWORK_ERROR/) });

    // A corrupt file is reported (without quoting it), then replaced by the server's config.
    const corruptFile = join(tmp, "corrupt.json");
    await writeFile(corruptFile, '{"format":"llmguard-config-cache", "config": {"values": {"x": "sk-live-do-not-print');
    const fresh = client({ apiKey: key.key, cacheFile: corruptFile });
    expect(fresh.errors.map((e) => e.code)).toEqual(["CACHE_FILE_INVALID"]);
    expect(fresh.errors[0]!.message).not.toContain("sk-live");
    await fresh.c.ready();
    await fresh.c.close();
    expect(JSON.parse(await readFile(corruptFile, "utf8")).config.version).toBe(v2);
    expect((await stat(corruptFile)).mode & 0o777).toBe(0o600);
  });

  it("ready() resolves from the cache file at its timeout when the server accepts connections but never answers", async () => {
    const { key } = await configuredProject();
    const cacheFile = join(tmp, "hanging.json");
    const first = client({ apiKey: key.key, cacheFile });
    await first.c.ready();
    await first.c.close();

    const hanging = await hangingServer();
    cleanups.push(hanging.close);
    const { c } = client({ apiKey: key.key, baseUrl: hanging.url, cacheFile });
    const started = Date.now();
    await c.ready({ timeoutMs: 300 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(c.get("llm.model")).toBe("gpt-4o");
    // Without a cache the same wait is a clear timeout.
    const bare = client({ apiKey: key.key, baseUrl: hanging.url });
    await expect(bare.c.ready({ timeoutMs: 200 })).rejects.toMatchObject({ name: "LLMGuardError", code: "TIMEOUT", message: expect.stringContaining("within 200 ms") });
  });

  it("delivers secrets, with the previous value during a rotation's grace period until it expires", async () => {
    const p = await user.newProject();
    await p.setSecret("OPENAI_API_KEY", "sk-old-0000");
    const v1 = await p.setConfig({ "llm.apiKey": "{{ secret:OPENAI_API_KEY }}", "llm.model": "gpt-4o" });
    const key = await p.createKey(["config:read", "secrets:read"]);
    const { c, errors } = client({ apiKey: key.key });
    await c.ready();
    expect(c.version).toBe(v1);
    expect(c.get("llm.apiKey")).toBe("sk-old-0000");
    expect(c.secret("OPENAI_API_KEY")).toEqual({ value: "sk-old-0000" });
    expect(c.secret("NOT_REFERENCED")).toBeUndefined();

    const change = nextChange(c);
    await p.rotateSecret("OPENAI_API_KEY", "sk-new-1111", 1);
    const got = await change;
    expect(got.version).toBeGreaterThan(v1);
    expect(got.changedKeys).toEqual(["llm.apiKey"]);
    expect(c.get("llm.apiKey")).toBe("sk-new-1111");
    expect(c.secret("OPENAI_API_KEY")).toEqual({ value: "sk-new-1111", previous: "sk-old-0000" });

    // The grace period ends by the clock, with no message from the server: previous disappears on its own.
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 61 * 60_000);
    expect(c.secret("OPENAI_API_KEY")).toEqual({ value: "sk-new-1111" });
    vi.mocked(Date.now).mockRestore();

    // A key without secrets:read sees the reference as written, and no secrets.
    const plainKey = await p.createKey(["config:read"]);
    const plain = client({ apiKey: plainKey.key });
    await plain.c.ready();
    expect(plain.c.get("llm.apiKey")).toBe("{{ secret:OPENAI_API_KEY }}");
    expect(plain.c.secret("OPENAI_API_KEY")).toBeUndefined();

    expect(errors).toEqual([]);
  });

  it("an ingest-only key (a project's first key) receives the environment's guard.* keys and nothing else", async () => {
    const p = await user.newProject();
    const rule = { type: "disable_endpoint", parameters: { endpoint: "/chat" }, appliedAt: "2026-01-01T00:00:00.000Z", expiresAt: null };
    const version = await p.setConfig({ "llm.model": "gpt-4o", "guard.rules.r1": rule, "guard.blockedKeywords": ["falcon"] });
    const { c, errors } = client({ apiKey: p.ingestKey });
    await c.ready();
    expect(c.version).toBe(version);
    // guard.riskThreshold is a project default (base); llm.model is not a guard key.
    expect(c.getAll()).toEqual({ "guard.rules.r1": rule, "guard.blockedKeywords": ["falcon"], "guard.riskThreshold": 70 });
    expect(errors).toEqual([]);
  });

  it("a key with neither config:read nor ingest makes ready() reject with FORBIDDEN naming the scope, and the client stops", async () => {
    const p = await user.newProject();
    const secretsOnly = await p.createKey(["secrets:read"]);
    const rec = recordingFetch();
    const { c, errors } = client({ apiKey: secretsOnly.key, fetch: rec.fetch });
    const err = await c.ready().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LLMGuardError);
    expect(err).toMatchObject({ code: "FORBIDDEN", status: 403, message: expect.stringContaining("config:read") });
    expect(errors.map((e) => e.code)).toEqual(["FORBIDDEN"]);
    await sleep(300);
    expect(rec.seen).toHaveLength(1); // no retries, no polling
    await expect(c.ready()).rejects.toBe(err);

    const bad = client({ apiKey: `lg_${"x".repeat(12)}_${"y".repeat(32)}` });
    await expect(bad.c.ready()).rejects.toMatchObject({ code: "INVALID_API_KEY", status: 403 });
  });

  it("an unknown environment makes ready() reject with NOT_FOUND, reported as such (not as a missing stream)", async () => {
    const { key } = await configuredProject();
    const rec = recordingFetch();
    const { c, errors } = client({ apiKey: key.key, fetch: rec.fetch, environment: "no-such-env" });
    await expect(c.ready()).rejects.toMatchObject({ code: "NOT_FOUND", status: 404, message: expect.stringContaining("no-such-env") });
    expect(errors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
    expect(rec.streams().map((r) => r.status)).toEqual([404]);
    expect(rec.reads().map((r) => r.status)).toEqual([404]);

    const invalid = client({ apiKey: key.key, environment: "Not A Name" });
    await expect(invalid.c.ready()).rejects.toMatchObject({ code: "VALIDATION_FAILED", status: 400 });
  });

  it("guard.config starts nothing before first use, uses the guard's key and fetch, and shutdown() closes it", async () => {
    const { key } = await configuredProject();
    const rec = recordingFetch();
    const guard = new LLMGuard({ apiKey: key.key, baseUrl: s.server.url, handleProcessExit: false, fetch: rec.fetch, config: { environment: "production" } });
    await sleep(50);
    expect(rec.seen).toEqual([]);
    // Every earlier client is closed: the server ends up with no stream open.
    await waitFor(() => s.app.configHub.subscribers === 0);
    const subscribers = 0;

    expect(guard.config).toBe(guard.config);
    await guard.config.ready();
    expect(guard.config.get("llm.model")).toBe("gpt-4o");
    expect(rec.streams()).toHaveLength(1);
    expect(s.app.configHub.subscribers).toBe(subscribers + 1);

    await guard.shutdown();
    // The server sees the stream end.
    await waitFor(() => s.app.configHub.subscribers === subscribers);
    await sleep(100);
    expect(rec.seen).toHaveLength(1);
    expect(guard.config.get("llm.model")).toBe("gpt-4o"); // still readable after shutdown
    expect(() => new LLMGuard({ apiKey: key.key, baseUrl: s.server.url, handleProcessExit: false, config: { pollIntervalMs: 5 } })).toThrow(/pollIntervalMs/);
  });
});

/**
 * The two tests that wait out the server's reconnection time (retry: 3000) run side by side; they hold
 * their own clients and proxy (the shared afterEach cleanup must not close them mid-test).
 */
describe("guard.config reconnecting to the real server", () => {
  it.concurrent("after a dropped connection it reconnects with Last-Event-ID and receives what changed meanwhile", async () => {
    const { p, key, version } = await configuredProject();
    const proxy = await startTcpProxy(s.server.url);
    const rec = recordingFetch();
    const errors: LLMGuardError[] = [];
    const changes: ConfigChange[] = [];
    const c = new ConfigClient({ apiKey: key.key, baseUrl: proxy.url, fetch: rec.fetch, onError: (e) => errors.push(e) });
    c.onChange((ch) => changes.push(ch));
    try {
      await c.ready();
      expect(rec.streams()[0]!.headers["last-event-id"]).toBeUndefined();

      proxy.cut();
      proxy.restore();
      const v2 = await p.setConfig({ "llm.model": "changed-while-away" });
      await waitFor(() => c.version === v2, 8_000);

      const streams = rec.streams();
      expect(streams).toHaveLength(2);
      expect(streams[1]!.headers["last-event-id"]).toBe(String(version));
      expect(streams[1]!.at - streams[0]!.at).toBeGreaterThanOrEqual(3_000); // the server's retry: 3000
      expect(c.get("llm.model")).toBe("changed-while-away");
      expect(changes.map((ch) => [ch.previousVersion, ch.version])).toEqual([[null, version], [version, v2]]);
      // The drop was reported once, without any value.
      expect(errors.map((e) => e.code)).toEqual(["NETWORK_ERROR"]);
      expect(errors[0]!.message).toMatch(/reconnecting/);
    } finally {
      await c.close();
      await proxy.close();
    }
  });

  it.concurrent("when its key is rotated the stream ends; the reconnect is refused, reported, and the client stops with its config", async () => {
    const { p, key, version } = await configuredProject();
    const rec = recordingFetch();
    const errors: LLMGuardError[] = [];
    const c = new ConfigClient({ apiKey: key.key, baseUrl: s.server.url, fetch: rec.fetch, onError: (e) => errors.push(e) });
    try {
      await c.ready();

      await p.rotateKey(key.id);
      await waitFor(() => errors.length > 0, 8_000);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: "INVALID_API_KEY", status: 403, message: expect.stringMatching(/stopped/) });
      expect(rec.streams().map((r) => r.status)).toEqual([200, 403]);
      expect(c.version).toBe(version);
      expect(c.get("llm.model")).toBe("gpt-4o");
      await sleep(200);
      expect(rec.seen).toHaveLength(2);
      await expect(c.ready()).resolves.toBeUndefined(); // the config it had is still loaded
    } finally {
      await c.close();
    }
  });
});

/** A URL where nothing listens. */
async function deadUrl(): Promise<string> {
  const server = await serveRest(s.app);
  await server.close();
  return server.url;
}

/** Accepts TCP connections and never answers. */
async function hangingServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as import("node:net").AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => r());
      }),
  };
}
