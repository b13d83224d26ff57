import type { Logger } from "@llmguard/domain";
import type { Jsonify } from "inngest/types";
import type { DomainEvent, DomainEventName, EventData, EventSink } from "./events";
import { isNonRetriable, logJobFailure, toJobError, traceJobAttempt, type AnyJobDefinition, type JobDefinition, type JobStep } from "./job";

/**
 * The embedded default's job engine (ARCHITECTURE decision 4): runs the jobs' own `run` in this process,
 * with Inngest's semantics where they matter here. `emit` returns at once and never throws; runs are
 * serialized per concurrency key (e.g. one per project) while different keys run in parallel; a
 * coalescing job's events that arrive while the key's next run waits join that run (JobDefinition.coalesce); a failed
 * attempt is retried with exponential backoff up to the job's `retries`, a 4xx-class failure is not; a
 * job that gives up is logged once and dropped. Nothing is durable: work queued when the process stops
 * is lost unless `drain()` (or `close()`) was awaited first.
 */
export interface InlineRunner extends EventSink {
  /** Resolves when every queued and running job (and what those emitted meanwhile) has finished. */
  drain(): Promise<void>;
  /** Stops the schedules, cuts retry waits short (a failing job gives up), drains, then drops new events. */
  close(): Promise<void>;
  /** `every(ms, fn)` whose ticks `drain` waits for and `close` stops. */
  every(ms: number, fn: () => unknown, name?: string): Schedule;
}

export interface InlineRunnerOptions {
  jobs: readonly AnyJobDefinition[];
  logger: Logger;
  /** Wait before retry `n` (1 = the first retry). Default 1 s · 2^(n-1), at most 60 s. */
  backoff?: (retry: number) => number;
  /** How a retry waits; resolves early when `signal` aborts (close). Tests pass one that records delays. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const defaultBackoff = (retry: number): number => Math.min(60_000, 1_000 * 2 ** (retry - 1));

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Steps run directly; their results go through JSON as Inngest's do, so both engines see the same values. */
const inlineStep: JobStep = {
  async run<T>(_id: string, fn: () => Promise<T>) {
    const value = await fn();
    return JSON.parse(JSON.stringify(value ?? null)) as Jsonify<T>;
  },
};

/** At most `limit` holders per key, handed over in arrival order (a project's batches run in order). */
class KeyedSlots {
  private lanes = new Map<string, { running: number; waiting: (() => void)[] }>();

  async acquire(key: string, limit: number): Promise<() => void> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { running: 0, waiting: [] }));
    if (lane.running < limit) lane.running++;
    else await new Promise<void>((resolve) => lane.waiting.push(resolve));
    const held = lane;
    return () => {
      const next = held.waiting.shift();
      if (next) return next(); // the slot passes to the next in line
      held.running--;
      if (held.running === 0) this.lanes.delete(key);
    };
  }
}

