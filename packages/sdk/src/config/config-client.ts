import { LLMGuardError } from "../errors.js";
import { describeError } from "../http.js";
import { MAX_RETRY_AFTER_MS } from "../retry.js";
import type { ConfigChange, ConfigSecret, FetchLike } from "../types.js";
import { keyFingerprint, readCacheFile, writeCacheFile } from "./config-cache-file.js";
import { bodyReader, fetchConfig, openConfigStream, type ConfigHttpConfig, type Failure } from "./config-http.js";
import { changedKeys, createSnapshot, parseDelivered, type ConfigSnapshot } from "./config-snapshot.js";
import { SseParser } from "./sse-parser.js";

/** The options of `guard.config` (the `config` option of `new LLMGuard()`). */
export interface ConfigOptions {
  /** The environment to follow. Default "production". */
  environment?: string;
  /** Follow changes over Server-Sent Events (`/api/v1/config/stream`). Default true; false polls only. */
  stream?: boolean;
  /** How often to poll `GET /api/v1/config` while the stream is down (or disabled). Default 30,000 ms. */
  pollIntervalMs?: number;
  /**
   * A file to keep the last good config in (secrets included: mode 0600, replaced atomically). It is read
   * at start-up, so the application has its config even when LLMGuard cannot be reached.
   */
  cacheFile?: string;
  /** Told about problems (unreachable server, rejected key, unreadable cache file, ...). Default: one `console.warn` line. */
  onError?: (error: LLMGuardError) => void;
}

/** Options of a standalone `new ConfigClient()`. */
export interface ConfigClientOptions extends ConfigOptions {
  /** A project API key (`lg_...`) with the `config:read` scope (and `secrets:read` to receive secrets). */
  apiKey: string;
  /** Where LLMGuard runs, e.g. `https://llmguard.example.com` (no `/api/v1`). */
  baseUrl: string;
  /** Per HTTP request (for the stream: until the response starts). Default 10,000 ms. */
  requestTimeoutMs?: number;
  /** A fetch implementation; default the global `fetch`. The stream needs one with a streaming `body`. */
  fetch?: FetchLike;
}

export type ConfigListener = (change: ConfigChange) => void;

const DEFAULT_READY_TIMEOUT_MS = 10_000;
/** Reconnection time until the server's `retry:` field says otherwise. */
const DEFAULT_RETRY_MS = 1_000;
const MIN_RETRY_MS = 100;
const MAX_RECONNECT_DELAY_MS = 30_000;
/**
 * Timings the tests shorten (not exported from the package). The server sends a heartbeat every 15 s:
 * three missed ones mean the connection is dead (a half-open TCP connection never errors by itself).
 */
export const configTimings = { streamIdleTimeoutMs: 45_000 };
/** How long to poll before trying again a stream the server did not offer. */
const STREAM_UNSUPPORTED_RETRY_MS = 5 * 60_000;
/** A connection that lasted this long was healthy: the next reconnect starts the backoff afresh. */
const STABLE_STREAM_MS = 10_000;
const MIN_POLL_INTERVAL_MS = 100;

const EMPTY_VALUES: Readonly<Record<string, unknown>> = Object.freeze({});
const EMPTY_LOOKUP: ReadonlyMap<string, unknown> = new Map();

/**
 * The delay before reconnect attempt `attempt` (1-based): the server's `retry:` time doubled per failed
 * attempt (capped at 30 s, never below `retry:`), plus up to 50 % random jitter so clients dropped together
 * (a server restart) do not come back together.
 */
export function reconnectDelay(attempt: number, retryMs: number, random: () => number = Math.random): number {
  const retry = Math.max(MIN_RETRY_MS, retryMs);
  const base = Math.max(retry, Math.min(MAX_RECONNECT_DELAY_MS, retry * 2 ** Math.max(0, attempt - 1)));
  return Math.round(base + (random() * base) / 2);
}

