import type { Logger } from "@llmguard/domain";
import { Inngest } from "inngest";
import type { JobsEnv } from "./env";

/**
 * The Inngest client, configured from the validated env rather than from the SDK's own reading of
 * process.env, and logging through the process's pino logger (STYLE.md §7): function logs (`ctx.logger`)
 * and the SDK's internal messages land in one destination with one redaction list.
 */
export function createInngestClient(opts: { env: JobsEnv; logger: Logger }) {
  const { env, logger } = opts;
  const devUrl = typeof env.INNGEST_DEV === "string" ? env.INNGEST_DEV : undefined;
  return new Inngest({
    id: env.INNGEST_APP_ID,
    logger,
    internalLogger: logger.child({ component: "inngest" }),
    // Explicit, so an env parsed from another source than process.env (tests, scripts) decides the mode.
    isDev: env.INNGEST_DEV !== false,
    baseUrl: env.INNGEST_BASE_URL ?? devUrl,
    eventKey: env.INNGEST_EVENT_KEY,
    signingKey: env.INNGEST_SIGNING_KEY,
    signingKeyFallback: env.INNGEST_SIGNING_KEY_FALLBACK,
  });
}

export type InngestClient = ReturnType<typeof createInngestClient>;