export function createInlineRunner(opts: InlineRunnerOptions): InlineRunner {
  const { jobs, logger } = opts;
  const backoff = opts.backoff ?? defaultBackoff;
  const sleep = opts.sleep ?? abortableSleep;
  const slots = new KeyedSlots();
  const inFlight = new Set<Promise<void>>();
  const schedules = new Set<Schedule>();
  const closing = new AbortController();
  let closed = false;

  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  // Loops: a finishing job may have emitted (and queued) more work.
  const drain = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  /** Runs a job until it succeeds or gives up; never throws. */
  async function runWithRetries<N extends DomainEventName>(job: JobDefinition<N>, batch: DomainEvent[], fields: Record<string, unknown>) {
    const event = batch[0]!;
    const events = batch.map((e) => e.data as EventData<N>);
    const log = logger.child({ job: job.id, ...fields });
    const giveUp = (err: unknown, attempts: number) => logJobFailure(logger, { job: job.id, event: event.name, ...fields, attempts }, err);
    for (let attemptNo = 0; ; attemptNo++) {
      try {
        await traceJobAttempt(
          { job: job.id, engine: "inline", attempt: attemptNo, event: event.name, projectId: (event.data as { projectId?: unknown }).projectId },
          () => job.run({ data: events[0]!, events, step: inlineStep, logger: log, attempt: attemptNo }),
          (err) => !isNonRetriable(err) && attemptNo < job.retries && !closing.signal.aborted,
        );
        return;
      } catch (thrown) {
        const err = toJobError(thrown);
        if (isNonRetriable(err) || attemptNo >= job.retries || closing.signal.aborted) return giveUp(err, attemptNo + 1);
        const delayMs = backoff(attemptNo + 1);
        log.debug({ err, attempt: attemptNo + 1, retryInMs: delayMs }, "background job attempt failed; retrying");
        await sleep(delayMs, closing.signal);
        // Shutting down: no further attempt (the database is about to close).
        if (closing.signal.aborted) return giveUp(err, attemptNo + 1);
      }
    }
  }

  /** Per coalescing job and key: the run still waiting for its slot, which later events of the key join. */
  const openBatches = new Map<string, DomainEvent[]>();

  function enqueue(job: AnyJobDefinition, event: DomainEvent) {
    const key = job.concurrency?.key;
    const keyValue = key ? (event.data as Record<string, unknown>)[key] : undefined;
    const fields = key ? { [key]: keyValue } : {};
    // Coalesced per concurrency key: events joined into one run share its slot, so they must share its key.
    const batchKey = job.coalesce && job.concurrency ? `${job.id}\u0000${String(keyValue)}` : null;
    if (batchKey !== null) {
      const open = openBatches.get(batchKey);
      if (open && open.length < job.coalesce!.maxEvents) {
        open.push(event);
        return;
      }
    }
    const batch = [event];
    if (batchKey !== null) openBatches.set(batchKey, batch);
    const work = (async () => {
      // Never in the emitter's call stack: the service that emitted carries on at once.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const release = job.concurrency ? await slots.acquire(`${job.id}\u0000${String(keyValue)}`, job.concurrency.limit) : () => undefined;
      // Running now: the batch takes no more events (the next one opens a new batch).
      if (batchKey !== null && openBatches.get(batchKey) === batch) openBatches.delete(batchKey);
      try {
        await runWithRetries(job as JobDefinition<DomainEventName>, batch, fields);
      } finally {
        release();
      }
    })().catch((err: unknown) => logger.error({ err, job: job.id, event: event.name }, "inline job runner failed"));
    track(work);
  }

  return {
    emit(event) {
      try {
        if (closed) {
          logger.warn({ event: event.name }, "event emitted after the job runner closed: its background jobs will not run");
          return;
        }
        for (const job of jobs) if (job.event === event.name) enqueue(job, event);
      } catch (err) {
        logger.error({ err, event: (event as { name?: unknown } | undefined)?.name }, "could not queue background jobs for an event");
      }
    },
    drain,
    every(ms, fn, name) {
      const schedule = every(ms, () => {
        const tick = (async () => {
          await fn();
        })();
        track(tick.catch(() => undefined));
        return tick;
      }, { logger, name });
      schedules.add(schedule);
      return schedule;
    },
    async close() {
      closing.abort();
      await Promise.all([...schedules].map((s) => s.stop()));
      await drain();
      closed = true;
    },
  };
}

export interface Schedule {
  /** Stops the timer and waits for a tick that is running. */
  stop(): Promise<void>;
}

/**
 * Runs `fn` every `ms` on an unref'd timer (it never keeps the process alive). A tick is skipped while
 * the previous one still runs; a failing tick is logged and the schedule goes on. For the embedded
 * default's periodic jobs (Inngest runs those from cron triggers).
 */
export function every(ms: number, fn: () => unknown, opts: { logger: Logger; name?: string }): Schedule {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      await fn();
    } catch (err) {
      opts.logger.error({ err, schedule: opts.name }, "scheduled job failed");
    }
  };
  const timer = setInterval(() => {
    if (running || stopped) return;
    // Cleared in a later microtask: a tick that fails synchronously must not leave `running` set.
    running = tick().finally(() => {
      running = undefined;
    });
  }, ms);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
