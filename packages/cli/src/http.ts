import { CliError, EXIT, exitCodeForStatus, usageError, type ErrorEnvelope } from "./errors.js";
import type { TokenPair } from "./api-types.js";
import type { UserSession } from "./session.js";
import { CLI_VERSION } from "./version.js";

/** none: public route; user: bearer access token (refreshed once on INVALID_TOKEN); apiKey: x-api-key. */
export type Auth = "none" | "user" | "apiKey";

export interface RequestOptions {
  auth: Auth;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Milliseconds for the whole exchange; null for streams that may run long. */
  timeoutMs?: number | null;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** `https://llmguard.example.com/` → `https://llmguard.example.com`; anything but http(s) is a usage error. */
export function normalizeBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`'${text}' is not a URL`, "Example: --url https://llmguard.example.com");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usageError(`'${text}' is not an http(s) URL`, "Example: --url http://localhost:3000");
  return url.toString().replace(/\/+$/, "");
}

/** Path segments from user input (project ids, names, versions) are always encoded. */
export const seg = (s: string | number) => encodeURIComponent(String(s));

/** The public REST API (`/api/v1`), and nothing else: the CLI never imports server code. */
export class Api {
  constructor(
    readonly baseUrl: string,
    private readonly opts: { session?: UserSession; apiKey?: string; fetch?: typeof fetch } = {},
  ) {}

  /** JSON in, JSON out; a non-2xx answer throws a CliError carrying the server's error envelope. */
  async call<T>(method: string, path: string, opts: RequestOptions): Promise<T> {
    const res = await this.send(method, path, opts);
    const text = await res.text();
    if (!res.ok) throw errorFromResponse(res, text);
    if (res.status === 204 || text === "") return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CliError(`The server answered ${res.status} with a body that is not JSON`, { exitCode: EXIT.ERROR, code: "UNEXPECTED_RESPONSE" });
    }
  }

  /** The successful Response itself, for bodies read as a stream (JSON Lines). */
  async stream(method: string, path: string, opts: RequestOptions): Promise<Response> {
    const res = await this.send(method, path, { timeoutMs: null, ...opts });
    if (!res.ok) throw errorFromResponse(res, await res.text());
    return res;
  }

  private async send(method: string, path: string, opts: RequestOptions): Promise<Response> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    if (opts.auth === "apiKey") {
      if (!this.opts.apiKey) throw usageError("An API key is needed: pass --api-key or set LLMGUARD_API_KEY");
      return this.fetchOnce(method, url, opts, { "x-api-key": this.opts.apiKey });
    }
    if (opts.auth === "none") return this.fetchOnce(method, url, opts, {});
    const session = this.opts.session;
    if (!session) throw new Error("a user session is required");
    const token = await session.token();
    const res = await this.fetchOnce(method, url, opts, { authorization: `Bearer ${token}` });
    if (res.status !== 401) return res;
    const text = await res.text();
    if (envelopeOf(text)?.error.code !== "INVALID_TOKEN") return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
    const renewed = await session.renew(token, (refreshToken) => this.call<TokenPair>("POST", "/api/v1/auth/refresh", { auth: "none", body: { refreshToken } }));
    return this.fetchOnce(method, url, opts, { authorization: `Bearer ${renewed}` });
  }

  private async fetchOnce(method: string, url: URL, opts: RequestOptions, auth: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json", "user-agent": `llmguard-cli/${CLI_VERSION}`, ...opts.headers, ...auth };
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    const timeout = opts.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : opts.timeoutMs;
    const doFetch = this.opts.fetch ?? fetch;
    try {
      return await doFetch(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: timeout === null ? undefined : AbortSignal.timeout(timeout),
      });
    } catch (err) {
      throw unreachable(this.baseUrl, err);
    }
  }
}

export function envelopeOf(text: string): ErrorEnvelope | null {
  try {
    const body = JSON.parse(text) as ErrorEnvelope;
    return body && typeof body.error?.code === "string" && typeof body.error.message === "string" ? body : null;
  } catch {
    return null;
  }
}

function errorFromResponse(res: Response, text: string): CliError {
  const exitCode = exitCodeForStatus(res.status);
  const envelope = envelopeOf(text);
  if (!envelope) {
    return new CliError(`The server answered ${res.status} ${res.statusText}`.trim(), { exitCode, code: "UNEXPECTED_RESPONSE", details: { status: res.status } });
  }
  const { code, message, details } = envelope.error;
  return new CliError(message, { exitCode, code, details, envelope, hint: hintFor(code, res) });
}

function hintFor(code: string, res: Response): string | undefined {
  if (code === "UNAUTHENTICATED" || code === "INVALID_TOKEN") return "Run `llmguard login`.";
  if (code === "INVALID_API_KEY") return "Check --api-key / LLMGUARD_API_KEY: the key may be wrong, rotated, expired or deleted.";
  if (code === "RATE_LIMITED" || code === "SERVICE_UNAVAILABLE") {
    const after = res.headers.get("retry-after");
    return after ? `Retry in ${after} s.` : "Retry shortly.";
  }
  return undefined;
}

function unreachable(baseUrl: string, err: unknown): CliError {
  const e = err as { name?: string; cause?: { code?: string; message?: string } };
  const reason = e.name === "TimeoutError" || e.name === "AbortError" ? "timed out" : (e.cause?.code ?? e.cause?.message ?? (err as Error).message);
  return new CliError(`Cannot reach LLMGuard at ${baseUrl} (${reason})`, {
    exitCode: EXIT.UNREACHABLE,
    code: "SERVER_UNREACHABLE",
    hint: "Check --url / LLMGUARD_URL, and that the server is running.",
    cause: err,
  });
}
