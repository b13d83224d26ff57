// The production build (`pnpm build` first) started the way `pnpm start` runs it — `node server.mjs` in
// apps/web — on a fresh PostgreSQL database, for smoke tests that drive it over real HTTP.
//
//   const server = await startBuiltServer({ env: { LOGIN_MAX_FAILURES_PER_IP: "3" }, databaseProxy: true });
//   ... server.baseUrl, server.output(), server.proxy?.cut() ...
//   await server.stop(); // stops the process (SIGTERM, then SIGKILL) and drops the database
//
// A crash test kills the process and starts it again on the same database, port and secrets:
//   server.child.kill("SIGKILL"); await server.exited; await server.restart();
//
// Every server started here is also killed, and its database dropped, when the test process exits
// without having stopped it (a failed beforeAll, an interrupted run), so nothing is left behind.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import http, { type IncomingHttpHeaders } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDatabaseProxy } from "@llmguard/db/testing";
import { createDatabaseSync, databaseUrlFor, DEFAULT_TEST_DATABASE_URL, dropDatabaseSync } from "../e2e/database";
import { freePort } from "./free-port";

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type DatabaseProxy = Awaited<ReturnType<typeof startDatabaseProxy>>;

export interface BuiltServerOptions {
  /** Added to (or, with `undefined`, removed from) the server's environment. */
  env?: Record<string, string | undefined>;
  /**
   * Put a TCP proxy between the server and PostgreSQL (DATABASE_URL points at it), so a test can cut
   * the database off (`proxy.cut()`: drops every connection, refuses new ones) and bring it back.
   */
  databaseProxy?: boolean;
  /** How many lines matching `readyPattern` to wait for: 1, or WEB_CONCURRENCY's worker count. */
  readyLines?: number;
  /** Default: /LLMGuard ready on / (cluster mode: /LLMGuard ready on .*\[worker \d+\]/). */
  readyPattern?: RegExp;
  /** Shown in failure messages, e.g. "errors: tight limits". */
  label?: string;
  startTimeoutMs?: number;
}

export interface BuiltServer {
  label: string;
  baseUrl: string;
  port: number;
  databaseName: string;
  proxy: DatabaseProxy | undefined;
  child: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output: () => string;
  /** The tail of the output, framed for an assertion message. */
  log: (chars?: number) => string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the server (SIGTERM, SIGKILL after `graceMs`), closes the proxy and drops the database. Idempotent. */
  stop: (opts?: { graceMs?: number }) => Promise<void>;
  /**
   * Starts `node server.mjs` again, with the same environment (database, port, secrets), once the
   * previous process has exited (a crash test kills it with `child.kill("SIGKILL")`); resolves when the
   * new one is ready. `child` and `exited` then refer to the new process; `output()` keeps both.
   */
  restart: () => Promise<void>;
}

const adminUrl = () => process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;

/** Variables of a developer's shell that would change what the server under test does. */
const INHERITED_BUT_UNWANTED = [
  "DATABASE_URL",
  "DATABASE_POOL_MAX",
  "PGLITE_DIR",
  "REDIS_URL",
  "CORS_ORIGINS",
  "TRUST_PROXY",
  "SMTP_URL",
  "WEB_CONCURRENCY",
  "RATE_LIMIT_USER_PER_MINUTE",
  "RATE_LIMIT_API_KEY_PER_MINUTE",
  "LOGIN_MAX_FAILURES_PER_EMAIL",
  "LOGIN_MAX_FAILURES_PER_IP",
  "LOGIN_FAILURE_WINDOW_SECONDS",
  "SECRETS_MASTER_KEYS_RETIRED",
];

// --- leak safety net ------------------------------------------------------------------------------
// A run that ends early (a failed hook, Ctrl+C, vitest terminating its worker with SIGTERM) must not
// leave servers or databases behind: whatever was not stopped is killed and dropped, synchronously.
const running = new Set<{ child: ChildProcess; databaseName: string }>();
let exitHookInstalled = false;

