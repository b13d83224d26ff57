import { DomainError } from "@llmguard/domain";
import { afterEach, describe, expect, it } from "vitest";
import { createJobs } from "./functions";
import { createInlineRunner, every, type InlineRunner, type InlineRunnerOptions } from "./inline";
import type { JobHandlers } from "./job";
import { appToken, captureLogs, deferred, ingested, LEVEL, turns, until } from "./testing/support";

const runners: InlineRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

/** The real jobs (detect-on-ingest) on the inline runner, with an injected evaluateIngestRules. */
function setup(evaluate: JobHandlers["evaluateIngestRules"], opts: Partial<Pick<InlineRunnerOptions, "backoff" | "sleep">> = {}) {
  const logs = captureLogs();
  const app = appToken();
  const delays: number[] = [];
  const runner = createInlineRunner({
    jobs: createJobs({ getApp: async () => app, handlers: { evaluateIngestRules: evaluate, analyzeIncident: async () => ({ source: "heuristic" }), runHourlyDetection: async () => ({ projects: 0, opened: 0, updated: 0, failed: 0 }), sweepRemediations: async () => ({ expired: 0, judged: 0, rolledBack: 0, failed: 0 }), automateRemediation: async () => ({ status: "disabled" }), processStripeEvent: async () => ({ status: "processed" }), runBillingUsage: async () => ({ accounts: 0, notices: 0, meterEvents: 0, reportedRequests: 0, staleEvents: 0, failed: 0 }), notifyIncident: async () => ({ results: [] }) } }),
    logger: logs.logger,
    sleep: async (ms) => void delays.push(ms),
    ...opts,
  });
  runners.push(runner);
  const failures = () => logs.entries().filter((e) => e.msg === "background job failed");
  return { runner, app, delays, logs, failures };
}

