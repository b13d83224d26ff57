import { randomUUID } from "node:crypto";
import { ConfigClient, defaultOnError as defaultConfigOnError, normalizeConfigOptions, type ConfigOptions } from "./config/config-client.js";
import { Enforcer, type ChatMessage, type GuardCheckInput, type GuardCheckResult } from "./enforcement.js";
import { LLMGuardError } from "./errors.js";
import { registerForExit, unregisterForExit, type ExitParticipant } from "./exit-hooks.js";
import { postJson, type Attempt, type HttpConfig } from "./http.js";
import { INGEST_RECORD_FIELDS, MAX_BATCH_SIZE } from "./limits.js";
import { instrumentOpenAI, type OpenAIChatLike, type WrapOpenAIOptions, type CreateParamsOf } from "./openai.js";
import { backoffDelay, MAX_RETRY_AFTER_MS } from "./retry.js";
import type { BatchRecordResult, FetchLike, IngestRecord, IngestResult, LogRecord } from "./types.js";

const BATCH_PATH = "/api/v1/requests/batch";
const SINGLE_PATH = "/api/v1/requests";

export interface LLMGuardOptions {
  /** A project API key (`lg_...`) with the ingest scope. */
  apiKey: string;
  /** Where LLMGuard runs, e.g. `https://llmguard.example.com` (no `/api/v1`). */
  baseUrl: string;
  /** How often buffered records are sent. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Records per batch request, 1–500. Default 100. A full batch is sent without waiting for the interval. */
  maxBatchSize?: number;
  /** Records kept in memory while LLMGuard is slow or unreachable; beyond it the oldest are dropped. Default 10,000. */
  maxQueueSize?: number;
  /**
   * Extra attempts for a transient failure (network, timeout, 408, 429, 5xx). Default 8: with the default
   * backoff 46–92 s of retrying, longer than a server restart (the crash test measured 4.5–11 s).
   */
  maxRetries?: number;
  /** First backoff step; each retry doubles it (with jitter) up to `retryMaxDelayMs`. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Longest backoff between attempts (a server's Retry-After is honoured as given). Default 30,000 ms. */
  retryMaxDelayMs?: number;
  /** Per HTTP request. Default 10,000 ms. */
  requestTimeoutMs?: number;
  /** How long `shutdown()` and the SIGTERM/SIGINT hooks wait for delivery. Default 10,000 ms. */
  shutdownTimeoutMs?: number;
  /** Flush on `beforeExit`, SIGTERM and SIGINT. Default true. */
  handleProcessExit?: boolean;
  /**
   * Told about every record that will not be delivered (queue overflow, rejected by the server, retries
   * exhausted, ...); `error.records` holds them. Default: a one-line `console.warn` without record contents.
   */
  onError?: (error: LLMGuardError) => void;
  /** A fetch implementation; default the global `fetch`. Also used by `guard.config`. */
  fetch?: FetchLike;
  /**
   * Options of `guard.config` (configuration delivered by LLMGuard; the key needs `config:read`). Nothing
   * connects until `guard.config` is first used. Its `onError` defaults to the `onError` above.
   */
  config?: ConfigOptions;
  /**
   * Enforce the project's guard rules (remediation actions: disabled endpoints, blocking thresholds, model
   * and system prompt switches, per-user limits) in `wrapOpenAI` clients and `check()`, from the rules
   * `guard.config` holds in memory. Default true. `false` enforces nothing and never connects to the config
   * endpoint for it (`guard.config` still works when you use it yourself).
   */
  enforce?: boolean;
}

interface Entry {
  seq: number;
  record: IngestRecord;
}

interface Sleeper {
  timer: ReturnType<typeof setTimeout>;
  wake: () => void;
}

/** Fields sent as the caller gave them; `id`, `timestamp` and `metadata` are prepared by `#prepare`. */
const COPIED_FIELDS = INGEST_RECORD_FIELDS.filter((f) => f !== "id" && f !== "timestamp" && f !== "metadata");

/**
 * The LLMGuard client. `log()` buffers a record and returns at once; a background loop sends batches,
 * retrying transient failures with backoff. Records carry a client-side id, so a retried batch is stored once.
 *
 * ```ts
 * const guard = new LLMGuard({ apiKey: process.env.LLMGUARD_API_KEY!, baseUrl: "https://llmguard.example.com" });
 * const openai = guard.wrapOpenAI(new OpenAI());
 * ```
 */