function cleanUpSync(): void {
  for (const r of running) {
    try {
      if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGKILL");
    } catch {
      // already gone
    }
    try {
      dropDatabaseSync(adminUrl(), r.databaseName);
    } catch {
      // the database server is gone; nothing else to do
    }
  }
  running.clear();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", cleanUpSync);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      cleanUpSync();
      process.removeListener(signal, onSignal);
      // Nobody else handles it: die of the signal as the process would have without this hook.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

export function newSmokeDatabaseName(): string {
  return `llmguard_smoke_${randomBytes(5).toString("hex")}`;
}

export async function startBuiltServer(opts: BuiltServerOptions = {}): Promise<BuiltServer> {
  if (!existsSync(path.join(webDir, ".next", "BUILD_ID"))) {
    throw new Error("The smoke suite runs the production build, and there is none: run `pnpm build` first.");
  }
  installExitHook();
  const label = opts.label ?? "built server";
  const admin = adminUrl();
  const databaseName = newSmokeDatabaseName();
  createDatabaseSync(admin, databaseName);
  const directUrl = databaseUrlFor(admin, databaseName);
  let proxy: DatabaseProxy | undefined;
  let child: ChildProcess | undefined;
  const entry = { child: undefined as unknown as ChildProcess, databaseName };
  let output = "";
  const log = (chars = 6_000) => `\n--- ${label}: server output (last ${chars} chars) ---\n${output.slice(-chars)}\n---`;

  let stopped: Promise<void> | undefined;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = Promise.resolve({ code: null, signal: null });
  const stop = (stopOpts: { graceMs?: number } = {}): Promise<void> =>
    (stopped ??= (async () => {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const graceful = await Promise.race([exited.then(() => true), delay(stopOpts.graceMs ?? 15_000, false)]);
        if (!graceful) {
          child.kill("SIGKILL");
          await exited;
        }
      }
      running.delete(entry);
      if (proxy) await proxy.close();
      dropDatabaseSync(admin, databaseName);
    })());

  try {
    if (opts.databaseProxy) proxy = await startDatabaseProxy(directUrl);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const secret = () => randomBytes(32).toString("base64url");
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of INHERITED_BUT_UNWANTED) delete env[name];
    Object.assign(env, {
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: proxy ? proxy.url : directUrl,
      APP_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      LOG_LEVEL: "info",
      NEXT_TELEMETRY_DISABLED: "1",
      // Explicit secrets keep the server from writing the repo's .data/local-secrets.json.
      JWT_SECRET: secret(),
      NEXTAUTH_SECRET: secret(),
      API_KEY_PEPPER: secret(),
      SECRETS_MASTER_KEY: secret(),
    });
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }

    // Spawns server.mjs and waits for its ready line(s), counting only what this process printed.
    const launch = async (): Promise<ChildProcess> => {
      const from = output.length;
      const started = spawn(process.execPath, ["server.mjs"], { cwd: webDir, env, stdio: ["ignore", "pipe", "pipe"] });
      child = started;
      entry.child = started;
      running.add(entry);
      started.stdout?.on("data", (d: Buffer) => (output += d.toString()));
      started.stderr?.on("data", (d: Buffer) => (output += d.toString()));
      exited = new Promise((resolve) => started.once("exit", (code, signal) => resolve({ code, signal })));

      const wanted = opts.readyLines ?? 1;
      const ready = new RegExp(opts.readyPattern?.source ?? "LLMGuard ready on ", "g");
      const deadline = Date.now() + (opts.startTimeoutMs ?? 150_000);
      while ((output.slice(from).match(ready) ?? []).length < wanted) {
        if (started.exitCode !== null || started.signalCode !== null) throw new Error(`${label}: server.mjs exited before it was ready${log()}`);
        if (Date.now() > deadline) throw new Error(`${label}: server.mjs was not ready within ${opts.startTimeoutMs ?? 150_000} ms${log()}`);
        await delay(100);
      }
      return started;
    };

    const first = await launch();
    const server: BuiltServer = {
      label,
      baseUrl,
      port,
      databaseName,
      proxy,
      child: first,
      output: () => output,
      log,
      exited,
      stop,
      restart: async () => {
        if (stopped) throw new Error(`${label}: restart() after stop()`);
        const previous = child;
        if (previous && previous.exitCode === null && previous.signalCode === null) throw new Error(`${label}: restart() while the server is still running; kill it first`);
        output += `\n--- ${label}: restarting server.mjs (same database, port and secrets) ---\n`;
        server.child = await launch();
        server.exited = exited;
      },
    };
    return server;
  } catch (err) {
    await stop({ graceMs: 2_000 }).catch(() => undefined);
    throw err;
  }
}

function delay<T = void>(ms: number, value?: T): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, ms, value));
}

// --- an HTTP client that sends exactly what it is given -------------------------------------------

/**
 * Several servers a file starts at once (in beforeAll, in parallel: each takes seconds), looked up by name
 * in its tests, and all stopped in afterAll. A server that failed to start fails only the tests that ask
 * for it, with its start-up error and output.
 *
 *   const servers = builtServerSet<"main" | "tight">();
 *   beforeAll(() => { servers.start("main", { label: "x/main" }); ... });
 *   afterAll(() => servers.stopAll());
 *   const srv = await servers.get("main");
 */
