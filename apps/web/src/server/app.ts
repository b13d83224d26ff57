import "server-only";
import { analyzeIncident, countStaleDataKeys, createApp, createLogger, evaluateIngestRules, notifyIncident, runHourlyDetection, sweepRemediations, automateRemediation, processStripeEvent, runBillingUsage, type App, type Logger } from "@llmguard/domain";
import { GLOBAL_KEYS } from "@llmguard/domain/process-globals";
import { createJobRuntime, type JobRuntime } from "@llmguard/jobs";
import { webEnv } from "~/env";

/**
 * The process's one App (database, limits, mailer), created on first use. It lives on globalThis so
 * Next's separately bundled route handlers share it, logs through server.mjs's process logger (one
 * destination and redaction list for the process; a logger of its own when Next runs without
 * server.mjs), and registers a shutdown hook that server.mjs runs on SIGTERM to close the database.
 */
const g = globalThis as unknown as Record<symbol, unknown>;
/** The process's one job runtime, shared by Next's separately bundled routes like the App. */
const JOBS_KEY = Symbol.for("llmguard.jobs");

/** server.mjs's root logger; one of our own when Next runs without server.mjs. The App and the jobs share it. */
function processLogger(): Logger {
  return (g[GLOBAL_KEYS.logger] ??= createLogger({ level: webEnv().LOG_LEVEL })) as Logger;
}

/**
 * Background jobs (packages/jobs): Inngest functions when Inngest is configured, otherwise the same
 * functions in this process. Created before the App, whose services emit through its sink.
 */
export function getJobs(): JobRuntime {
  let jobs = g[JOBS_KEY] as JobRuntime | undefined;
  if (!jobs) {
    jobs = createJobRuntime({ env: webEnv(), logger: processLogger(), getApp, handlers: { evaluateIngestRules, analyzeIncident, runHourlyDetection, notifyIncident, sweepRemediations, automateRemediation, processStripeEvent, runBillingUsage } });
    g[JOBS_KEY] = jobs;
  }
  return jobs;
}

export function getApp(): Promise<App> {
  let app = g[GLOBAL_KEYS.app] as Promise<App> | undefined;
  if (!app) {
    const jobs = getJobs();
    app = createApp({ env: webEnv(), logger: processLogger(), events: jobs.sink });
    g[GLOBAL_KEYS.app] = app;
    app.then(
      (a) => {
        const hooks = (g[GLOBAL_KEYS.shutdownHooks] ??= []) as (() => Promise<void>)[];
        // In order, each with its own timeout: the last ingest batches commit (and emit), their jobs
        // finish, then the database closes.
        hooks.push(async () => {
          await a.drainIngest(); // the last batches commit and their detection events reach the jobs
          await jobs.close();
        });
        hooks.push(() => a.close());
        if (a.mailer.kind === "outbox") a.logger.warn("SMTP_URL is not set: e-mails (password resets) are kept in the dev outbox at /dev/outbox. Set SMTP_URL before exposing this deployment.");
        // A key-encryption-key rotation half done: remind the operator to finish it (docs/config-secrets.md).
        countStaleDataKeys(a).then(
          (stale) => {
            if (stale > 0) a.logger.warn({ stale, kekId: a.keyProvider.currentKekId }, "data keys are still wrapped by a retired SECRETS_MASTER_KEY: run `pnpm secrets:rewrap`");
          },
          () => undefined,
        );
      },
      () => {
        g[GLOBAL_KEYS.app] = undefined;
      },
    );
  }
  return app;
}
