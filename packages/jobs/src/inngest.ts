import type { Logger } from "@llmguard/domain";
import type { Inngest } from "inngest";
import type { Jsonify } from "inngest/types";
import { EVENT_TYPES, type DomainEvent, type DomainEventName, type EventData, type EventSink } from "./events";
import { isNonRetriable, traceJobAttempt, withJobErrors, type CronJobDefinition, type JobDefinition, type JobStep } from "./job";

/**
 * A job as an Inngest function: its event as the trigger, its retries, its concurrency key as a CEL
 * expression over the event, and its `run` with Inngest's durable steps. 4xx-class errors become
 * NonRetriableError inside each step and around the handler (job.ts, STYLE.md §5). A run that gives up
 * is logged once, by the failure handler, at warn (non-retriable, 4xx) or error.
 */
export function toInngestFunction<N extends DomainEventName>(inngest: Inngest.Any, job: JobDefinition<N>) {
  return inngest.createFunction(
    {
      id: job.id,
      triggers: [EVENT_TYPES[job.event]],
      retries: job.retries,
      ...(job.concurrency ? { concurrency: { limit: job.concurrency.limit, key: `event.data.${job.concurrency.key}` } } : {}),
      onFailure: async ({ error, event, logger }) => {
        const original = event.data.event as { name?: string; data?: Record<string, unknown> };
        const key = job.concurrency?.key;
        const fields = { job: job.id, event: original.name, ...(key ? { [key]: original.data?.[key] } : {}), runId: event.data.run_id };
        if (isNonRetriable(error)) logger.warn({ ...fields, err: error }, "background job failed");
        else logger.error({ ...fields, err: error }, "background job failed");
      },
    },
    async ({ event, step, logger, attempt }) => {
      const jobStep: JobStep = {
        // Inngest's step.run returns the JSON of fn's result: the Jsonify<T> that JobStep promises.
        run<T>(id: string, fn: () => Promise<T>) {
          return step.run(id, () => withJobErrors(fn)) as unknown as Promise<Jsonify<T>>;
        },
      };
      const data = event.data as EventData<N>;
      const projectId = (data as { projectId?: unknown }).projectId;
      return traceJobAttempt(
        { job: job.id, engine: "inngest", attempt, event: job.event, projectId },
        () => withJobErrors(() => job.run({ data, events: [data], step: jobStep, logger, attempt })),
        (err) => !isNonRetriable(err) && attempt < job.retries,
      );
    },
  );
}

/**
 * A scheduled job as an Inngest function: its cron as the trigger (Inngest starts each run; nothing is
 * sent), its retries, and the same error handling and failure log as the event jobs.
 */
export function toInngestCronFunction(inngest: Inngest.Any, job: CronJobDefinition) {
  return inngest.createFunction(
    {
      id: job.id,
      triggers: [{ cron: job.cron }],
      retries: job.retries,
      onFailure: async ({ error, event, logger }) => {
        const fields = { job: job.id, cron: job.cron, runId: event.data.run_id };
        if (isNonRetriable(error)) logger.warn({ ...fields, err: error }, "background job failed");
        else logger.error({ ...fields, err: error }, "background job failed");
      },
    },
    async ({ step, logger, attempt }) => {
      const jobStep: JobStep = {
        run<T>(id: string, fn: () => Promise<T>) {
          return step.run(id, () => withJobErrors(fn)) as unknown as Promise<Jsonify<T>>;
        },
      };
      return traceJobAttempt(
        { job: job.id, engine: "inngest", attempt, cron: job.cron },
        () => withJobErrors(() => job.run({ step: jobStep, logger, attempt })),
        (err) => !isNonRetriable(err) && attempt < job.retries,
      );
    },
  );
}

/**
 * The event sink of "inngest" mode: each event is sent to Inngest without waiting (the SDK retries a
 * failed send a few times); a send that still fails is logged, never thrown at the service that emitted.
 */
export function createInngestSink(opts: { inngest: Inngest.Any; logger: Logger }): EventSink & { drain(): Promise<void> } {
  const { inngest, logger } = opts;
  const inFlight = new Set<Promise<void>>();
  const fail = (event: DomainEvent, err: unknown) =>
    logger.error({ err, event: event.name, ...("projectId" in event.data ? { projectId: event.data.projectId } : {}) }, "could not send an event to Inngest: its background jobs will not run");
  return {
    emit(event) {
      try {
        const sent: Promise<void> = inngest.send({ name: event.name, data: event.data }).then(
          () => undefined,
          (err: unknown) => fail(event, err),
        );
        inFlight.add(sent);
        void sent.finally(() => inFlight.delete(sent));
      } catch (err) {
        fail(event, err);
      }
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
