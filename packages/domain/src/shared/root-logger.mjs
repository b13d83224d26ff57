// The pino root of every LLMGuard process (STYLE.md §7): options and the redaction list, in one place.
// apps/web/server.mjs (plain Node, as @llmguard/domain/root-logger) builds the process's logger with it,
// and domain's createLogger (shared/logger.ts) is this same function, so the access log, the App and
// the tests redact the same paths. Plain ESM without a build step; types in root-logger.d.mts.
import process from "node:process";
import pino from "pino";

/**
 * Redaction is the last line of defence: services never log secrets, and these paths catch headers,
 * keys, tokens and prompt/completion bodies that slip into a log object.
 */
export const REDACT_PATHS = Object.freeze([
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "headers['x-api-key']",
  "password",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "apiKey",
  "*.apiKey",
  "key",
  "*.key",
  "secret",
  "*.secret",
  "*.value",
  "prompt",
  "*.prompt",
  "response",
  "*.response",
  "completion",
  "*.completion",
]);

/** What a redacted value is replaced with. */
export const REDACT_CENSOR = "[redacted]";

/**
 * The root logger: JSON lines with an ISO time and the process id (cluster workers tell apart by it),
 * the redaction list above, at `level` (default "info"), written to `destination` (default stdout).
 * @param {{ level?: string, destination?: import("pino").DestinationStream }} [opts]
 * @returns {import("pino").Logger}
 */
export function createRootLogger(opts = {}) {
  return pino(
    {
      level: opts.level ?? "info",
      base: { pid: process.pid },
      redact: { paths: [...REDACT_PATHS], censor: REDACT_CENSOR },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination,
  );
}
