import { describeError, withSpan, type App, type Logger, type NotificationChannel } from "@llmguard/domain";
import { NonRetriableError, type Logger as InngestLogger } from "inngest";
import type { Jsonify } from "inngest/types";
import type { DomainEventName, EventData, IngestedRow } from "./events";

/**
 * The domain services the jobs call, injected: the web app passes the real ones from @llmguard/domain,
 * tests pass their own. Each takes one object parameter, like every service (STYLE.md §2).
 */
export interface JobHandlers {
  /** Issue 9: the incident rules over rows just ingested for one project. */
  evaluateIngestRules(params: { app: App; projectId: string; rows: IngestedRow[] }): Promise<{ opened: number; updated: number }>;
  /** Issue 9: the root-cause analysis of one incident (OpenAI with retries inside, else the heuristic), stored on it. */
  analyzeIncident(params: { app: App; incidentId: string; actorId?: string | null }): Promise<unknown>;
  /** Issue 9: notifies one channel (or every channel) of a new incident when it meets the channel's minimum severity; throws a failed delivery. */
  notifyIncident(params: { app: App; incidentId: string; channel?: NotificationChannel }): Promise<unknown>;
  /** Issue 9: the hourly statistical detection over every active project (the last complete hour). */
  runHourlyDetection(params: { app: App }): Promise<{ projects: number; opened: number; updated: number; failed: number }>;
  /** Issue 10: rolls back temporary remediations whose time is up and judges the ones whose watch ended. */
  sweepRemediations(params: { app: App }): Promise<{ expired: number; judged: number; rolledBack: number; failed: number }>;
  /** Issue 10: applies the analysis's first recommended action when the project's automation allows it. */
  automateRemediation(params: { app: App; incidentId: string }): Promise<{ status: string }>;
  /** Issue 11: makes the account match Stripe for one stored webhook event (once; a processed event is skipped). */
  processStripeEvent(params: { app: App; eventId: string }): Promise<{ status: string }>;
  /** Issue 11: usage e-mails at 80%/100%, Pro overage to Stripe's meter, stale Stripe events. */
  runBillingUsage(params: { app: App }): Promise<{ accounts: number; notices: number; meterEvents: number; reportedRequests: number; staleEvents: number; failed: number }>;
}

/**
 * What every job factory takes. `getApp` rather than an App: the App is created with the job runtime's
 * event sink (`events: runtime.sink`), so the runtime exists first and reaches the App when a job runs.
 */
export interface JobDeps {
  getApp: () => Promise<App>;
  handlers: JobHandlers;
}

/**
 * The steps a job may use (grow it as jobs need more of Inngest's step tools). Inngest runs each
 * `step.run` once and memoizes its result across retries of the function; the inline runner calls it
 * directly, so a retry there runs every step again: steps must be idempotent, as Inngest's at-least-once
 * delivery requires anyway. Both engines hand back the result as JSON (a Date becomes a string).
 */
export interface JobStep {
  run<T>(id: string, fn: () => Promise<T>): Promise<Jsonify<T>>;
}

/**
 * A job's logger: object first, like pino (`logger.info({ incidentId }, "...")`). Under Inngest it is the
 * SDK's proxy of the client's pino logger (which holds back logs of replayed code), so only the four
 * level methods exist: no `child`.
 */
export type JobLogger = InngestLogger;

export interface JobContext<N extends DomainEventName> {
  /** The (first) event's data. */
  data: EventData<N>;
  /** Every event of this run, in arrival order: `[data]` unless the inline engine coalesced several (`coalesce`). */
  events: EventData<N>[];
  step: JobStep;
  logger: JobLogger;
  /** 0 on the first attempt. */
  attempt: number;
}

/** Inngest's accepted range for `retries`. */
export type JobRetries = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20;

/**
 * One background job: its trigger, limits and handler, written once. `toInngestFunction` makes it an
 * Inngest function; the inline runner (inline.ts) runs the same `run` in-process.
 */
export interface JobDefinition<N extends DomainEventName> {
  /** Function ID, kebab-case (STYLE.md §2); Inngest prefixes it with the app ID. */
  id: string;
  event: N;
  /** Retries after the first attempt: attempts = retries + 1 (both engines). */
  retries: JobRetries;
  /** At most `limit` runs at once per value of `event.data[key]` (Inngest: key `event.data.<key>`). */
  concurrency?: { limit: number; key: ConcurrencyKey<N> };
  /**
   * Inline engine only, with `concurrency`: events of one concurrency key that arrive while that key's
   * next run still waits for its slot join that run (`ctx.events`, up to `maxEvents`), so a backlog behind
   * a slow run is one waiting run per key, not a queue that grows with every event. Nothing waits to
   * gather: an event of an idle key runs at once. Inngest runs each event on its own and queues them
   * durably (its `batchEvents` would hold every event for its minimum timeout of one second).
   */
  coalesce?: { maxEvents: number };
  run(ctx: JobContext<N>): Promise<unknown>;
}