describe("inline job runner", () => {
  it("runs the handler after emit returned, with the event's project, rows and the App", async () => {
    const calls: unknown[] = [];
    const { runner, app } = setup(async ({ app, projectId, rows }) => {
      calls.push({ app, projectId, rowIds: rows.map((r) => r.id) });
      return { opened: 0, updated: 0 };
    });
    runner.emit(ingested("proj_1", ["req_a", "req_b"]));
    expect(calls).toEqual([]);
    await runner.drain();
    expect(calls).toEqual([{ app, projectId: "proj_1", rowIds: ["req_a", "req_b"] }]);
  });

  it("runs one job at a time per project, in emit order, while another project runs in parallel", async () => {
    const log: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred<void>>>();
    const { runner } = setup(async ({ projectId, rows }) => {
      const name = `${projectId}:${rows.map((r) => r.id).join("+")}`;
      const gate = deferred();
      gates.set(name, gate);
      log.push(`start ${name}`);
      await gate.promise;
      log.push(`end ${name}`);
      return { opened: 0, updated: 0 };
    });
    runner.emit(ingested("p1", ["r1"]));
    runner.emit(ingested("p2", ["r1"]));
    await until(() => gates.has("p1:r1") && gates.has("p2:r1"));
    runner.emit(ingested("p1", ["r2"]));
    await turns();
    expect(log).toEqual(["start p1:r1", "start p2:r1"]); // p1's second batch waits for its first

    gates.get("p1:r1")!.resolve();
    await until(() => gates.has("p1:r2"));
    gates.get("p1:r2")!.resolve();
    gates.get("p2:r1")!.resolve();
    await runner.drain();
    expect(log).toEqual(["start p1:r1", "start p2:r1", "end p1:r1", "start p1:r2", "end p1:r2", "end p2:r1"]);
  });

  it("coalesces a project's events that arrive while its next run waits: one run over all their rows, at most 20 events each", async () => {
    const runs: { projectId: string; rowIds: string[] }[] = [];
    const first = deferred();
    const { runner } = setup(async ({ projectId, rows }) => {
      runs.push({ projectId, rowIds: rows.map((r) => r.id) });
      if (runs.length === 1) await first.promise;
      return { opened: 0, updated: 0 };
    });
    runner.emit(ingested("p1", ["a"]));
    await until(() => runs.length === 1);
    // p1 is busy: its next 50 flushes wait, and join the waiting run up to the cap.
    const waiting = Array.from({ length: 50 }, (_, i) => `w${i}`);
    for (const id of waiting) runner.emit(ingested("p1", [id, `${id}b`]));
    runner.emit(ingested("p2", ["x"])); // another project is not held back nor mixed in
    await until(() => runs.some((r) => r.projectId === "p2"));
    first.resolve();
    await runner.drain();

    const p1 = runs.filter((r) => r.projectId === "p1").map((r) => r.rowIds);
    expect(p1.map((ids) => ids.length)).toEqual([1, 40, 40, 20]);
    expect(p1.flat()).toEqual(["a", ...waiting.flatMap((id) => [id, `${id}b`])]); // every row once, in emit order
    expect(runs.filter((r) => r.projectId === "p2")).toEqual([{ projectId: "p2", rowIds: ["x"] }]);
  });

  it("coalesces nothing for an idle project: a burst before the first run starts is one run, a later event runs on its own", async () => {
    const runs: string[][] = [];
    const { runner } = setup(async ({ rows }) => {
      runs.push(rows.map((r) => r.id));
      return { opened: 0, updated: 0 };
    });
    runner.emit(ingested("p1", ["a"]));
    runner.emit(ingested("p1", ["b"])); // before the first run started: the same run
    await runner.drain();
    runner.emit(ingested("p1", ["c"]));
    await runner.drain();
    expect(runs).toEqual([["a", "b"], ["c"]]);
  });

  it("retries a failing job with exponential backoff, then logs it once and gives up", async () => {
    let attempts = 0;
    const { runner, delays, failures, logs } = setup(async () => {
      attempts++;
      throw new Error("connection reset");
    });
    runner.emit(ingested("proj_1", ["req_a"]));
    await runner.drain();
    expect(attempts).toBe(4); // retries: 3
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toMatchObject({ level: LEVEL.error, job: "detect-on-ingest", event: "requests/requests.ingested", projectId: "proj_1", attempts: 4, code: "INTERNAL" });
    expect(logs.entries().filter((e) => e.level >= LEVEL.warn)).toHaveLength(1);
  });

  it("succeeds on a retry without logging a failure", async () => {
    let attempts = 0;
    const { runner, delays, failures } = setup(async () => {
      if (++attempts < 3) throw new DomainError("SERVICE_UNAVAILABLE", "The database is unavailable; retry shortly");
      return { opened: 1, updated: 0 };
    });
    runner.emit(ingested("proj_1", ["req_a"]));
    await runner.drain();
    expect(attempts).toBe(3);
    expect(delays).toEqual([1000, 2000]);
    expect(failures()).toEqual([]);
  });

  it("does not retry a 4xx-class failure and logs it as a warning", async () => {
    let attempts = 0;
    const { runner, delays, failures } = setup(async () => {
      attempts++;
      throw new DomainError("NOT_FOUND", "Project not found");
    });
    runner.emit(ingested("proj_gone", ["req_a"]));
    await runner.drain();
    expect(attempts).toBe(1);
    expect(delays).toEqual([]);
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toMatchObject({ level: LEVEL.warn, projectId: "proj_gone", attempts: 1, code: "NOT_FOUND" });
  });

  it("never throws into the emitter, even when the handler throws synchronously", async () => {
    const { runner, failures } = setup((() => {
      throw new Error("synchronous failure");
    }) as unknown as JobHandlers["evaluateIngestRules"]);
    expect(() => runner.emit(ingested("proj_1", ["req_a"]))).not.toThrow();
    await runner.drain();
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toMatchObject({ attempts: 4, err: { message: "synchronous failure" } });
  });

  it("drain waits for queued and running jobs", async () => {
    const gate = deferred();
    let finished = 0;
    const { runner } = setup(async () => {
      await gate.promise;
      finished++;
      return { opened: 0, updated: 0 };
    });
    runner.emit(ingested("proj_1", ["req_a"]));
    runner.emit(ingested("proj_2", ["req_b"]));
    let drained = false;
    const draining = runner.drain().then(() => (drained = true));
    await turns();
    expect(drained).toBe(false);
    gate.resolve();
    await draining;
    expect(finished).toBe(2);
  });

  it("close cuts a retry's wait short, gives the job up, then drops new events with a warning", async () => {
    let attempts = 0;
    const { runner, failures, logs } = setup(
      async () => {
        attempts++;
        throw new Error("still failing");
      },
      // Real waits of a minute: close must not sit them out (the test would time out).
      { backoff: () => 60_000, sleep: undefined },
    );
    runner.emit(ingested("proj_1", ["req_a"]));
    await until(() => attempts === 1);
    await runner.close();
    expect(attempts).toBe(1);
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toMatchObject({ attempts: 1 });

    runner.emit(ingested("proj_1", ["req_b"]));
    await runner.drain();
    expect(attempts).toBe(1);
    expect(logs.entries().filter((e) => e.msg.startsWith("event emitted after the job runner closed"))).toHaveLength(1);
  });

  it("ignores events no job listens to", async () => {
    let calls = 0;
    const { runner, logs } = setup(async () => {
      calls++;
      return { opened: 0, updated: 0 };
    });
    runner.emit({ name: "incident/incident.opened", data: { incidentId: "inc_1", projectId: "proj_1" } });
    await runner.drain();
    expect(calls).toBe(0);
    expect(logs.entries().filter((e) => e.level >= LEVEL.warn)).toEqual([]);
  });
});