interface NormalizedConfigOptions {
  environment: string;
  stream: boolean;
  pollIntervalMs: number;
  cacheFile: string | undefined;
  onError: ((error: LLMGuardError) => void) | undefined;
}

/** Validates the config options (so `new LLMGuard()` rejects bad ones at once, not at first use). */
export function normalizeConfigOptions(options: ConfigOptions | undefined): NormalizedConfigOptions {
  const o = options ?? {};
  if (typeof o !== "object") throw invalid("config options must be an object");
  const environment = o.environment ?? "production";
  if (typeof environment !== "string" || environment.trim() === "") throw invalid("config.environment must be a non-empty string");
  if (o.stream !== undefined && typeof o.stream !== "boolean") throw invalid("config.stream must be a boolean");
  const pollIntervalMs = o.pollIntervalMs ?? 30_000;
  if (typeof pollIntervalMs !== "number" || !Number.isInteger(pollIntervalMs) || pollIntervalMs < MIN_POLL_INTERVAL_MS) {
    throw invalid(`config.pollIntervalMs must be an integer ≥ ${MIN_POLL_INTERVAL_MS}, got ${String(pollIntervalMs)}`);
  }
  if (o.cacheFile !== undefined && (typeof o.cacheFile !== "string" || o.cacheFile === "")) throw invalid("config.cacheFile must be a file path");
  if (o.onError !== undefined && typeof o.onError !== "function") throw invalid("config.onError must be a function");
  return { environment, stream: o.stream ?? true, pollIntervalMs, cacheFile: o.cacheFile, onError: o.onError };
}

interface Waiter {
  settle(timedOut: boolean): void;
}

type StreamRun =
  | { kind: "closed" }
  | { kind: "unsupported"; error: LLMGuardError }
  | { kind: "refused" }
  | { kind: "ended"; opened: boolean; delivered: boolean; retryAfterMs?: number };

/**
 * Configuration delivered to the application: `GET /api/v1/config` once, then kept current by the
 * Server-Sent Events stream (or by polling with If-None-Match while the stream is down). Reads are
 * synchronous and served from memory; the last good config is kept through any outage.
 *
 * ```ts
 * const config = new ConfigClient({ apiKey: process.env.LLMGUARD_API_KEY!, baseUrl: "https://llmguard.example.com" });
 * await config.ready();
 * const model = config.get("llm.model", "gpt-4o-mini");
 * ```
 *
 * The network starts right after construction (on the next microtask). Timers are unref'd; the open
 * stream is a connection like any other and holds the process until `close()`.
 */
export class ConfigClient {
  /** The environment this client follows. */
  readonly environment: string;
  readonly #http: ConfigHttpConfig;
  readonly #useStream: boolean;
  readonly #pollIntervalMs: number;
  readonly #cacheFile: string | undefined;
  readonly #fingerprint: string;
  readonly #onError: (error: LLMGuardError) => void;

  // What get() reads: replaced as a whole when a new version arrives, never mutated.
  #snap: ConfigSnapshot | null = null;
  #lookup: ReadonlyMap<string, unknown> = EMPTY_LOOKUP;
  /** The config in memory was delivered or confirmed by the server in this process (not only the cache file). */
  #fromServer = false;
  /** The ETag of #snap when known (from GET or the cache file); the stream carries none. */
  #etag: string | null = null;

  readonly #listeners = new Set<ConfigListener>();
  readonly #waiters = new Set<Waiter>();
  readonly #controllers = new Set<AbortController>();

  #closed = false;
  #closing: Promise<void> | null = null;
  /** The key cannot read config (401/403): everything stopped. */
  #fatal: LLMGuardError | null = null;
  /** The request is wrong (400/404, e.g. an unknown environment): ready() fails, polling goes on. */
  #definitive: LLMGuardError | null = null;
  #lastFailure: LLMGuardError | null = null;
  /** A transient failure happened before the server delivered anything: ready() may resolve from the cache file. */
  #unreachable = false;
  #lastReported: string | null = null;

