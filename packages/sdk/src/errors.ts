import type { GuardReason, IngestRecord } from "./types.js";

/**
 * Codes the SDK itself produces. Errors from the server keep the server's code (e.g. `VALIDATION_FAILED`,
 * `INVALID_API_KEY`, `RATE_LIMITED`), or `HTTP_<status>` when the answer carried no error envelope.
 */
export type LLMGuardErrorCode =
  | "INVALID_OPTIONS"
  | "INVALID_RECORD"
  | "INVALID_CLIENT"
  | "QUEUE_OVERFLOW"
  | "CLIENT_CLOSED"
  | "SHUTDOWN_TIMEOUT"
  | "NETWORK_ERROR"
  | "TIMEOUT"
  | "INVALID_RESPONSE"
  | "INSTRUMENTATION_FAILED"
  | "CACHE_FILE_INVALID"
  | "CACHE_FILE_WRITE_FAILED"
  | "LISTENER_FAILED"
  | "STREAM_UNAVAILABLE"
  | "BLOCKED"
  | "INVALID_GUARD_RULE"
  | "INTERNAL";

export interface LLMGuardErrorOptions {
  /** HTTP status, when the server answered. */
  status?: number;
  details?: unknown;
  /** Whether the failure was transient (network, timeout, 408, 429, 5xx). */
  retryable?: boolean;
  /** How many HTTP attempts were made before giving up. */
  attempts?: number;
  /** The records this error dropped: they were not (and will not be) delivered. */
  records?: readonly IngestRecord[];
  cause?: unknown;
}

/**
 * The one error type of the SDK: thrown by `logNow()` and the constructors, rejected by `config.ready()`,
 * passed to `onError` otherwise.
 */
export class LLMGuardError extends Error {
  override readonly name: string = "LLMGuardError";
  readonly code: LLMGuardErrorCode | (string & {});
  readonly status: number | undefined;
  readonly details: unknown;
  readonly retryable: boolean;
  readonly attempts: number | undefined;
  readonly records: readonly IngestRecord[];

  constructor(code: LLMGuardErrorCode | (string & {}), message: string, options: LLMGuardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.details = options.details;
    this.retryable = options.retryable ?? false;
    this.attempts = options.attempts;
    this.records = options.records ?? [];
  }

  /** A copy with other fields replaced (errors are immutable once handed out). */
  with(changes: LLMGuardErrorOptions & { message?: string }): LLMGuardError {
    return new LLMGuardError(this.code, changes.message ?? this.message, {
      status: this.status,
      details: this.details,
      retryable: this.retryable,
      attempts: this.attempts,
      records: this.records,
      cause: this.cause,
      ...changes,
    });
  }
}

/**
 * Thrown by a wrapped client (`guard.wrapOpenAI`) instead of calling the provider when a guard rule of the
 * project's config blocks the call: a disabled endpoint, a risk score at or above a blocking threshold, or
 * an end user over a per-user limit (`retryAfterSeconds` then says when one more call fits). `code` is
 * always "BLOCKED"; check it (or `instanceof`) to tell a blocked call from a provider error.
 */
export class LLMGuardBlockedError extends LLMGuardError {
  override readonly name: string = "LLMGuardBlockedError";
  /** Every rule that applied: the blocking ones first, then rewrites that would have applied. */
  readonly reasons: readonly GuardReason[];
  /** The first blocking rule's id (for a remediation, its id). */
  readonly remediationId: string;
  /** With a per-user limit refusal: seconds until one more call for this end user fits. */
  readonly retryAfterSeconds: number | undefined;
  /** The prompt's risk score, when a threshold rule scored it. */
  readonly riskScore: number | null;

  constructor(decision: { reasons: readonly GuardReason[]; retryAfterSeconds?: number; riskScore: number | null }) {
    const first = decision.reasons[0];
    super("BLOCKED", `LLMGuard blocked the call: ${first?.message ?? "a guard rule applies"}`, { details: { reasons: decision.reasons } });
    this.reasons = decision.reasons;
    this.remediationId = first?.remediationId ?? "";
    this.retryAfterSeconds = decision.retryAfterSeconds;
    this.riskScore = decision.riskScore;
  }
}