describe("every", () => {
  it("runs on its interval, logs a failing tick and goes on, and stops", async () => {
    const { logger, entries } = captureLogs();
    let ticks = 0;
    const schedule = every(
      5,
      () => {
        ticks++;
        if (ticks === 1) throw new Error("tick failed");
      },
      { logger, name: "hourly-detection" },
    );
    await until(() => ticks >= 3);
    await schedule.stop();
    const stoppedAt = ticks;
    await new Promise((r) => setTimeout(r, 30));
    expect(ticks).toBe(stoppedAt);
    expect(entries().filter((e) => e.msg === "scheduled job failed")).toMatchObject([{ schedule: "hourly-detection", err: { message: "tick failed" } }]);
  });

  it("skips a tick while the previous one still runs", async () => {
    const { logger } = captureLogs();
    const gate = deferred();
    let started = 0;
    const schedule = every(
      2,
      async () => {
        started++;
        await gate.promise;
      },
      { logger },
    );
    await until(() => started === 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toBe(1);
    gate.resolve();
    await schedule.stop();
  });

  it("does not keep the process alive (its timer is unref'd)", async () => {
    const { logger } = captureLogs();
    const before = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const schedule = every(60_000, () => undefined, { logger });
    const after = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    await schedule.stop();
    // Active resources count only ref'd timers: an unref'd interval adds none.
    expect(after).toBe(before);
  });

  it("the runner's schedules are stopped by close and their ticks awaited by drain", async () => {
    const { runner } = setup(async () => ({ opened: 0, updated: 0 }));
    const gate = deferred();
    let ticks = 0;
    runner.every(2, async () => {
      ticks++;
      await gate.promise;
    });
    await until(() => ticks === 1);
    let drained = false;
    const draining = runner.drain().then(() => (drained = true));
    await turns();
    expect(drained).toBe(false);
    gate.resolve();
    await draining;
    await runner.close();
    const closedAt = ticks;
    await new Promise((r) => setTimeout(r, 20));
    expect(ticks).toBe(closedAt);
  });
});
