import { LLMGuardError } from "./errors.js";
import { isRetryableStatus, parseRetryAfter } from "./retry.js";
import type { FetchLike } from "./types.js";
import { SDK_VERSION } from "./version.js";

export interface HttpConfig {
  baseUrl: string;
  apiKey: string;
  fetch: FetchLike;
  requestTimeoutMs: number;
}

/** The result of one HTTP attempt: a parsed 2xx body, or an error that says whether to try again. */
export type Attempt =
  | { ok: true; status: number; body: unknown }
  | { ok: false; error: LLMGuardError; retryAfterMs?: number };

/** Sends one JSON POST and classifies the outcome; never throws. */
export async function postJson(config: HttpConfig, path: string, payload: unknown): Promise<Attempt> {
  let status = 0;
  let text: string;
  let retryAfter: string | null = null;
  try {
    const res = await config.fetch(`${config.baseUrl}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        "x-api-key": config.apiKey,
        "user-agent": `llmguard-sdk-node/${SDK_VERSION}`,
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(config.requestTimeoutMs),
    });
    status = res.status;
    retryAfter = res.headers.get("retry-after");
    text = await res.text();
  } catch (err) {
    const timedOut = isAbortLike(err);
    const message = timedOut
      ? `No answer from LLMGuard within ${config.requestTimeoutMs} ms`
      : `Could not reach LLMGuard: ${describeError(err)}`;
    return { ok: false, error: new LLMGuardError(timedOut ? "TIMEOUT" : "NETWORK_ERROR", message, { retryable: true, cause: err, status: status || undefined }) };
  }

  let body: unknown = undefined;
  let parsed = true;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = false;
  }

  if (status >= 200 && status < 300) {
    if (parsed && body !== undefined) return { ok: true, status, body };
    // A 2xx that is not our JSON (a proxy page, a truncated body): the records may or may not be stored.
    // Retrying is safe because every record carries its id, so the server stores it at most once.
    return { ok: false, error: new LLMGuardError("INVALID_RESPONSE", `LLMGuard answered ${status} with a body that is not JSON`, { status, retryable: true }) };
  }

  const envelope = errorEnvelope(body);
  const code = envelope?.code ?? `HTTP_${status}`;
  const message = envelope?.message ?? `LLMGuard answered HTTP ${status}`;
  return {
    ok: false,
    error: new LLMGuardError(code, message, { status, details: envelope?.details, retryable: isRetryableStatus(status) }),
    retryAfterMs: parseRetryAfter(retryAfter),
  };
}

/** The `{ error: { code, message, details } }` envelope of an error answer, if the body is one. */
export function errorEnvelope(body: unknown): { code: string; message?: string; details?: unknown } | undefined {
  if (!body || typeof body !== "object") return undefined;
  const error = (body as { error?: unknown }).error;
  if (!error || typeof error !== "object") return undefined;
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof code !== "string") return undefined;
  return { code, message: typeof message === "string" ? message : undefined, details };
}

function isAbortLike(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

/** A network error's message with its cause (undici puts the useful part, e.g. ECONNREFUSED, there). */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? cause.message || (cause as { code?: string }).code : undefined;
  return causeText ? `${err.message} (${causeText})` : err.message;
}