export function builtServerSet<N extends string>() {
  const starts: Partial<Record<N, Promise<BuiltServer>>> = {};
  return {
    start(name: N, opts: BuiltServerOptions): void {
      const p = startBuiltServer(opts);
      p.catch(() => undefined); // reported by the test that needs it
      starts[name] = p;
    },
    get(name: N): Promise<BuiltServer> {
      const p = starts[name];
      if (!p) throw new Error(`server ${name} was not started`);
      return p;
    },
    async stopAll(): Promise<void> {
      const all = await Promise.allSettled(Object.values<Promise<BuiltServer> | undefined>(starts));
      await Promise.all(all.map((s) => (s.status === "fulfilled" ? s.value?.stop() : undefined)));
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export interface RawRequest {
  method?: string;
  /** Sent verbatim as the request target (no URL normalization: `%`, `%00`, `..%2F` reach the server as written). */
  path: string;
  headers?: Record<string, string>;
  /** A string or bytes is sent as is; anything else as JSON (with content-type: application/json). */
  body?: unknown;
  /** Connect from this local address (e.g. 127.0.0.7): another client IP on loopback. */
  localAddress?: string;
  /** Send the body with Transfer-Encoding: chunked (no Content-Length), in two pieces. */
  chunked?: boolean;
  timeoutMs?: number;
  agent?: http.Agent;
}

/**
 * One request with node:http (not fetch, which normalizes paths and refuses some bodies), so the
 * server sees the exact bytes a hostile or broken client would send.
 */
export function rawRequest(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  let body: Buffer | undefined;
  const headers: Record<string, string> = { ...req.headers };
  if (typeof req.body === "string") body = Buffer.from(req.body);
  else if (req.body instanceof Uint8Array) body = Buffer.from(req.body);
  else if (req.body !== undefined) {
    body = Buffer.from(JSON.stringify(req.body));
    headers["content-type"] ??= "application/json";
  }
  if (body && !req.chunked) headers["content-length"] = String(body.length);
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method ?? "GET",
        path: req.path,
        headers,
        localAddress: req.localAddress,
        agent: req.agent,
        timeout: req.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    r.on("timeout", () => r.destroy(new Error(`${req.method ?? "GET"} ${req.path}: no answer within ${req.timeoutMs ?? 30_000} ms`)));
    r.on("error", reject);
    if (body && req.chunked) {
      const half = Math.floor(body.length / 2);
      r.write(body.subarray(0, half));
      r.end(body.subarray(half));
    } else r.end(body);
  });
}

// --- the one error envelope -----------------------------------------------------------------------

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Why `body` is not `{ error: { code, message, details, timestamp } }` (exactly those four keys, code
 * and message non-empty strings, details an object or null, timestamp ISO-8601), or null when it is.
 */
export function envelopeProblem(body: unknown, shape: "rest" | "openai" = "rest"): string | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "the body is not a JSON object";
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== "error") return `top-level keys are [${keys.join(", ")}], expected [error]`;
  const e = (body as { error: unknown }).error;
  if (typeof e !== "object" || e === null || Array.isArray(e)) return "error is not an object";
  const ek = Object.keys(e).sort();
  // The gateway answers in OpenAI's shape, which adds `type` and `param` to the envelope's fields.
  const expected = shape === "openai" ? ["code", "details", "message", "param", "timestamp", "type"] : ["code", "details", "message", "timestamp"];
  if (ek.join(",") !== expected.join(",")) return `error has keys [${ek.join(", ")}], expected [${expected.join(", ")}]`;
  const { code, message, details, timestamp, type, param } = e as Record<string, unknown>;
  if (shape === "openai" && (typeof type !== "string" || !/^[a-z_]+$/.test(type))) return `error.type ${JSON.stringify(type)} is not an OpenAI error type`;
  if (shape === "openai" && param !== null && typeof param !== "string") return "error.param is neither a string nor null";
  if (typeof code !== "string" || !/^[A-Z][A-Z_]+$/.test(code)) return `error.code ${JSON.stringify(code)} is not an UPPER_SNAKE string`;
  if (typeof message !== "string" || message.length === 0) return "error.message is not a non-empty string";
  if (details !== null && (typeof details !== "object" || Array.isArray(details))) return "error.details is neither an object nor null";
  if (typeof timestamp !== "string" || !ISO_TIMESTAMP.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
    return `error.timestamp ${JSON.stringify(timestamp)} is not an ISO-8601 date-time`;
  }
  return null;
}