export class LLMGuard implements ExitParticipant {
  readonly #http: HttpConfig;
  readonly #flushIntervalMs: number;
  readonly #maxBatchSize: number;
  readonly #maxQueueSize: number;
  readonly #maxRetries: number;
  readonly #backoff: { baseDelayMs: number; maxDelayMs: number };
  readonly #shutdownTimeoutMs: number;
  readonly #handleProcessExit: boolean;
  readonly #onError: (error: LLMGuardError) => void;

  #queue: Entry[] = [];
  #inflight: Entry[] | null = null;
  #seq = 0;
  #draining: Promise<void> | null = null;
  #kickScheduled = false;
  #sendPartial = false;
  #progressWaiters: (() => void)[] = [];
  #sleeper: Sleeper | null = null;
  #keepAlive = 0;
  #interval: ReturnType<typeof setInterval> | null = null;
  #closed = false;
  #stopped = false;
  #shutdown: Promise<void> | null = null;
  #overflow: IngestRecord[] = [];
  readonly #configOptions: ReturnType<typeof normalizeConfigOptions>;
  readonly #userOnError: ((error: LLMGuardError) => void) | undefined;
  #config: ConfigClient | null = null;
  readonly #enforce: boolean;
  #enforcer: Enforcer | null = null;

  constructor(options: LLMGuardOptions) {
    if (!options || typeof options !== "object") throw invalidOption("options are required");
    const { apiKey, baseUrl } = options;
    if (typeof apiKey !== "string" || apiKey.trim() === "") throw invalidOption("apiKey is required");
    if (typeof baseUrl !== "string" || !/^https?:\/\//i.test(baseUrl)) throw invalidOption("baseUrl must be an http(s) URL");
    try {
      new URL(baseUrl);
    } catch {
      throw invalidOption(`baseUrl is not a valid URL: ${baseUrl}`);
    }
    const fetchImpl: FetchLike | undefined =
      options.fetch ?? (typeof globalThis.fetch === "function" ? (url, init) => globalThis.fetch(url, init) : undefined);
    if (!fetchImpl) throw invalidOption("no global fetch (Node.js 18+ required) and no `fetch` option given");

    this.#flushIntervalMs = intOption("flushIntervalMs", options.flushIntervalMs, 1000, 1);
    this.#maxBatchSize = intOption("maxBatchSize", options.maxBatchSize, 100, 1, MAX_BATCH_SIZE);
    this.#maxQueueSize = intOption("maxQueueSize", options.maxQueueSize, 10_000, 1);
    this.#maxRetries = intOption("maxRetries", options.maxRetries, 8, 0);
    this.#backoff = {
      baseDelayMs: intOption("retryBaseDelayMs", options.retryBaseDelayMs, 500, 0),
      maxDelayMs: intOption("retryMaxDelayMs", options.retryMaxDelayMs, 30_000, 0),
    };
    this.#shutdownTimeoutMs = intOption("shutdownTimeoutMs", options.shutdownTimeoutMs, 10_000, 0);
    this.#http = {
      baseUrl: baseUrl.replace(/\/+$/, ""),
      apiKey,
      fetch: fetchImpl,
      requestTimeoutMs: intOption("requestTimeoutMs", options.requestTimeoutMs, 10_000, 1),
    };
    this.#onError = options.onError ?? defaultOnError;
    this.#userOnError = options.onError;
    this.#configOptions = normalizeConfigOptions(options.config);
    this.#handleProcessExit = options.handleProcessExit ?? true;
    if (options.enforce !== undefined && typeof options.enforce !== "boolean") throw invalidOption("enforce must be a boolean");
    this.#enforce = options.enforce ?? true;

    this.#interval = setInterval(() => {
      if (this.#queue.length > 0) void this.#pump(true);
    }, this.#flushIntervalMs);
    // The SDK must never be the reason a process stays alive.
    this.#interval.unref?.();
    if (this.#handleProcessExit) registerForExit(this);
  }

  /** Records buffered or in flight. */
  get pending(): number {
    return this.#queue.length + (this.#inflight?.length ?? 0);
  }

