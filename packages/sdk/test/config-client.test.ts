import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { configTimings, reconnectDelay } from "../src/config/config-client";
import { ConfigClient, LLMGuardError, type ConfigChange, type ConfigClientOptions } from "../src/index";
import { config, startConfigDouble, type ConfigDouble } from "./support/config-double";
import { errorBody, sleep, waitFor } from "./support/http";

/**
 * The config client's protocol handling against a local double of the delivery routes (real HTTP, real
 * SSE), for behaviour the real server cannot be made to show on purpose. config.int.test.ts covers the
 * same client against the real product.
 */
let double: ConfigDouble;
let clients: ConfigClient[];

beforeEach(async () => {
  double = await startConfigDouble(config(3, { "llm.model": "gpt-4o", "llm.maxTokens": 512 }));
  clients = [];
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(clients.map((c) => c.close()));
  await double.close();
});

function client(over: Partial<ConfigClientOptions> = {}) {
  const errors: LLMGuardError[] = [];
  const changes: ConfigChange[] = [];
  const c = new ConfigClient({ apiKey: double.apiKey, baseUrl: double.url, onError: (e) => errors.push(e), ...over });
  c.onChange((ch) => changes.push(ch));
  clients.push(c);
  return { c, errors, changes };
}

describe("ConfigClient protocol handling", () => {
  it("reads a stream cut at every byte, with CRLF line ends, comments and the config split over several data lines", async () => {
    double.onStream(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8" });
      const text =
        'retry: 50\r\n\r\n: ping\r\n\r\nid: 3\r\nevent: config\r\ndata: {"version":3,\r\ndata: "environment":"production",\r\ndata:"values":{"llm.model":"grüß-🤖"}}\r\n\r\n';
      for (const byte of Buffer.from(text)) {
        res.write(Uint8Array.of(byte));
        await new Promise((r) => setImmediate(r));
      }
    });
    const { c, errors } = client();
    await c.ready();
    expect(c.version).toBe(3);
    expect(c.get("llm.model")).toBe("grüß-🤖");
    expect(errors).toEqual([]);
  });

  it("honours retry: when the server ends the stream, and resumes with Last-Event-ID (no repeat of what it has)", async () => {
    double = await restartDouble({ retryMs: 300 });
    const { c, changes } = client();
    await c.ready();
    double.endStreams();
    const ended = Date.now();
    await waitFor(() => double.streams.length === 2 && double.openStreams() === 1);

    const gap = double.streams[1]!.at - ended;
    expect(gap).toBeGreaterThanOrEqual(290);
    expect(gap).toBeLessThan(300 * 1.5 + 200);
    expect(double.streams[0]!.headers["last-event-id"]).toBeUndefined();
    expect(double.streams[1]!.headers["last-event-id"]).toBe("3");
    await sleep(50);
    expect(changes.map((ch) => ch.version)).toEqual([3]);

    double.publish(config(4, { "llm.model": "gpt-4.1", "llm.maxTokens": 512 }));
    await waitFor(() => c.version === 4);
    expect(changes.at(-1)).toMatchObject({ version: 4, previousVersion: 3, changedKeys: ["llm.model"] });
  });

  it("ignores a version older than the one it holds", async () => {
    const { c, changes } = client();
    await c.ready();
    double.publish(config(5, { "llm.model": "v5" }));
    await waitFor(() => c.version === 5);
    double.publish(config(4, { "llm.model": "stale" }), { stale: true });
    double.publish(config(6, { "llm.model": "v6" }));
    await waitFor(() => c.version === 6);
    expect(changes.map((ch) => [ch.version, ch.config["llm.model"]])).toEqual([
      [3, "gpt-4o"],
      [5, "v5"],
      [6, "v6"],
    ]);
    // The same version again (a reconnect, a second instance) changes nothing either.
    double.publish(config(6, { "llm.model": "v6" }));
    await sleep(50);
    expect(changes).toHaveLength(3);
    expect(changes[1]!.changedKeys).toEqual(["llm.maxTokens", "llm.model"]);
  });

  it("reports an `event: error` and keeps the config it has", async () => {
    const { c, errors } = client();
    await c.ready();
    double.write(`event: error\ndata: ${JSON.stringify(errorBody("CONFIG_UNRESOLVABLE", "llm.apiKey references a deleted secret", { issues: [] }))}\n\n`);
    await waitFor(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: "CONFIG_UNRESOLVABLE", message: expect.stringContaining("keeping version 3") });
    expect(c.get("llm.model")).toBe("gpt-4o");
    double.publish(config(4, { "llm.model": "fixed" }));
    await waitFor(() => c.get("llm.model") === "fixed");
  });

  it("never replaces good config with a 500, a 422 or garbage; reports each problem once, never printing values", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const answers: [number, string][] = [
      [500, JSON.stringify(errorBody("INTERNAL", "Internal error"))],
      [500, JSON.stringify(errorBody("INTERNAL", "Internal error"))],
      [422, JSON.stringify(errorBody("CONFIG_UNRESOLVABLE", "Config cannot be resolved"))],
      [422, JSON.stringify(errorBody("CONFIG_UNRESOLVABLE", "Config cannot be resolved"))],
      [200, '{"version":9,"environment":"production","values":{"llm.apiKey":"sk-live-SECRET-42"'],
      [200, JSON.stringify({ version: 9, environment: "production", values: ["sk-live-SECRET-42"] })],
      [200, JSON.stringify(config(9, { "llm.apiKey": "sk-live-SECRET-42" }, { environment: "staging" }))],
    ];
    let served = 0;
    double.onRead((_req, res) => {
      if (served === 0) return (served++, false); // the first read succeeds
      const next = answers[served++ - 1];
      if (!next) return false;
      res.writeHead(next[0], { "content-type": "application/json" });
      res.end(next[1]);
    });
    const { c } = client({ stream: false, pollIntervalMs: 100, onError: undefined });
    await c.ready();
    await waitFor(() => served > answers.length + 1);

    expect(c.version).toBe(3);
    expect(c.get("llm.model")).toBe("gpt-4o");
    expect(c.get("llm.apiKey")).toBeUndefined();
    const lines = warn.mock.calls.map((args) => args.join(" "));
    // Repeats of a problem (same code and status) are reported once, until a request succeeds.
    expect(lines).toEqual([
      expect.stringMatching(/^\[llmguard\] config INTERNAL 500: GET \/api\/v1\/config: Internal error$/),
      expect.stringMatching(/^\[llmguard\] config CONFIG_UNRESOLVABLE 422: /),
      expect.stringMatching(/^\[llmguard\] config INVALID_RESPONSE: .*not JSON.*keeping version 3/),
    ]);
    expect(lines.join("\n")).not.toContain("sk-live");
  });

  it("polls while the stream is down, and stops polling when it is back", async () => {
    double = await restartDouble({ retryMs: 50 });
    const { c, errors } = client({ pollIntervalMs: 100 });
    await c.ready();
    expect(double.reads).toHaveLength(0);

    double.onStream((_req, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify(errorBody("SERVICE_UNAVAILABLE", "Database unavailable")));
    });
    double.endStreams();
    await waitFor(() => double.reads.length >= 2);
    expect(errors.map((e) => e.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    double.publish(config(4, { "llm.model": "via-poll" }));
    await waitFor(() => c.get("llm.model") === "via-poll");

    double.onStream(null);
    await waitFor(() => double.openStreams() === 1, 5_000);
    const polls = double.reads.length;
    await sleep(350);
    expect(double.reads.length).toBe(polls);
    double.publish(config(5, { "llm.model": "via-stream" }));
    await waitFor(() => c.get("llm.model") === "via-stream");
  });

  it("falls back to polling when the stream route answers something other than an event stream", async () => {
    double.onStream((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>login page of some proxy</html>");
    });
    const { c, errors } = client({ pollIntervalMs: 100 });
    await c.ready();
    await waitFor(() => errors.length > 0);
    expect(errors.map((e) => e.code)).toEqual(["STREAM_UNAVAILABLE"]);
    expect(errors[0]!.message).toMatch(/text\/html/);
    double.publish(config(4, { "llm.model": "polled" }));
    await waitFor(() => c.get("llm.model") === "polled");
    expect(double.streams).toHaveLength(1);
  });

  it("reconnects when the stream goes silent (no heartbeat): a dead connection is noticed; heartbeats keep a live one", async () => {
    const idle = configTimings.streamIdleTimeoutMs;
    configTimings.streamIdleTimeoutMs = 300;
    try {
      let silent = true;
      double.onStream((_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(`retry: 50\n\nid: 3\nevent: config\ndata: ${JSON.stringify(double.current)}\n\n`);
        if (silent) return; // a half-open connection: nothing more, ever
        const ping = setInterval(() => res.write(": ping\n\n"), 100);
        res.on("close", () => clearInterval(ping));
      });
      const { c, errors } = client();
      await c.ready();
      const connected = Date.now();
      await waitFor(() => double.streams.length === 2);
      expect(double.streams[1]!.at - connected).toBeGreaterThanOrEqual(300);
      expect(errors).toMatchObject([{ code: "TIMEOUT", message: expect.stringContaining("nothing received for 0.3 s") }]);

      silent = false;
      await waitFor(() => double.streams.length === 3);
      await sleep(800);
      expect(double.streams).toHaveLength(3);
    } finally {
      configTimings.streamIdleTimeoutMs = idle;
    }
  });

  it("a listener that throws is reported, and the other listeners still run", async () => {
    const { c, errors } = client();
    const later = vi.fn();
    c.onChange(() => {
      throw new Error("listener bug");
    });
    c.onChange(later);
    await c.ready();
    expect(later).toHaveBeenCalledTimes(1);
    expect(errors).toMatchObject([{ code: "LISTENER_FAILED", message: expect.stringContaining("listener bug") }]);
  });

  it("close() ends the stream at once and is idempotent; ready() after it rejects unless a config is loaded", async () => {
    const { c } = client();
    await c.ready();
    expect(double.openStreams()).toBe(1);
    const closing = c.close();
    expect(c.close()).toBe(closing);
    await closing;
    await waitFor(() => double.openStreams() === 0);
    await expect(c.ready()).resolves.toBeUndefined();
    expect(c.get("llm.model")).toBe("gpt-4o");

    const early = client();
    await early.c.close();
    await expect(early.c.ready()).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
    await sleep(30);
    expect(double.streams).toHaveLength(1); // the early one never connected
  });

  it("writes the cache file atomically: the last version wins and no temporary file is left", async () => {
    const dir = await mkdtemp(join(tmpdir(), "llmguard-cache-"));
    try {
      const cacheFile = join(dir, "config.json");
      const { c } = client({ cacheFile });
      await c.ready();
      for (let v = 4; v <= 12; v++) double.publish(config(v, { "llm.model": `m${v}`, "llm.apiKey": "sk-cached" }));
      await waitFor(() => c.version === 12);
      await c.close();
      expect(await readdir(dir)).toEqual(["config.json"]);
      const file = JSON.parse(await readFile(cacheFile, "utf8"));
      expect(file.config).toEqual(config(12, { "llm.model": "m12", "llm.apiKey": "sk-cached" }));

      // Another environment's file is not used.
      const staging = client({ cacheFile, environment: "staging", baseUrl: "http://127.0.0.1:1" });
      expect(staging.c.version).toBeNull();
      expect(staging.errors[0]).toMatchObject({ code: "CACHE_FILE_INVALID", message: expect.stringContaining("another environment") });

      // A file that is valid JSON but not ours is not used either.
      await writeFile(cacheFile, JSON.stringify({ hello: "world" }));
      const foreign = client({ cacheFile, baseUrl: "http://127.0.0.1:1" });
      expect(foreign.c.version).toBeNull();
      expect(foreign.errors[0]).toMatchObject({ code: "CACHE_FILE_INVALID", message: expect.stringContaining("not an LLMGuard config cache file") });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("validates its options", () => {
    const base = { apiKey: "lg_x", baseUrl: "http://localhost:3000" };
    const bad: Partial<ConfigClientOptions>[] = [{ apiKey: "" }, { baseUrl: "localhost:3000" }, { environment: " " }, { pollIntervalMs: 10 }, { pollIntervalMs: 1.5 }, { requestTimeoutMs: 0 }];
    for (const over of bad) expect(() => new ConfigClient({ ...base, ...over })).toThrow(expect.objectContaining({ code: "INVALID_OPTIONS" }));
  });
});

describe("reconnectDelay", () => {
  it("waits at least the server's retry, doubles per failed attempt up to 30 s, and adds up to 50 % jitter", () => {
    expect(reconnectDelay(1, 3_000, () => 0)).toBe(3_000);
    expect(reconnectDelay(1, 3_000, () => 1)).toBe(4_500);
    expect(reconnectDelay(2, 3_000, () => 0)).toBe(6_000);
    expect(reconnectDelay(10, 3_000, () => 0)).toBe(30_000);
    expect(reconnectDelay(10, 3_000, () => 1)).toBe(45_000);
    // A retry above the cap is still honoured; a zero retry is floored so a failing server is not hammered.
    expect(reconnectDelay(3, 60_000, () => 0)).toBe(60_000);
    expect(reconnectDelay(1, 0, () => 0)).toBe(100);
  });
});

async function restartDouble(options: { retryMs: number }): Promise<ConfigDouble> {
  const initial = double.current;
  await double.close();
  return startConfigDouble(initial, options);
}
