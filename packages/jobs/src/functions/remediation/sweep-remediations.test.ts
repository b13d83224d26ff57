import { InngestTestEngine } from "@inngest/test";
import { DomainError, type App } from "@llmguard/domain";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createInngestClient } from "../../client";
import { loadJobsEnv } from "../../env";
import { toInngestCronFunction } from "../../inngest";
import type { JobHandlers } from "../../job";
import { createJobRuntime, type JobRuntime } from "../../runtime";
import { appToken, captureLogs } from "../../testing/support";
import { sweepRemediations } from "./sweep-remediations";

type Sweep = JobHandlers["sweepRemediations"];

function handlers(sweep: Sweep): JobHandlers {
  return {
    evaluateIngestRules: async () => ({ opened: 0, updated: 0 }),
    analyzeIncident: async () => ({ source: "heuristic" }),
    notifyIncident: async () => ({ results: [] }),
    runHourlyDetection: async () => ({ projects: 0, opened: 0, updated: 0, failed: 0 }),
    sweepRemediations: sweep,
    automateRemediation: async () => ({ status: "disabled" }), processStripeEvent: async () => ({ status: "processed" }), runBillingUsage: async () => ({ accounts: 0, notices: 0, meterEvents: 0, reportedRequests: 0, staleEvents: 0, failed: 0 }),
  };
}

const runtimes: JobRuntime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.close()));
  vi.useRealTimers();
});

describe("sweep-remediations (Inngest cron function)", () => {
  function setup(sweep: Sweep) {
    const inngest = createInngestClient({ env: loadJobsEnv({ INNGEST_DEV: "1" }), logger: captureLogs().logger });
    const app = appToken();
    const calls: App[] = [];
    const fn = toInngestCronFunction(inngest, sweepRemediations({ getApp: async () => app, handlers: handlers((p) => (calls.push(p.app), sweep(p))) }));
    return { fn, app, calls, engine: () => new InngestTestEngine({ function: fn }) };
  }

  it("runs every minute with 2 retries, in the expire-and-verify step", async () => {
    const { fn, engine, calls, app } = setup(async () => ({ expired: 2, judged: 0, rolledBack: 0, failed: 0 }));
    expect(fn.opts.triggers).toEqual([{ cron: "* * * * *" }]);
    expect(fn.opts.retries).toBe(2);
    const { result, error, ctx } = await engine().execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ expired: 2, judged: 0, rolledBack: 0, failed: 0 });
    expect(calls).toEqual([app]);
    expect(ctx.step.run).toHaveBeenCalledWith("expire-and-verify", expect.any(Function));
  });

  it("retries a database outage", async () => {
    const { engine } = setup(async () => {
      throw new DomainError("SERVICE_UNAVAILABLE", "The database is unavailable; retry shortly");
    });
    expect((await engine().executeStep("expire-and-verify")).step.op).toBe("StepError");
  });
});

describe("sweep-remediations (inline schedule)", () => {
  it("runs once a minute after the start-up delay", async () => {
    vi.useFakeTimers({ now: new Date("2026-03-02T10:30:10.000Z") });
    const calls: string[] = [];
    const runtime = createJobRuntime({
      env: loadJobsEnv({}),
      logger: captureLogs().logger,
      getApp: async () => appToken(),
      handlers: handlers(async () => {
        calls.push(new Date().toISOString().slice(11, 16));
        return { expired: 0, judged: 0, rolledBack: 0, failed: 0 };
      }),
    });
    runtimes.push(runtime);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(calls).toEqual(["10:33", "10:34", "10:35", "10:36"]);
  });
});