  /**
   * Configuration delivered by LLMGuard for `config.environment` (default "production"), kept current
   * over a Server-Sent Events stream; created at first access (nothing connects before).
   *
   * ```ts
   * await guard.config.ready();
   * const model = guard.config.get("llm.model", "gpt-4o-mini");
   * ```
   */
  get config(): ConfigClient {
    if (!this.#config) {
      const o = this.#configOptions;
      const client = new ConfigClient({
        ...o,
        apiKey: this.#http.apiKey,
        baseUrl: this.#http.baseUrl,
        requestTimeoutMs: this.#http.requestTimeoutMs,
        fetch: this.#http.fetch,
        onError: o.onError ?? this.#userOnError ?? defaultConfigOnError,
      });
      // After shutdown() the client still serves its cache file, but never connects.
      if (this.#closed) void client.close();
      this.#config = client;
    }
    return this.#config;
  }

  /** @internal used by the exit hooks */
  get exitTimeoutMs(): number {
    return this.#shutdownTimeoutMs;
  }

  /**
   * Buffers one LLM call for the next batch and returns immediately with the record's id. Never throws:
   * a record that cannot be sent is reported through `onError`.
   */
  log(record: LogRecord): string {
    const prepared = this.#prepare(record);
    if (prepared instanceof LLMGuardError) {
      this.#report(prepared);
      return prepared.records[0]?.id ?? "";
    }
    if (this.#closed) {
      this.#report(new LLMGuardError("CLIENT_CLOSED", "log() was called after shutdown(); the record was dropped", { records: [prepared] }));
      return prepared.id;
    }
    this.#queue.push({ seq: ++this.#seq, record: prepared });
    if (this.#queue.length > this.#maxQueueSize) {
      const dropped = this.#queue.splice(0, this.#queue.length - this.#maxQueueSize);
      this.#reportOverflow(dropped.map((e) => e.record));
    }
    if (this.#queue.length >= this.#maxBatchSize) this.#kick();
    return prepared.id;
  }

  /**
   * Sends one record now (not batched) and returns what the server computed for it: id, risk score and
   * factors, flagged, cost. Transient failures are retried like batches. Throws an `LLMGuardError`
   * (with `code` and `status`) when the record is rejected or cannot be delivered.
   */
  async logNow(record: LogRecord): Promise<IngestResult> {
    const prepared = this.#prepare(record);
    if (prepared instanceof LLMGuardError) throw prepared;
    if (this.#closed) throw new LLMGuardError("CLIENT_CLOSED", "logNow() was called after shutdown()", { records: [prepared] });
    const outcome = await this.#send(SINGLE_PATH, prepared, { track: false });
    if (!outcome.ok) throw outcome.error.with({ records: [prepared] });
    if (!isIngestResult(outcome.body)) {
      throw new LLMGuardError("INVALID_RESPONSE", "LLMGuard's answer to POST /api/v1/requests has an unexpected shape", {
        status: outcome.status,
        details: outcome.body,
        records: [prepared],
      });
    }
    return outcome.body;
  }

  /**
   * Sends everything logged before this call. Resolves `true` once those records are delivered or dropped
   * (drops are reported through `onError`), or `false` if `timeoutMs` passed first (delivery goes on in
   * the background). While a flush is awaited, retry timers keep the process alive.
   */
  async flush(options: { timeoutMs?: number } = {}): Promise<boolean> {
    const target = this.#seq;
    if (this.#settled(target)) return true;
    this.#holdOpen(+1);
    let timedOut = false;
    let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
    const deadline =
      options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs)
        ? new Promise<void>((resolve) => {
            deadlineTimer = setTimeout(() => {
              timedOut = true;
              resolve();
            }, Math.max(0, options.timeoutMs!));
          })
        : undefined;
    try {
      while (!this.#settled(target) && !timedOut) {
        const progress = this.#nextProgress();
        void this.#pump(true);
        await (deadline ? Promise.race([progress, deadline]) : progress);
      }
      return this.#settled(target);
    } finally {
      clearTimeout(deadlineTimer);
      this.#holdOpen(-1);
    }
  }

  /**
   * Flushes, stops the timer, closes `guard.config` (if used) and removes the process hooks. Idempotent:
   * later calls return the same promise.
   * Records still undelivered after `timeoutMs` (default `shutdownTimeoutMs`) are dropped and reported
   * with code `SHUTDOWN_TIMEOUT`. `log()` after shutdown drops the record (`CLIENT_CLOSED`).
   */
  shutdown(options: { timeoutMs?: number } = {}): Promise<void> {
    this.#shutdown ??= this.#doShutdown(options.timeoutMs ?? this.#shutdownTimeoutMs);
    return this.#shutdown;
  }

  /**
   * Instruments an OpenAI client in place and returns the same client: every `chat.completions.create`
   * call (streaming or not) is logged with its prompt, answer, model, token usage and latency. Results and
   * errors reach the caller unchanged.
   *
   * The project's guard rules are enforced before each call, from the config held in memory (this starts
   * `guard.config`): a blocked call never reaches OpenAI and rejects with `LLMGuardBlockedError`; model and
   * system prompt rules rewrite the request. Until a config has arrived every call is allowed (fail open):
   * `await guard.ready()` first where that matters. `enforce: false` (here or on the guard) turns it off.
   */
  wrapOpenAI<T extends OpenAIChatLike>(client: T, options: WrapOpenAIOptions<CreateParamsOf<T>> = {}): T {
    const enforce = options.enforce ?? this.#enforce;
    if (typeof enforce !== "boolean") throw invalidOption("wrapOpenAI(): enforce must be a boolean");
    return instrumentOpenAI(
      client,
      options,
      {
        log: (record) => this.log(record),
        report: (error) => this.#report(error),
      },
      enforce ? this.#enforcerStarted() : null,
    );
  }

  /**
   * The guard's decision for an LLM call you are about to make with a client other than OpenAI's: whether
   * to make it, with which model and system prompt (`messages` come back with it applied), and why.
   * Synchronous and local, from the rules held in memory; per-user limits are counted as for wrapped
   * clients. Log the call with `enforcement` (and `requestedModel` when `model` differs), or with status
   * "blocked" when it is not allowed. Until a config has arrived everything is allowed (see `ready()`).
   *
   * ```ts
   * const d = guard.check({ model: "claude-sonnet-4", messages, endpoint: "summarize", endUserId: user.id });
   * if (!d.allowed) throw new Error(d.reasons[0]!.message);
   * const answer = await anthropic.messages.create({ model: d.model, messages: d.messages!, ... });
   * ```
   */
  check<M extends ChatMessage = ChatMessage>(input: GuardCheckInput<M>): GuardCheckResult<M> {
    if (!this.#enforce) {
      if (!input || typeof input !== "object" || typeof input.model !== "string") {
        throw new LLMGuardError("INVALID_OPTIONS", "guard.check() needs { model, prompt or messages }");
      }
      return {
        allowed: true,
        model: input.model,
        requestedModel: input.model,
        systemPrompt: null,
        ...(Array.isArray(input.messages) ? { messages: [...input.messages] } : {}),
        riskScore: null,
        riskFactors: [],
        reasons: [],
        enforcement: null,
        configVersion: null,
      };
    }
    return this.#enforcerStarted().check(input);
  }

  /**
   * Resolves once the guard rules are loaded (`guard.config.ready()`: from the server, or from the config
   * cache file when the server cannot be reached), so the first calls are judged by them rather than
   * allowed. Rejects like `guard.config.ready()` (e.g. `TIMEOUT` after `timeoutMs`, default 10 s); with
   * `enforce: false` it resolves at once.
   */
  ready(options: { timeoutMs?: number } = {}): Promise<void> {
    if (!this.#enforce) return Promise.resolve();
    this.#enforcerStarted();
    return this.config.ready(options);
  }

  // ---- internals

  /** The enforcer, created with (and starting) `guard.config` on first use. */
  #enforcerStarted(): Enforcer {
    if (!this.#enforcer) {
      const config = this.config;
      this.#enforcer = new Enforcer(() => config, (error) => this.#reportEnforcement(error));
    }
    return this.#enforcer;
  }

  /** Problems with the rules go where config problems go. */
  #reportEnforcement(error: LLMGuardError): void {
    try {
      (this.#configOptions.onError ?? this.#onError)(error);
    } catch {
      // A failing onError must never break the caller's LLM call.
    }
  }

  async #doShutdown(timeoutMs: number): Promise<void> {
    this.#closed = true;
    if (this.#interval) clearInterval(this.#interval);
    this.#interval = null;
    const configClosed = this.#config?.close();
    try {
      const delivered = await this.flush({ timeoutMs });
      if (!delivered) {
        // Stop retrying; the in-flight batch (if any) reports itself when its attempt ends.
        this.#stopped = true;
        this.#sleeper?.wake();
        const left = this.#queue.splice(0).map((e) => e.record);
        if (left.length > 0) {
          this.#report(new LLMGuardError("SHUTDOWN_TIMEOUT", `shutdown() gave up after ${timeoutMs} ms; ${left.length} record(s) were not sent`, { records: left }));
        }
        this.#notifyProgress();
      }
    } finally {
      await configClosed;
      if (this.#handleProcessExit) unregisterForExit(this);
    }
  }

  #prepare(record: LogRecord): IngestRecord | LLMGuardError {
    if (!record || typeof record !== "object") {
      return new LLMGuardError("INVALID_RECORD", "log() needs a record object");
    }
    const id = typeof record.id === "string" && record.id !== "" ? record.id : randomUUID();
    const out: Record<string, unknown> = { id };
    for (const key of COPIED_FIELDS) {
      const value = record[key];
      if (value !== undefined) out[key] = value;
    }
    if (typeof record.latencyMs === "number" && Number.isFinite(record.latencyMs)) {
      out.latencyMs = Math.max(0, Math.round(record.latencyMs));
    }
    out.timestamp = toIsoTimestamp(record.timestamp);
    const prepared = out as unknown as IngestRecord;
    if (record.metadata !== undefined) {
      // Snapshot now: the caller may mutate the object before the batch leaves, and a value JSON cannot
      // carry (a cycle, a BigInt) must fail this record alone, not the whole batch later.
      try {
        prepared.metadata = JSON.parse(JSON.stringify(record.metadata)) as Record<string, unknown>;
      } catch (err) {
        return new LLMGuardError("INVALID_RECORD", `metadata is not serializable as JSON: ${(err as Error).message}`, {
          records: [{ ...prepared, metadata: undefined }],
          cause: err,
        });
      }
    }
    return prepared;
  }

  #kick(): void {
    if (this.#kickScheduled || this.#draining) return;
    this.#kickScheduled = true;
    // Defer past the caller's synchronous code so log() stays cheap.
    queueMicrotask(() => {
      this.#kickScheduled = false;
      void this.#pump(false);
    });
  }

  /** Starts the send loop if idle. `all`: also send a partial batch (interval tick, flush); otherwise only full ones. */
  #pump(all: boolean): Promise<void> {
    if (all) this.#sendPartial = true;
    this.#draining ??= this.#drain()
      .catch((err: unknown) => this.#report(new LLMGuardError("INTERNAL", `LLMGuard SDK send loop failed: ${(err as Error)?.message ?? err}`, { cause: err })))
      .finally(() => {
        this.#draining = null;
        this.#sendPartial = false;
        this.#notifyProgress();
      });
    return this.#draining;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length >= this.#maxBatchSize || (this.#sendPartial && this.#queue.length > 0)) {
      const batch = this.#queue.splice(0, this.#maxBatchSize);
      this.#inflight = batch;
      try {
        await this.#deliver(batch.map((e) => e.record));
      } finally {
        this.#inflight = null;
        this.#notifyProgress();
      }
    }
  }

  /** Sends a batch; a 413 splits it in halves (a single record that is still too large is dropped). */
  async #deliver(records: IngestRecord[]): Promise<void> {
    const outcome = await this.#send(BATCH_PATH, { records }, { track: true });
    if (outcome.ok) {
      this.#handleBatchAnswer(records, outcome.body, outcome.status);
      return;
    }
    if (outcome.error.status === 413 && records.length > 1 && !this.#stopped) {
      const half = Math.ceil(records.length / 2);
      await this.#deliver(records.slice(0, half));
      await this.#deliver(records.slice(half));
      return;
    }
    this.#report(outcome.error.with({ records }));
  }

  #handleBatchAnswer(records: IngestRecord[], body: unknown, status: number): void {
    const results = (body as { results?: unknown } | null)?.results;
    if (!Array.isArray(results)) {
      this.#report(new LLMGuardError("INVALID_RESPONSE", "LLMGuard's batch answer has no results array; delivery of these records is unknown", { status, details: body, records }));
      return;
    }
    for (const result of results as BatchRecordResult[]) {
      if (!result || result.ok !== false) continue;
      const record = records[result.index];
      // Rejected records are final (the server validated them); retrying would fail the same way.
      this.#report(
        new LLMGuardError(result.error?.code ?? "REJECTED", result.error?.message ?? "LLMGuard rejected the record", {
          status,
          details: result.error?.details,
          records: record ? [record] : [],
        }),
      );
    }
  }

  /**
   * POSTs with retries: transient failures (network, timeout, 408, 429, 5xx, a garbled 2xx) are tried up to
   * `maxRetries` more times, waiting for the server's Retry-After or an exponential backoff with jitter.
   */
  async #send(path: string, payload: unknown, opts: { track: boolean }): Promise<Attempt> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await postJson(this.#http, path, payload);
      if (outcome.ok) return outcome;
      const { error } = outcome;
      if (!error.retryable || attempt > this.#maxRetries || this.#stopped) {
        const gaveUp = error.retryable && attempt > 1 ? ` (gave up after ${attempt} attempts)` : "";
        return { ok: false, error: error.with({ attempts: attempt, message: error.message + gaveUp }) };
      }
      const delay =
        outcome.retryAfterMs !== undefined ? Math.min(outcome.retryAfterMs, MAX_RETRY_AFTER_MS) : backoffDelay(attempt, this.#backoff);
      await this.#sleep(delay, opts.track);
      if (this.#stopped) {
        return { ok: false, error: error.with({ attempts: attempt, message: `${error.message} (not retried: shutdown timed out)` }) };
      }
    }
  }

  /**
   * Background waits are unref'd; while someone awaits flush()/shutdown() (or logNow()), the wait
   * holds the process open so the awaited delivery can finish.
   */
  #sleep(ms: number, track: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.#sleeper?.timer === timer) this.#sleeper = null;
        resolve();
      }, ms);
      if (!track) return;
      if (this.#keepAlive === 0) timer.unref?.();
      this.#sleeper = {
        timer,
        wake: () => {
          clearTimeout(timer);
          this.#sleeper = null;
          resolve();
        },
      };
    });
  }

  #holdOpen(delta: number): void {
    const before = this.#keepAlive;
    this.#keepAlive += delta;
    const timer = this.#sleeper?.timer;
    if (!timer) return;
    if (before === 0 && this.#keepAlive > 0) timer.ref?.();
    if (before > 0 && this.#keepAlive === 0) timer.unref?.();
  }

  /** True when every record with sequence number ≤ target has been delivered or dropped (FIFO). */
  #settled(target: number): boolean {
    const oldest = this.#inflight?.[0] ?? this.#queue[0];
    return oldest === undefined || oldest.seq > target;
  }

  #nextProgress(): Promise<void> {
    return new Promise((resolve) => this.#progressWaiters.push(resolve));
  }

  #notifyProgress(): void {
    const waiters = this.#progressWaiters;
    this.#progressWaiters = [];
    for (const w of waiters) w();
  }

  /** Overflow drops happen one log() at a time; report them once per burst, not once per record. */
  #reportOverflow(dropped: IngestRecord[]): void {
    const first = this.#overflow.length === 0;
    this.#overflow.push(...dropped);
    this.#notifyProgress();
    if (!first) return;
    queueMicrotask(() => {
      const records = this.#overflow;
      this.#overflow = [];
      this.#report(
        new LLMGuardError("QUEUE_OVERFLOW", `LLMGuard queue is full (maxQueueSize ${this.#maxQueueSize}); dropped the ${records.length} oldest record(s)`, { records }),
      );
    });
  }

  #report(error: LLMGuardError): void {
    try {
      this.#onError(error);
    } catch {
      // A failing onError must never break the caller's LLM call or the send loop.
    }
  }
}

function defaultOnError(error: LLMGuardError): void {
  // Record contents (prompts, answers) are deliberately left out of the log line.
  const dropped = error.records.length > 0 ? ` (${error.records.length} record(s) dropped)` : "";
  console.warn(`[llmguard] ${error.code}${error.status ? ` ${error.status}` : ""}: ${error.message}${dropped}`);
}

function invalidOption(message: string): LLMGuardError {
  return new LLMGuardError("INVALID_OPTIONS", `LLMGuard: ${message}`);
}

function intOption(name: string, value: number | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidOption(`${name} must be an integer between ${min} and ${max === Number.MAX_SAFE_INTEGER ? "∞" : max}, got ${String(value)}`);
  }
  return value;
}

function toIsoTimestamp(value: string | Date | undefined): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? new Date().toISOString() : value.toISOString();
  if (typeof value === "string" && value !== "") return value;
  return new Date().toISOString();
}

function isIngestResult(body: unknown): body is IngestResult {
  const b = body as Partial<IngestResult> | null;
  return !!b && typeof b === "object" && typeof b.id === "string" && typeof b.riskScore === "number" && Array.isArray(b.riskFactors);
}
