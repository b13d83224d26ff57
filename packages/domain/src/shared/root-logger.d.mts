import type { DestinationStream, Logger } from "pino";

/** The paths every LLMGuard logger redacts (see root-logger.mjs). */
export declare const REDACT_PATHS: readonly string[];
/** What a redacted value is replaced with. */
export declare const REDACT_CENSOR: string;
/** The pino root: ISO time, pid, the redaction list; `level` default "info", `destination` default stdout. */
export declare function createRootLogger(opts?: { level?: string; destination?: DestinationStream }): Logger;