  #streamUp = false;
  #retryMs = DEFAULT_RETRY_MS;
  #streamLoop: Promise<void> | null = null;
  #cancelStream: (() => void) | null = null;
  #polledAfterStreamFailure = false;
  #pollTimer: ReturnType<typeof setTimeout> | null = null;
  #polling: Promise<void> | null = null;
  #sleep: { timer: ReturnType<typeof setTimeout>; wake: () => void } | null = null;
  #cacheWrites: Promise<void> = Promise.resolve();
  #written: ConfigSnapshot | null = null;

  constructor(options: ConfigClientOptions) {
    if (!options || typeof options !== "object") throw invalid("options are required");
    const { apiKey, baseUrl } = options;
    if (typeof apiKey !== "string" || apiKey.trim() === "") throw invalid("apiKey is required");
    if (typeof baseUrl !== "string" || !/^https?:\/\//i.test(baseUrl)) throw invalid("baseUrl must be an http(s) URL");
    try {
      new URL(baseUrl);
    } catch {
      throw invalid(`baseUrl is not a valid URL: ${baseUrl}`);
    }
    const fetchImpl: FetchLike | undefined =
      options.fetch ?? (typeof globalThis.fetch === "function" ? (url, init) => globalThis.fetch(url, init) : undefined);
    if (!fetchImpl) throw invalid("no global fetch (Node.js 18+ required) and no `fetch` option given");
    const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    if (typeof requestTimeoutMs !== "number" || !Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1) {
      throw invalid(`requestTimeoutMs must be a positive integer, got ${String(requestTimeoutMs)}`);
    }
    const o = normalizeConfigOptions(options);

    this.environment = o.environment;
    this.#http = { baseUrl: baseUrl.replace(/\/+$/, ""), apiKey, fetch: fetchImpl, requestTimeoutMs };
    this.#useStream = o.stream;
    this.#pollIntervalMs = o.pollIntervalMs;
    this.#cacheFile = o.cacheFile;
    this.#fingerprint = keyFingerprint(apiKey);
    this.#onError = o.onError ?? defaultOnError;

    if (this.#cacheFile) this.#loadCacheFile(this.#cacheFile);
    // On the next microtask, so a caller that closes at once (LLMGuard after shutdown) starts nothing.
    queueMicrotask(() => this.#start());
  }

  /** The version of the config in memory (from the server or the cache file); `null` before any. */
  get version(): number | null {
    return this.#snap?.version ?? null;
  }

  /**
   * Resolves once a config is loaded: delivered by the server, or read from the cache file when the server
   * cannot be reached (at the first failed attempt, or when `timeoutMs` passes). Rejects with an
   * `LLMGuardError` when the API key is invalid or lacks `config:read` (`INVALID_API_KEY`, `FORBIDDEN`,
   * `UNAUTHENTICATED`), when the environment does not exist (`NOT_FOUND`), or with `TIMEOUT` when nothing
   * arrived within `timeoutMs` (default 10,000 ms). While awaited it keeps the process alive, at most that long.
   */
  ready(options: { timeoutMs?: number } = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
    if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs) || timeoutMs < 0) {
      return Promise.reject(invalid(`ready(): timeoutMs must be a number ≥ 0, got ${String(timeoutMs)}`));
    }
    const now = this.#readiness(false, timeoutMs);
    if (now) return now.error ? Promise.reject(now.error) : Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter: Waiter = {
        settle: (timedOut) => {
          const outcome = this.#readiness(timedOut, timeoutMs);
          if (!outcome) return;
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          if (outcome.error) reject(outcome.error);
          else resolve();
        },
      };
      this.#waiters.add(waiter);
      // Deliberately not unref'd: an awaited ready() must not let Node exit mid-wait during a backoff.
      if (Number.isFinite(timeoutMs)) timer = setTimeout(() => waiter.settle(true), timeoutMs);
    });
  }

  /**
   * The value of `key` in the current config (`fallback` when the key is absent). Synchronous: a Map
   * lookup, no copy. Objects and arrays are frozen (they are shared by every reader).
   */
  get<T = unknown>(key: string): T | undefined;
  get<T>(key: string, fallback: T): T;
  get<T>(key: string, fallback?: T): T | undefined {
    const value = this.#lookup.get(key);
    return value === undefined ? fallback : (value as T);
  }

  /** The whole current config, frozen (empty before any was loaded). The same object until the next version. */
  getAll(): Readonly<Record<string, unknown>> {
    return this.#snap?.values ?? EMPTY_VALUES;
  }

  /**
   * A secret the environment's config references (the API key needs `secrets:read`): its value, and during
   * a rotation's grace period the previous one, which both sides should still accept until it expires.
   */
  secret(name: string): ConfigSecret | undefined {
    const entry = this.#snap?.secrets.get(name);
    if (!entry) return undefined;
    // Checked at read time: the grace period ends by the clock, not by a message from the server.
    if (entry.withPrevious && Date.now() < entry.previousUntil) return entry.withPrevious;
    return entry.current;
  }

  /**
   * Calls `listener` after each new version is in place (`get()` already returns the new values). Returns
   * a function that removes the listener. A listener that throws is reported through `onError`.
   */
  onChange(listener: ConfigListener): () => void {
    if (typeof listener !== "function") throw invalid("onChange() needs a function");
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Ends the stream, polling and timers, and waits for a cache-file write in progress. Idempotent. The
   * config stays readable; a pending `ready()` rejects with `CLIENT_CLOSED` unless a config is loaded.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#closed = true;
      this.#stopAll();
      this.#settleWaiters();
      await Promise.allSettled([this.#streamLoop, this.#polling]);
      await this.#cacheWrites;
      this.#listeners.clear();
    })();
    return this.#closing;
  }

  // ---- internals

  get #stopped(): boolean {
    return this.#closed || this.#fatal !== null;
  }

  #start(): void {
    if (this.#stopped) return;
    if (this.#useStream) this.#streamLoop = this.#runStream().catch((err: unknown) => this.#internalError("the config stream loop", err));
    else void this.#poll();
  }

  /** A bug of ours must never become an unhandled rejection (which ends the process). */
  #internalError(where: string, err: unknown): void {
    this.#report(new LLMGuardError("INTERNAL", `LLMGuard SDK: ${where} failed: ${(err as Error)?.message ?? String(err)}`, { cause: err }), true);
  }

  #loadCacheFile(path: string): void {
    const read = readCacheFile(path, { environment: this.environment, keyFingerprint: this.#fingerprint });
    if (read.kind === "loaded") {
      this.#install(createSnapshot(read.config, read.raw), read.etag);
      this.#written = this.#snap;
    } else if (read.kind === "invalid") {
      this.#report(new LLMGuardError("CACHE_FILE_INVALID", `ignoring the config cache file ${path}: ${read.reason}`), true);
    }
  }

  async #runStream(): Promise<void> {
    let attempt = 0;
    let first = true;
    while (!this.#stopped) {
      const started = Date.now();
      const run = await this.#streamOnce(first);
      first = false;
      if (this.#stopped || run.kind === "closed") break;
      this.#streamUp = false;
      let delay: number;
      if (run.kind === "unsupported") {
        // Poll at once: it also tells an unknown environment (reported as NOT_FOUND) from a server or
        // proxy that does not offer the stream.
        await this.#poll();
        if (this.#stopped) break;
        if (!this.#definitive) this.#report(run.error);
        attempt = 0;
        delay = STREAM_UNSUPPORTED_RETRY_MS;
      } else if (run.kind === "refused") {
        // 400/404: the request is wrong (already reported); asking again soon would not change that.
        attempt = 0;
        delay = STREAM_UNSUPPORTED_RETRY_MS;
      } else {
        if (run.opened && (run.delivered || Date.now() - started >= STABLE_STREAM_MS)) attempt = 0;
        attempt++;
        delay = run.retryAfterMs !== undefined ? Math.min(run.retryAfterMs, MAX_RETRY_AFTER_MS) : reconnectDelay(attempt, this.#retryMs);
        if (!this.#fromServer && !this.#polledAfterStreamFailure) {
          // Starting up without a config: a plain GET may get through where the stream did not.
          this.#polledAfterStreamFailure = true;
          void this.#poll();
        }
      }
      // While the stream is down, polling keeps the config current.
      if (!this.#stopped && !this.#polling && !this.#pollTimer) this.#schedulePoll(this.#pollIntervalMs);
      await this.#wait(delay);
    }
  }

  async #streamOnce(first: boolean): Promise<StreamRun> {
    const controller = this.#track();
    try {
      // Resuming: the server skips its first event when it has nothing newer than what we hold.
      const lastEventId = !first && this.#snap ? String(this.#snap.version) : null;
      const open = await openConfigStream(this.#http, this.environment, lastEventId, controller);
      if (open.kind === "closed" || this.#stopped) return { kind: "closed" };
      if (open.kind === "unsupported") return open;
      if (open.kind === "failed") {
        this.#fail(open);
        if (open.severity === "definitive") return { kind: "refused" };
        return { kind: "ended", opened: false, delivered: false, retryAfterMs: open.retryAfterMs };
      }
      return await this.#consume(open.body, controller);
    } finally {
      this.#controllers.delete(controller);
    }
  }

  async #consume(body: Parameters<typeof bodyReader>[0], controller: AbortController): Promise<StreamRun> {
    const reader = bodyReader(body);
    this.#cancelStream = reader.cancel;
    let delivered = false;
    let idle = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const idleMs = configTimings.streamIdleTimeoutMs;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        idle = true;
        controller.abort();
        reader.cancel();
      }, idleMs);
      watchdog.unref?.();
    };
    const parser = new SseParser({
      onRetry: (ms) => {
        this.#retryMs = Math.min(ms, MAX_RETRY_AFTER_MS);
      },
      onEvent: (event) => {
        if (this.#stopped) return;
        if (event.type === "config") {
          if (this.#accept(event.data, null, "config stream")) delivered = true;
        } else if (event.type === "error") {
          this.#streamErrorEvent(event.data);
        }
      },
    });
    arm();
    try {
      for (;;) {
        const chunk = await reader.next();
        if (chunk === null || this.#stopped) break;
        arm();
        if (!this.#streamUp) {
          // The stream is up: it carries every change, so polling pauses.
          this.#streamUp = true;
          this.#clearPollTimer();
          this.#recovered();
        }
        parser.push(chunk);
      }
      // The server ended the stream (shutting down, or the key was rotated or deleted): reconnect,
      // and the next answer tells which.
      return this.#closed ? { kind: "closed" } : { kind: "ended", opened: true, delivered };
    } catch (err) {
      if (this.#closed) return { kind: "closed" };
      const error = idle
        ? new LLMGuardError("TIMEOUT", `config stream: nothing received for ${idleMs / 1000} s (not even a heartbeat); reconnecting`, { retryable: true })
        : new LLMGuardError("NETWORK_ERROR", `config stream: the connection broke (${describeError(err)}); reconnecting`, { retryable: true, cause: err });
      this.#fail({ severity: "transient", error });
      return { kind: "ended", opened: true, delivered };
    } finally {
      clearTimeout(watchdog);
      this.#cancelStream = null;
      reader.cancel();
    }
  }

  #streamErrorEvent(data: string): void {
    let code = "STREAM_ERROR";
    let message = "the server could not deliver the config";
    let details: unknown;
    try {
      const envelope = (JSON.parse(data) as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error;
      if (typeof envelope?.code === "string") code = envelope.code;
      if (typeof envelope?.message === "string") message = envelope.message;
      details = envelope?.details;
    } catch {
      // Not an envelope: report the generic message.
    }
    this.#report(new LLMGuardError(code, `config stream: ${message}; keeping version ${this.version ?? "none"}`, { details, retryable: true }));
  }

  #poll(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#polling) return this.#polling;
    this.#clearPollTimer();
    const controller = this.#track();
    this.#polling = (async () => {
      let next = this.#pollIntervalMs;
      try {
        const r = await fetchConfig(this.#http, this.environment, this.#etag, controller);
        if (r.kind === "closed" || this.#stopped) return;
        if (r.kind === "ok") this.#accept(r.text, r.etag, "GET /api/v1/config");
        else if (r.kind === "not-modified") {
          // If-None-Match carried the ETag of the config in memory: the server confirms it is current.
          this.#recovered();
          this.#fromServer = true;
          this.#settleWaiters();
        } else {
          this.#fail(r);
          if (r.retryAfterMs !== undefined) next = Math.max(next, Math.min(r.retryAfterMs, MAX_RETRY_AFTER_MS));
        }
      } catch (err) {
        this.#internalError("polling", err);
      } finally {
        this.#controllers.delete(controller);
        this.#polling = null;
        if (!this.#stopped && (!this.#useStream || !this.#streamUp)) this.#schedulePoll(next);
      }
    })();
    return this.#polling;
  }

  #schedulePoll(delayMs: number): void {
    this.#clearPollTimer();
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = null;
      void this.#poll();
    }, delayMs);
    this.#pollTimer.unref?.();
  }

  #clearPollTimer(): void {
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
  }

  /** Takes a delivered config (JSON text). Returns false when it was not one. */
  #accept(text: string, etag: string | null, source: string): boolean {
    const parsed = parseDelivered(text);
    const problem = !parsed.ok ? parsed.reason : parsed.config.environment !== this.environment ? "it is for another environment" : null;
    if (!parsed.ok || problem) {
      this.#fail({
        severity: "transient",
        error: new LLMGuardError("INVALID_RESPONSE", `${source}: the answer is not a config for "${this.environment}" (${problem}); keeping version ${this.version ?? "none"}`, { retryable: true }),
      });
      return false;
    }
    this.#recovered();
    this.#definitive = null;
    const previous = this.#snap;
    const config = parsed.config;
    if (previous && (config.version < previous.version || previous.raw === text)) {
      // Older than ours (an instance lagging behind), or what we hold: nothing changes.
      if (previous.raw === text && etag) this.#etag = etag;
      this.#fromServer = true;
      this.#settleWaiters();
      return true;
    }
    let next: ConfigSnapshot;
    let changed: string[];
    try {
      next = createSnapshot(config, text);
      changed = changedKeys(previous, next);
    } catch (err) {
      // E.g. a value nested too deeply to walk; the config in memory stays as it is.
      this.#internalError(`taking version ${config.version}`, err);
      return false;
    }
    this.#install(next, etag);
    this.#fromServer = true;
    this.#settleWaiters();
    this.#persist();
    if (!previous || previous.version !== next.version || changed.length > 0) {
      this.#emit({ version: next.version, previousVersion: previous?.version ?? null, changedKeys: changed, config: next.values });
    }
    return true;
  }

  #install(snap: ConfigSnapshot, etag: string | null): void {
    this.#snap = snap;
    this.#lookup = snap.lookup;
    this.#etag = etag;
  }

  #emit(change: ConfigChange): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch (err) {
        this.#report(new LLMGuardError("LISTENER_FAILED", `an onChange listener threw: ${(err as Error)?.message ?? String(err)}`, { cause: err }), true);
      }
    }
  }

  /** Writes the config in memory to the cache file, one write at a time, skipping versions already superseded. */
  #persist(): void {
    const path = this.#cacheFile;
    if (!path) return;
    this.#cacheWrites = this.#cacheWrites.then(async () => {
      const snap = this.#snap;
      if (!snap || snap === this.#written) return;
      try {
        await writeCacheFile(path, { environment: this.environment, keyFingerprint: this.#fingerprint, etag: this.#etag, config: snap.delivered });
        this.#written = snap;
      } catch (err) {
        const reason = (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? String(err);
        this.#report(new LLMGuardError("CACHE_FILE_WRITE_FAILED", `could not write the config cache file ${path} (${reason})`, { cause: err }), true);
      }
    });
  }

  #fail(failure: Failure): void {
    this.#lastFailure = failure.error;
    if (failure.severity === "fatal") {
      this.#fatal = failure.error;
      this.#report(failure.error.with({ message: `${failure.error.message}; config updates stopped, keeping version ${this.version ?? "none"}` }), true);
      this.#stopAll();
    } else {
      if (failure.severity === "definitive") this.#definitive = failure.error;
      else if (!this.#fromServer) this.#unreachable = true;
      this.#report(failure.error);
    }
    this.#settleWaiters();
  }

  /** A request succeeded: the next failure is news again. */
  #recovered(): void {
    this.#lastReported = null;
  }

  /** `undefined`: still waiting. */
  #readiness(timedOut: boolean, timeoutMs: number): { error?: LLMGuardError } | undefined {
    if (this.#snap && this.#fromServer) return {};
    if (this.#fatal) return { error: this.#fatal };
    if (this.#definitive) return { error: this.#definitive };
    // The cache file stands in when the server cannot be reached.
    if (this.#snap && (this.#unreachable || timedOut)) return {};
    if (this.#closed) return { error: new LLMGuardError("CLIENT_CLOSED", "the config client was closed before a config was loaded") };
    if (timedOut) {
      const last = this.#lastFailure;
      return {
        error: new LLMGuardError("TIMEOUT", `no config for environment "${this.environment}" within ${timeoutMs} ms${last ? ` (last problem: ${last.code}: ${last.message})` : ""}`, {
          status: last?.status,
          retryable: true,
          cause: last ?? undefined,
        }),
      };
    }
    return undefined;
  }

  #settleWaiters(): void {
    for (const w of [...this.#waiters]) w.settle(false);
  }

  #track(): AbortController {
    const controller = new AbortController();
    this.#controllers.add(controller);
    return controller;
  }

  #stopAll(): void {
    this.#clearPollTimer();
    this.#sleep?.wake();
    for (const c of this.#controllers) c.abort();
    this.#controllers.clear();
    this.#cancelStream?.();
  }

  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#stopped) return resolve();
      const timer = setTimeout(() => {
        this.#sleep = null;
        resolve();
      }, ms);
      timer.unref?.();
      this.#sleep = {
        timer,
        wake: () => {
          clearTimeout(timer);
          this.#sleep = null;
          resolve();
        },
      };
    });
  }

  /** Reports through onError; a failure repeating the last one (same code and status) is reported once until a request succeeds. */
  #report(error: LLMGuardError, always = false): void {
    const key = `${error.code}|${error.status ?? ""}`;
    if (!always && key === this.#lastReported) return;
    this.#lastReported = key;
    try {
      this.#onError(error);
    } catch {
      // A failing onError must never break the client.
    }
  }
}

/** One line per problem; never values or secrets (no message of the client carries them). */
export function defaultOnError(error: LLMGuardError): void {
  console.warn(`[llmguard] config ${error.code}${error.status ? ` ${error.status}` : ""}: ${error.message}`);
}

function invalid(message: string): LLMGuardError {
  return new LLMGuardError("INVALID_OPTIONS", `LLMGuard config: ${message}`);
}
