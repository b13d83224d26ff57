import type { DestinationStream, Logger } from "pino";
import { createRootLogger, REDACT_PATHS } from "./root-logger.mjs";

export type { Logger };
export { REDACT_PATHS };

/**
 * The pino root (STYLE.md §7), built by shared/root-logger.mjs: the same options and redaction list
 * as apps/web/server.mjs's process logger, which the web app's App uses in production.
 */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return createRootLogger(opts);
}
