import { ZodError, type z } from "zod";

/**
 * The only error-code table (ARCHITECTURE decision 10, STYLE.md §5). Every adapter maps a code to
 * its HTTP status and tRPC code from here, so REST and tRPC never drift apart.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { http: 400, trpc: "BAD_REQUEST" },
  UNAUTHENTICATED: { http: 401, trpc: "UNAUTHORIZED" },
  INVALID_CREDENTIALS: { http: 401, trpc: "UNAUTHORIZED" },
  INVALID_TOKEN: { http: 401, trpc: "UNAUTHORIZED" },
  FORBIDDEN: { http: 403, trpc: "FORBIDDEN" },
  INVALID_API_KEY: { http: 403, trpc: "FORBIDDEN" },
  ORIGIN_NOT_ALLOWED: { http: 403, trpc: "FORBIDDEN" },
  NOT_FOUND: { http: 404, trpc: "NOT_FOUND" },
  METHOD_NOT_ALLOWED: { http: 405, trpc: "METHOD_NOT_SUPPORTED" },
  CONFLICT: { http: 409, trpc: "CONFLICT" },
  EMAIL_TAKEN: { http: 409, trpc: "CONFLICT" },
  PAYLOAD_TOO_LARGE: { http: 413, trpc: "PAYLOAD_TOO_LARGE" },
  /** Config templates that cannot be resolved (cycle, missing reference or secret, malformed): never half-resolved. */
  CONFIG_UNRESOLVABLE: { http: 422, trpc: "UNPROCESSABLE_CONTENT" },
  RATE_LIMITED: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  /** Billing (issue 11): a Free account used its monthly requests; Retry-After is the period's end. */
  PLAN_LIMIT_EXCEEDED: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  INTERNAL: { http: 500, trpc: "INTERNAL_SERVER_ERROR" },
  SERVICE_UNAVAILABLE: { http: 503, trpc: "SERVICE_UNAVAILABLE" },
  /** Billing (issue 11): checkout, portal and plan changes without STRIPE_SECRET_KEY. */
  BILLING_NOT_CONFIGURED: { http: 503, trpc: "SERVICE_UNAVAILABLE" },
  /** Billing (issue 11): Stripe failed or could not be reached; retry. */
  PAYMENT_PROVIDER_ERROR: { http: 502, trpc: "BAD_GATEWAY" },
  /** Gateway (issue 13): the project's policy refused the call before the provider (disabled endpoint, risk at or above a blocking threshold). */
  REQUEST_BLOCKED: { http: 403, trpc: "FORBIDDEN" },
  /** Gateway: the upstream resolves to a loopback, private or link-local address and GATEWAY_ALLOW_PRIVATE_UPSTREAMS is off (SSRF). */
  UPSTREAM_NOT_ALLOWED: { http: 403, trpc: "FORBIDDEN" },
  /** Gateway: the secret named by gateway.upstream.secret does not exist in the project's secrets store (a dependency the project must provide). */
  PROVIDER_SECRET_MISSING: { http: 424, trpc: "PRECONDITION_FAILED" },
  /** Gateway: the upstream could not be reached (connection refused, DNS failure, reset before an answer). */
  UPSTREAM_UNREACHABLE: { http: 502, trpc: "BAD_GATEWAY" },
  /** Gateway: the upstream did not answer within gateway.timeoutMs. */
  UPSTREAM_TIMEOUT: { http: 504, trpc: "GATEWAY_TIMEOUT" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The brand that identifies a domain error by value. The production bundle may hold two copies of this
 * module (Next splits server chunks), so `instanceof DomainError` against one copy misses errors created
 * by the other: every check goes through `isDomainError`, which reads this registry symbol instead.
 */
const DOMAIN_ERROR_BRAND = Symbol.for("llmguard.domainError");

export class DomainError extends Error {
  readonly [DOMAIN_ERROR_BRAND] = true;
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  /** Seconds a client should wait before retrying (429, 503). */
  readonly retryAfterSeconds?: number;
  /** Headers the answer carries besides Retry-After (a refused gateway call: the id it was logged under). */
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, opts: { details?: Record<string, unknown>; retryAfterSeconds?: number; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "DomainError";
    this.code = code;
    this.details = opts.details;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.headers = opts.headers;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }
}

/** True for a DomainError from any copy of this module (see DOMAIN_ERROR_BRAND). */
export function isDomainError(err: unknown): err is DomainError {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { [DOMAIN_ERROR_BRAND]?: unknown; code?: unknown };
  return e[DOMAIN_ERROR_BRAND] === true && typeof e.code === "string" && Object.hasOwn(ERROR_CODES, e.code);
}

/** A ZodError from any copy of zod (the bundle may duplicate it too). */
export function isZodError(err: unknown): err is ZodError {
  if (err instanceof ZodError) return true;
  const e = err as { name?: unknown; issues?: unknown } | null;
  return typeof e === "object" && e !== null && e.name === "ZodError" && Array.isArray(e.issues);
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You do not have permission to do this") => new DomainError("FORBIDDEN", message);

/** Zod issues in the shape every error response carries in `details`. */
export function zodDetails(err: ZodError): { issues: { path: string; message: string; code: string }[] } {
  return { issues: err.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code })) };
}

