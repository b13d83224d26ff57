import { LLMGuardError } from "../errors.js";
import { describeError, errorEnvelope } from "../http.js";
import { parseRetryAfter } from "../retry.js";
import type { FetchLike, FetchResponseLike } from "../types.js";
import { SDK_VERSION } from "../version.js";

/**
 * The two config delivery requests, classified for the client's state machine. Nothing here throws;
 * error messages never carry response bodies (a config body holds values and secrets).
 */

export interface ConfigHttpConfig {
  baseUrl: string;
  apiKey: string;
  fetch: FetchLike;
  requestTimeoutMs: number;
}

/**
 * How a failure affects the client:
 * - `fatal`: the key is missing, invalid, rotated, deleted or lacks `config:read` (401/403): stop.
 * - `definitive`: the request itself is wrong (400, 404: e.g. an unknown environment): `ready()` fails,
 *   polling goes on slowly in case the environment is created.
 * - `transient`: network, timeout, 408, 429, 5xx, 422 (config temporarily unresolvable), a garbled answer.
 */
export type FailureKind = "fatal" | "definitive" | "transient";

export interface Failure {
  severity: FailureKind;
  error: LLMGuardError;
  retryAfterMs?: number;
}

export type GetOutcome =
  | { kind: "ok"; text: string; etag: string | null }
  | { kind: "not-modified" }
  | { kind: "closed" }
  | ({ kind: "failed" } & Failure);

export type StreamOutcome =
  | { kind: "open"; body: NonNullable<FetchResponseLike["body"]>; response: FetchResponseLike }
  /** The server (or a proxy) does not offer the stream here: poll instead. */
  | { kind: "unsupported"; error: LLMGuardError }
  | { kind: "closed" }
  | ({ kind: "failed" } & Failure);

function headers(config: ConfigHttpConfig, extra: Record<string, string>): Record<string, string> {
  return { "x-api-key": config.apiKey, "user-agent": `llmguard-sdk-node/${SDK_VERSION}`, ...extra };
}

function url(config: ConfigHttpConfig, path: string, environment: string): string {
  return `${config.baseUrl}${path}?environment=${encodeURIComponent(environment)}`;
}

/**
 * Runs `run` under `controller` (which close() aborts from outside) with the request timeout: for a GET
 * it covers the whole body, for the stream only the response head.
 */
async function withTimeout<T>(config: ConfigHttpConfig, controller: AbortController, run: (signal: AbortSignal) => Promise<T>): Promise<{ value: T } | { error: unknown; timedOut: boolean }> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, config.requestTimeoutMs);
  timer.unref?.();
  try {
    return { value: await run(controller.signal) };
  } catch (error) {
    return { error, timedOut };
  } finally {
    clearTimeout(timer);
  }
}

function networkFailure(config: ConfigHttpConfig, what: string, err: unknown, timedOut: boolean): Failure {
  const error = timedOut
    ? new LLMGuardError("TIMEOUT", `${what}: no answer from LLMGuard within ${config.requestTimeoutMs} ms`, { retryable: true })
    : new LLMGuardError("NETWORK_ERROR", `${what}: could not reach LLMGuard: ${describeError(err)}`, { retryable: true, cause: err });
  return { severity: "transient", error };
}

function httpFailure(what: string, status: number, text: string, retryAfter: string | null): Failure {
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const envelope = errorEnvelope(body);
  const code = envelope?.code ?? `HTTP_${status}`;
  const message = `${what}: ${envelope?.message ?? `LLMGuard answered HTTP ${status}`}`;
  const severity: FailureKind =
    status === 401 || status === 403 ? "fatal" : status === 400 || status === 404 ? "definitive" : "transient";
  return {
    severity,
    error: new LLMGuardError(code, message, { status, details: envelope?.details, retryable: severity === "transient" }),
    retryAfterMs: parseRetryAfter(retryAfter),
  };
}