/** The fields of an event's data that can key a concurrency limit: its string-valued ones (IDs). */
export type ConcurrencyKey<N extends DomainEventName> = { [K in keyof EventData<N>]: EventData<N>[K] extends string ? K : never }[keyof EventData<N>] & string;

/** What a scheduled job's run receives: no event data. */
export interface CronJobContext {
  step: JobStep;
  logger: JobLogger;
  /** 0 on the first attempt. */
  attempt: number;
}

/**
 * A job that runs on a schedule instead of an event: an Inngest cron trigger (UTC), and in inline mode
 * the same cadence on the runner's `every()` (schedule.ts, which understands hourly crons `M * * * *`).
 */
export interface CronJobDefinition {
  /** Function ID, kebab-case (STYLE.md §2); Inngest prefixes it with the app ID. */
  id: string;
  /** Cron expression, e.g. "5 * * * *" (five past every hour, UTC). */
  cron: string;
  /** Retries after the first attempt: attempts = retries + 1 (both engines). */
  retries: JobRetries;
  /** Absent: a scheduled job has no event (so the inline runner never matches it to one). */
  event?: never;
  concurrency?: never;
  coalesce?: never;
  run(ctx: CronJobContext): Promise<unknown>;
}

/** Any job, whatever its event or schedule (a list of jobs is a list of these). */
export type AnyJobDefinition = { [N in DomainEventName]: JobDefinition<N> }[DomainEventName] | CronJobDefinition;

export function defineJob<N extends DomainEventName>(def: JobDefinition<N>): JobDefinition<N> {
  return def;
}

export function defineCronJob(def: CronJobDefinition): CronJobDefinition {
  return def;
}

export function isCronJob(job: AnyJobDefinition): job is CronJobDefinition {
  return typeof (job as { cron?: unknown }).cron === "string";
}

/** True for Inngest's NonRetriableError from any copy of the SDK (compared by name, like the SDK does). */
export function isNonRetriable(err: unknown): boolean {
  return err instanceof NonRetriableError || (err as { name?: unknown } | null)?.name === "NonRetriableError";
}

/**
 * STYLE.md §5: a 4xx-class failure (validation, not found, forbidden, conflict...) fails the same way on
 * every attempt, so it becomes a NonRetriableError (cause kept); anything else is rethrown as it is and
 * retried (unknown errors and 5xx, including a database outage).
 */
export function toJobError(err: unknown): unknown {
  if (isNonRetriable(err)) return err;
  const d = describeError(err);
  if (d.status < 500) return new NonRetriableError(`${d.code}: ${d.message}`, { cause: err });
  return err;
}

/** Runs `fn`, turning what it throws into the job's error (see toJobError). */
export async function withJobErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toJobError(err);
  }
}

/** The failure to log: the DomainError (or unknown error) under a NonRetriableError. */
export function failureCause(err: unknown): unknown {
  return isNonRetriable(err) && (err as { cause?: unknown }).cause !== undefined ? (err as { cause?: unknown }).cause : err;
}

/** Logs a job that gave up, once, at the level of its error (4xx and 503 warn, 5xx error). */
export function logJobFailure(logger: Logger, fields: Record<string, unknown>, err: unknown): void {
  const cause = failureCause(err);
  const d = describeError(cause);
  logger[d.logLevel]({ ...fields, code: d.code, err: cause }, "background job failed");
}

/** What a job attempt's span says about it (attribute values only: IDs, names, counts; never event data). */
export interface JobAttemptFacts {
  job: string;
  engine: "inline" | "inngest";
  /** 0 on the first attempt, like JobContext's; the span says 1 for it. */
  attempt: number;
  event?: string;
  cron?: string;
  projectId?: unknown;
}

/**
 * Runs one attempt of a job in a span `job <id>` (issue 14; with tracing off, no span at all): its
 * attributes say which job, which engine and attempt, and the outcome — `success`, `retry` (a failure
 * another attempt follows, as `willRetry` says of the job error) or `failed` (given up). The database
 * calls the attempt makes are the span's children.
 */
export function traceJobAttempt<T>(facts: JobAttemptFacts, run: () => Promise<T>, willRetry: (jobError: unknown) => boolean): Promise<T> {
  const attributes: Record<string, string | number> = { "job.id": facts.job, "job.engine": facts.engine, "job.attempt": facts.attempt + 1 };
  if (facts.event) attributes["job.event"] = facts.event;
  if (facts.cron) attributes["job.cron"] = facts.cron;
  if (typeof facts.projectId === "string") attributes["llmguard.project.id"] = facts.projectId;
  return withSpan(`job ${facts.job}`, attributes, async (span) => {
    try {
      const value = await run();
      span.setAttribute("job.outcome", "success");
      return value;
    } catch (err) {
      span.setAttribute("job.outcome", willRetry(toJobError(err)) ? "retry" : "failed");
      throw err;
    }
  });
}