export function validationError(err: ZodError): DomainError {
  return new DomainError("VALIDATION_FAILED", "Invalid input", { details: zodDetails(err) });
}

/** Parse with a schema; a failure becomes VALIDATION_FAILED with the issues in details. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const res = schema.safeParse(input);
  if (!res.success) throw validationError(res.error);
  return res.data;
}

/** PostgreSQL is unreachable or refusing connections: answer 503 + Retry-After, never a false success. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown } | null;
  if (!e || typeof e !== "object" || depth > 5) return false;
  const text = `${String(e.code ?? "")} ${String(e.name ?? "")} ${String(e.message ?? "")}`;
  if (
    /P1001|P1002|P1017|P2024|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|connection (is )?(closed|refused|ended)|terminating connection|Can't reach database|timeout exceeded when trying to connect|database system is (starting up|shutting down)|57P0[123]/i.test(
      text,
    )
  )
    return true;
  return e.cause !== undefined && e.cause !== err ? isDatabaseUnavailable(e.cause, depth + 1) : false;
}

export function databaseUnavailable(cause: unknown): DomainError {
  return new DomainError("SERVICE_UNAVAILABLE", "The database is unavailable; retry shortly", { retryAfterSeconds: 5, cause });
}

/** A unique constraint that a service did not turn into its own CONFLICT (two concurrent creates of one name). */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown } | null;
  return typeof e === "object" && e !== null && e.code === "P2002" && e.name === "PrismaClientKnownRequestError";
}

/** Any thrown value as a DomainError; unknown errors become a generic INTERNAL (never their text). */
export function toDomainError(err: unknown): DomainError {
  if (isDomainError(err)) return err;
  if (isZodError(err)) return validationError(err);
  if (isDatabaseUnavailable(err)) return databaseUnavailable(err);
  if (isUniqueViolation(err)) return new DomainError("CONFLICT", "This conflicts with an existing record (it was created at the same moment); retry or pick another name", { cause: err });
  if ((err as { name?: unknown } | null)?.name === "JsonTooDeepError") return new DomainError("VALIDATION_FAILED", (err as Error).message, { details: { issues: [{ path: "", message: (err as Error).message, code: "too_deep" }] } });
  return new DomainError("INTERNAL", "Internal server error", { cause: err });
}

export type LogLevel = "warn" | "error";

/**
 * The one decision every adapter (REST, tRPC, next-auth, the server's fast paths, SSE, jobs) makes about
 * a thrown value: its code, HTTP status, tRPC code, the message a client may see, details, Retry-After
 * and the level to log it at (4xx warn, 5xx error; 503 is an expected outage, logged as warn).
 */
export interface ErrorDescription {
  error: DomainError;
  code: ErrorCode;
  status: number;
  trpcCode: (typeof ERROR_CODES)[ErrorCode]["trpc"];
  message: string;
  details: Record<string, unknown> | null;
  retryAfterSeconds?: number;
  /** Extra answer headers (DomainError.headers). */
  headers?: Record<string, string>;
  logLevel: LogLevel;
  /** The original failure for the log when it was not a domain error (unknown errors, outages). */
  cause: unknown;
}

export function describeError(err: unknown): ErrorDescription {
  const error = toDomainError(err);
  const entry = ERROR_CODES[error.code];
  return {
    error,
    code: error.code,
    status: entry.http,
    trpcCode: entry.trpc,
    message: error.message,
    details: error.details ?? null,
    ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    ...(error.headers ? { headers: error.headers } : {}),
    logLevel: entry.http >= 500 && entry.http !== 503 ? "error" : "warn",
    cause: isDomainError(err) ? (err.cause ?? null) : err,
  };
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> | null; timestamp: string };
}

export function toErrorBody(err: DomainError, now = new Date()): ErrorBody {
  return {
    error: { code: err.code, message: err.message, details: err.details ?? null, timestamp: now.toISOString() },
  };
}

/** The HTTP status of any domain error, read from the table (not from a getter of one class copy). */
export function httpStatusOf(err: DomainError): number {
  return ERROR_CODES[err.code].http;
}