/** GET /api/v1/config, conditional on `etag` (a 304 keeps the current config). */
export async function fetchConfig(config: ConfigHttpConfig, environment: string, etag: string | null, controller: AbortController): Promise<GetOutcome> {
  const what = "GET /api/v1/config";
  const r = await withTimeout(config, controller, async (signal) => {
    const res = await config.fetch(url(config, "/api/v1/config", environment), {
      method: "GET",
      headers: headers(config, { accept: "application/json", ...(etag ? { "if-none-match": etag } : {}) }),
      signal,
    });
    return { res, text: res.status === 304 ? "" : await res.text() };
  });
  if ("error" in r) {
    if (controller.signal.aborted && !r.timedOut) return { kind: "closed" };
    return { kind: "failed", ...networkFailure(config, what, r.error, r.timedOut) };
  }
  const { res, text } = r.value;
  if (res.status === 304) return { kind: "not-modified" };
  if (res.status === 200) return { kind: "ok", text, etag: res.headers.get("etag") };
  return { kind: "failed", ...httpFailure(what, res.status, text, res.headers.get("retry-after")) };
}

/** Opens GET /api/v1/config/stream; on success the caller reads `body` (see readChunks). */
export async function openConfigStream(config: ConfigHttpConfig, environment: string, lastEventId: string | null, controller: AbortController): Promise<StreamOutcome> {
  const what = "config stream";
  const r = await withTimeout(config, controller, async (signal) => {
    const res = await config.fetch(url(config, "/api/v1/config/stream", environment), {
      method: "GET",
      headers: headers(config, { accept: "text/event-stream", "cache-control": "no-cache", ...(lastEventId !== null ? { "last-event-id": lastEventId } : {}) }),
      signal,
    });
    // An error answer is short: read it under the same timeout. A stream's body is read by the caller.
    return { res, text: res.status === 200 ? "" : await res.text().catch(() => "") };
  });
  if ("error" in r) {
    if (controller.signal.aborted && !r.timedOut) return { kind: "closed" };
    return { kind: "failed", ...networkFailure(config, what, r.error, r.timedOut) };
  }
  const { res, text } = r.value;
  if (res.status === 200) {
    const type = res.headers.get("content-type") ?? "";
    if (!/^text\/event-stream\b/i.test(type) || !res.body) {
      cancelBody(res.body);
      const reason = !res.body ? "this fetch implementation gives no streaming body" : `the answer is ${type || "untyped"}, not text/event-stream (a proxy in between?)`;
      return { kind: "unsupported", error: new LLMGuardError("STREAM_UNAVAILABLE", `${what}: ${reason}; polling instead`, { status: 200 }) };
    }
    return { kind: "open", body: res.body, response: res };
  }
  if (res.status === 404 || res.status === 405 || res.status === 501) {
    // An older server without the stream route, or a proxy that does not pass it; polling tells
    // whether the environment itself is unknown.
    const cause = httpFailure(what, res.status, text, null).error;
    return {
      kind: "unsupported",
      error: new LLMGuardError("STREAM_UNAVAILABLE", `${what}: not offered here (HTTP ${res.status}: ${cause.message.slice(what.length + 2)}); polling instead`, { status: res.status, details: cause.details, cause }),
    };
  }
  return { kind: "failed", ...httpFailure(what, res.status, text, res.headers.get("retry-after")) };
}

function cancelBody(body: FetchResponseLike["body"]): void {
  const b = body as { cancel?: () => Promise<void>; destroy?: () => void } | null | undefined;
  try {
    if (typeof b?.cancel === "function") void b.cancel().catch(() => {});
    else if (typeof b?.destroy === "function") b.destroy();
  } catch {
    // Releasing the connection is best effort.
  }
}

export interface BodyReader {
  /** The next chunk, or null at the end of the body. */
  next(): Promise<Uint8Array | string | null>;
  /** Releases the connection; a pending next() then ends. Safe to call more than once. */
  cancel(): void;
}

/** Reads a streaming body: a WHATWG ReadableStream (global fetch, undici) or any async iterable (a Node.js readable). */
export function bodyReader(body: NonNullable<FetchResponseLike["body"]>): BodyReader {
  const stream = body as ReadableStream<Uint8Array>;
  if (typeof stream.getReader === "function") {
    const reader = stream.getReader();
    return {
      next: async () => {
        const { done, value } = await reader.read();
        return done ? null : (value ?? new Uint8Array(0));
      },
      cancel: () => {
        reader.cancel().catch(() => {});
      },
    };
  }
  const iterator = (body as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  let cancelled = false;
  return {
    next: async () => {
      const r = await iterator.next();
      return r.done ? null : r.value;
    },
    cancel: () => {
      if (cancelled) return;
      cancelled = true;
      void iterator.return?.()?.catch?.(() => {});
      cancelBody(body);
    },
  };
}
