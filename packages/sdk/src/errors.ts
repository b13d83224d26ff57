import type { IngestRecord } from "./types.js";

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
  override readonly name = "LLMGuardError";
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
