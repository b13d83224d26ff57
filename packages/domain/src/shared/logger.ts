import pino, { type Logger } from "pino";

export type { Logger };

/**
 * The pino root (STYLE.md §7). Redaction is the last line of defence: services never log secrets,
 * and these paths catch headers, keys, tokens and prompt/completion bodies that slip into a log object.
 */
export const REDACT_PATHS = [
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
];

export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      base: { service: "llmguard" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination,
  );
}
