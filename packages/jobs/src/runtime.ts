import type { App, Logger } from "@llmguard/domain";
import { serve } from "inngest/next";
import { createInngestClient, type InngestClient } from "./client";
import { jobsEnvWarnings, jobsMode, type JobsEnv, type JobsMode } from "./env";
import type { EventSink } from "./events";
import { createFunctions, createJobs } from "./functions";
import { createInngestSink } from "./inngest";
import { createInlineRunner, type InlineRunner, type InlineRunnerOptions } from "./inline";
import { scheduleCronJobs, type CronScheduleOptions } from "./schedule";
import type { AnyJobDefinition, JobHandlers } from "./job";

type NextRouteHandler = ReturnType<typeof serve>["GET"];

export interface JobRuntime {
  mode: JobsMode;
  /** Pass to createApp({ events }): services emit through it, never waiting for the work. */
  sink: EventSink;
  jobs: AnyJobDefinition[];
  inngest: InngestClient;
  /** The jobs as Inngest functions (served only in "inngest" mode). */
  functions: ReturnType<typeof createFunctions>;
  /** Route handlers for apps/web's /api/inngest, in "inngest" mode only. */
  serveHandler?: { GET: NextRouteHandler; POST: NextRouteHandler; PUT: NextRouteHandler };
  /** "inline" mode's runner (for its schedules, `every`); absent in "inngest" mode. */
  inline?: InlineRunner;
  /** Waits for queued work: inline jobs, or events still being sent to Inngest. */
  drain(): Promise<void>;
  /** On shutdown, before the App closes: stops schedules, finishes (or gives up) queued work. */
  close(): Promise<void>;
}

/**
 * The process's job engine (ARCHITECTURE decision 4), chosen by the env (see jobsMode): Inngest functions
 * served at /api/inngest and fed by `inngest.send`, or the inline runner. Created before the App, which
 * takes `sink` as its events; jobs reach the App through `getApp` when they run.
 */
export function createJobRuntime(opts: {
  env: JobsEnv;
  logger: Logger;
  getApp: () => Promise<App>;
  handlers: JobHandlers;
  /** Inline runner tuning (tests). */
  inline?: Pick<InlineRunnerOptions, "backoff" | "sleep"> & { schedule?: CronScheduleOptions };
}): JobRuntime {
  const { env, logger } = opts;
  const mode = jobsMode(env);
  for (const warning of jobsEnvWarnings(env)) logger.warn(warning);
  const jobs = createJobs({ getApp: opts.getApp, handlers: opts.handlers });
  const inngest = createInngestClient({ env, logger });
  const functions = createFunctions(inngest, jobs);

  if (mode === "inline") {
    const { schedule, ...runnerOptions } = opts.inline ?? {};
    const runner = createInlineRunner({ jobs, logger, ...runnerOptions });
    // Cron jobs (detect-hourly) on the runner's every(): stopped and drained by close().
    scheduleCronJobs(runner, jobs, logger, schedule);
    return { mode, sink: runner, jobs, inngest, functions, inline: runner, drain: () => runner.drain(), close: () => runner.close() };
  }

  const sender = createInngestSink({ inngest, logger });
  const { GET, POST, PUT } = serve({ client: inngest, functions });
  logger.info({ appId: env.INNGEST_APP_ID, dev: env.INNGEST_DEV !== false, baseUrl: env.INNGEST_BASE_URL }, "background jobs run on Inngest (served at /api/inngest)");
  return { mode, sink: sender, jobs, inngest, functions, serveHandler: { GET, POST, PUT }, drain: () => sender.drain(), close: () => sender.drain() };
}
