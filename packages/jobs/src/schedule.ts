import type { Logger } from "@llmguard/domain";
import type { Jsonify } from "inngest/types";
import type { InlineRunner, Schedule } from "./inline";
import { isCronJob, isNonRetriable, logJobFailure, toJobError, traceJobAttempt, type AnyJobDefinition, type CronJobDefinition, type JobStep } from "./job";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The cadence of a cron in inline mode: once per period, from `offsetMs` into it (UTC). Only hourly
 * crons (`M * * * *`) and every minute (`* * * * *`) are understood; another form throws at start-up
 * rather than run at the wrong time.
 */
export function inlineCadence(cron: string): { periodMs: number; offsetMs: number } {
  if (cron.trim() === "* * * * *") return { periodMs: MINUTE, offsetMs: 0 };
  const m = /^(\d{1,2}) \* \* \* \*$/.exec(cron.trim());
  const minute = m ? Number(m[1]) : NaN;
  if (!(minute >= 0 && minute <= 59)) throw new Error(`The inline job runner follows hourly crons ("<minute> * * * *") and "* * * * *" only, not "${cron}"`);
  return { periodMs: HOUR, offsetMs: minute * MINUTE };
}

export interface CronScheduleOptions {
  /** How often the schedule looks at the clock (default 1 minute): also the wait before a retry. */
  tickMs?: number;
  /** Nothing runs in the first minutes after start (default 3), while the server warms up. */
  startDelayMs?: number;
  now?: () => number;
}

/** Steps run directly; their results go through JSON as Inngest's do (as inline.ts does for event jobs). */
const inlineStep: JobStep = {
  async run<T>(_id: string, fn: () => Promise<T>) {
    const value = await fn();
    return JSON.parse(JSON.stringify(value ?? null)) as Jsonify<T>;
  },
};

/**
 * Inline mode's cron: the job runs once per clock period of its cron (an hour), at the first tick from the
 * cron's minute on (so at about the same time as under Inngest) and at the earliest `startDelayMs` after
 * start — a server started at 10:30 runs at about 10:33 (checking the 09:00 hour), then at 11:05 (10:00);
 * one started at 10:01 first runs at 10:05. A failed attempt is retried at the next ticks up to the job's
 * `retries`; a 4xx-class failure is not; a period that gives up is logged once and the next one runs anyway. Runs on the runner's `every()` (unref'd timer, stopped
 * and drained by `close()`). Every process in inline mode runs its own schedule.
 */
export function scheduleCronJob(runner: Pick<InlineRunner, "every">, job: CronJobDefinition, logger: Logger, opts: CronScheduleOptions = {}): Schedule {
  const { periodMs, offsetMs } = inlineCadence(job.cron);
  const now = opts.now ?? Date.now;
  const startedAt = now();
  const startDelayMs = opts.startDelayMs ?? 3 * MINUTE;
  const log = logger.child({ job: job.id });
  // Periods are clock periods (hours): the job runs once in each, from `offsetMs` into it. A run at any
  // time of the 11:00 hour checks the same last complete hour, 10:00: one run per period, never two.
  let done = Math.floor(startedAt / periodMs) - 1; // the last period run (none yet)
  let failing = { period: NaN, attempts: 0 };
  return runner.every(
    opts.tickMs ?? MINUTE,
    async () => {
      const t = now();
      const period = Math.floor(t / periodMs);
      if (t - startedAt < startDelayMs || t - period * periodMs < offsetMs || period <= done) return;
      if (failing.period !== period) failing = { period, attempts: 0 };
      try {
        const attempt = failing.attempts;
        await traceJobAttempt({ job: job.id, engine: "inline", attempt, cron: job.cron }, () => job.run({ step: inlineStep, logger: log, attempt }), (err) => !isNonRetriable(err) && attempt + 1 <= job.retries);
        done = period;
      } catch (thrown) {
        const err = toJobError(thrown);
        failing.attempts++;
        if (isNonRetriable(err) || failing.attempts > job.retries) {
          logJobFailure(logger, { job: job.id, cron: job.cron, attempts: failing.attempts }, err);
          done = period;
        } else log.debug({ err, attempt: failing.attempts }, "scheduled job attempt failed; retrying at the next tick");
      }
    },
    job.id,
  );
}

/** Schedules every cron job of the list on the inline runner. */
export function scheduleCronJobs(runner: Pick<InlineRunner, "every">, jobs: readonly AnyJobDefinition[], logger: Logger, opts: CronScheduleOptions = {}): Schedule[] {
  return jobs.filter(isCronJob).map((job) => scheduleCronJob(runner, job, logger, opts));
}
