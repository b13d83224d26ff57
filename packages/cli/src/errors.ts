/** Exit codes: documented in `llmguard --help` and the README; scripts rely on them, so never renumber. */
export const EXIT = {
  OK: 0,
  /** Unexpected error, or the server answered 5xx / something unreadable. */
  ERROR: 1,
  /** The command line cannot be understood: unknown command or option, missing argument, bad value. */
  USAGE: 2,
  /** Not logged in, session expired, wrong password, invalid API key, or not allowed (401/403). */
  AUTH: 3,
  /** The project, environment, version, key or secret does not exist (404). */
  NOT_FOUND: 4,
  /** The server refused the input or it conflicts (400/409/413/422), or an export would be ambiguous. */
  REJECTED: 5,
  /** The server could not be reached (connection refused, DNS, timeout). */
  UNREACHABLE: 6,
  /** `audit verify`: the hash chain is broken. */
  AUDIT_BROKEN: 7,
} as const;

export const EXIT_CODE_HELP: [number, string][] = [
  [EXIT.OK, "success"],
  [EXIT.ERROR, "unexpected error or server error (5xx, 429)"],
  [EXIT.USAGE, "usage error (unknown command or option, missing argument)"],
  [EXIT.AUTH, "not authenticated or not allowed (401/403)"],
  [EXIT.NOT_FOUND, "not found (404)"],
  [EXIT.REJECTED, "input rejected or conflict (400/409/413/422), export collision"],
  [EXIT.UNREACHABLE, "server unreachable"],
  [EXIT.AUDIT_BROKEN, "audit verify: the audit chain is broken"],
  [130, "cancelled with Ctrl-C at a prompt"],
];

/** The server's one error shape; the CLI builds the same shape for its own errors under --json. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details: Record<string, unknown> | null; timestamp: string };
}

export class CliError extends Error {
  readonly exitCode: number;
  readonly code: string;
  readonly details: Record<string, unknown> | null;
  /** One line telling the user what to do next. */
  readonly hint?: string;
  /** The server's envelope, printed as received under --json. */
  readonly envelope?: ErrorEnvelope;

  constructor(message: string, opts: { exitCode: number; code: string; details?: Record<string, unknown> | null; hint?: string; envelope?: ErrorEnvelope; cause?: unknown }) {
    super(message, { cause: opts.cause });
    this.name = "CliError";
    this.exitCode = opts.exitCode;
    this.code = opts.code;
    this.details = opts.details ?? null;
    this.hint = opts.hint;
    this.envelope = opts.envelope;
  }

  toEnvelope(now = new Date()): ErrorEnvelope {
    return this.envelope ?? { error: { code: this.code, message: this.message, details: this.details, timestamp: now.toISOString() } };
  }
}

export function usageError(message: string, hint?: string): CliError {
  return new CliError(message, { exitCode: EXIT.USAGE, code: "USAGE_ERROR", hint });
}

export function notLoggedIn(message: string): CliError {
  return new CliError(message, { exitCode: EXIT.AUTH, code: "UNAUTHENTICATED", hint: "Run `llmguard login` (or set LLMGUARD_TOKEN)." });
}

/** The exit code for an HTTP error status. */
export function exitCodeForStatus(status: number): number {
  if (status === 401 || status === 403) return EXIT.AUTH;
  if (status === 404) return EXIT.NOT_FOUND;
  if (status === 400 || status === 409 || status === 413 || status === 422) return EXIT.REJECTED;
  return EXIT.ERROR;
}
