import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export interface RunningServer {
  pid: number;
  origin: string;
  port: number;
  secrets: Record<string, string>;
  stop: () => Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the production server (`node apps/web/server.mjs`, the `pnpm start` entry) on 127.0.0.1 against
 * `databaseUrl`, with warn-level logs (the per-request access log is info) and rate limits high enough
 * not to be what is measured. Resolves when it prints its ready line; its output goes to `logFile`.
 */
export async function startServer(opts: {
  repoRoot: string;
  databaseUrl: string;
  logFile: string;
  cpuProfileDir?: string;
  env?: Record<string, string>;
  /** The secrets of another instance on the same database (a second instance); default fresh random ones. */
  secrets?: Record<string, string>;
  /** Ready lines to wait for: with WEB_CONCURRENCY=N in `env`, each of the N workers prints one. */
  readyCount?: number;
}): Promise<RunningServer> {
  const webDir = path.join(opts.repoRoot, "apps", "web");
  if (!existsSync(path.join(webDir, ".next", "BUILD_ID"))) {
    throw new Error("No production build of apps/web: run `pnpm build` first (`pnpm bench` does it through turbo).");
  }
  const port = await freePort();
  const secrets = opts.secrets ?? {
    JWT_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    API_KEY_PEPPER: randomBytes(32).toString("base64url"),
    SECRETS_MASTER_KEY: randomBytes(32).toString("base64url"),
  };
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...secrets,
    NODE_ENV: "production",
    DATABASE_URL: opts.databaseUrl,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    APP_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "warn",
    RATE_LIMIT_USER_PER_MINUTE: "1000000",
    RATE_LIMIT_API_KEY_PER_MINUTE: "100000000",
    NEXT_TELEMETRY_DISABLED: "1",
    ...opts.env,
  };
  // In-process limits and inline jobs: the single-machine default that is being measured.
  delete env.REDIS_URL;
  delete env.PGLITE_DIR;
  // One process (the `pnpm start` default) unless the caller asks for cluster mode.
  if (!opts.env?.WEB_CONCURRENCY) delete env.WEB_CONCURRENCY;
  mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = createWriteStream(opts.logFile);
  const nodeArgs = opts.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "server.mjs"], { cwd: webDir, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  await new Promise<void>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`server did not become ready within 180 s (see ${opts.logFile})`)), 180_000);
    const want = Math.max(1, opts.readyCount ?? 1);
    const onData = (d: Buffer) => {
      buffered += d.toString();
      if (buffered.split("LLMGuard ready on").length - 1 >= want) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited during start-up (${signal ?? `exit ${code}`}); see ${opts.logFile}`));
    });
  });

  return {
    pid: child.pid!,
    origin: `http://127.0.0.1:${port}`,
    port,
    secrets,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 20_000))]);
      if (!killed) {
        child.kill("SIGKILL");
        await exited;
      }
      log.end();
    },
  };
}

/**
 * The diagnostic bare server (src/bare-server.ts): the same REST dispatcher and domain code behind a plain
 * node:http server, in its own process, on the benchmark database with the production server's secrets.
 */
export async function startBareServer(opts: { benchDir: string; databaseUrl: string; secrets: Record<string, string>; logFile: string; cpuProfileDir?: string; env?: Record<string, string>; nodeArgs?: readonly string[] }): Promise<RunningServer> {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.secrets, DATABASE_URL: opts.databaseUrl, NODE_ENV: "production", LOG_LEVEL: "warn", RATE_LIMIT_USER_PER_MINUTE: "1000000", RATE_LIMIT_API_KEY_PER_MINUTE: "100000000", ...opts.env };
  delete env.REDIS_URL;
  const log = createWriteStream(opts.logFile);
  const nodeArgs = opts.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", ...(opts.nodeArgs ?? []), "src/bare-server.ts"], { cwd: opts.benchDir, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const origin = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`bare server did not start within 60 s (see ${opts.logFile})`)), 60_000);
    child.stdout.on("data", (d: Buffer) => {
      buffered += d.toString();
      const m = /BARE READY (\S+)/.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bare server exited during start-up (exit ${code}); see ${opts.logFile}`));
    });
  });
  return {
    pid: child.pid!,
    origin,
    port: Number(new URL(origin).port),
    secrets: opts.secrets,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
      if (!done) {
        child.kill("SIGKILL");
        await exited;
      }
      log.end();
    },
  };
}

/**
 * The gateway phase's fast local upstream (src/gateway-upstream.ts) in a process of its own on this
 * machine: an OpenAI-compatible answer at once, no model. `baseUrl` is its …/v1.
 */
export async function startGatewayUpstream(opts: { benchDir: string; logFile: string }): Promise<{ pid: number; baseUrl: string; stop: () => Promise<void> }> {
  const log = createWriteStream(opts.logFile);
  const child = spawn(process.execPath, ["--import", "tsx", "src/gateway-upstream.ts"], { cwd: opts.benchDir, env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`the gateway upstream did not start within 30 s (see ${opts.logFile})`)), 30_000);
    child.stdout.on("data", (d: Buffer) => {
      buffered += d.toString();
      const m = /UPSTREAM READY (\S+)/.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway upstream exited during start-up (exit ${code}); see ${opts.logFile}`));
    });
  });
  return {
    pid: child.pid!,
    baseUrl,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
        if (!done) {
          child.kill("SIGKILL");
          await exited;
        }
      }
      log.end();
    },
  };
}
