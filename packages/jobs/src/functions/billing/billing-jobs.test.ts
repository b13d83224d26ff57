import { InngestTestEngine } from "@inngest/test";
import { DomainError, type App } from "@llmguard/domain";
import { afterEach, describe, expect, it } from "vitest";
import { createJobs } from "..";
import { createInngestClient } from "../../client";
import { loadJobsEnv } from "../../env";
import { createInlineRunner, type InlineRunner } from "../../inline";
import { toInngestCronFunction, toInngestFunction } from "../../inngest";
import type { JobHandlers } from "../../job";
import { appToken, captureLogs } from "../../testing/support";
import { billingUsageJob } from "./billing-usage";
import { processStripeEventJob } from "./process-stripe-event";

const SUMMARY = { accounts: 1, notices: 1, meterEvents: 1, reportedRequests: 250, staleEvents: 0, failed: 0 };

function handlers(over: Partial<JobHandlers>): JobHandlers {
  return {
    evaluateIngestRules: async () => ({ opened: 0, updated: 0 }),
    analyzeIncident: async () => ({ source: "heuristic" }),
    notifyIncident: async () => ({ results: [] }),
    runHourlyDetection: async () => ({ projects: 0, opened: 0, updated: 0, failed: 0 }),
    sweepRemediations: async () => ({ expired: 0, judged: 0, rolledBack: 0, failed: 0 }),
    automateRemediation: async () => ({ status: "disabled" }),
    processStripeEvent: async () => ({ status: "processed" }),
    runBillingUsage: async () => SUMMARY,
    ...over,
  };
}

const event = { name: "billing/stripe-event.received" as const, data: { eventId: "evt_1", customerId: "cus_1" } };

const runners: InlineRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

describe("process-stripe-event (Inngest function)", () => {
  function setup(process: JobHandlers["processStripeEvent"]) {
    const inngest = createInngestClient({ env: loadJobsEnv({ INNGEST_DEV: "1" }), logger: captureLogs().logger });
    const app = appToken();
    const calls: { app: App; eventId: string }[] = [];
    const fn = toInngestFunction(inngest, processStripeEventJob({ getApp: async () => app, handlers: handlers({ processStripeEvent: (p) => (calls.push(p), process(p)) }) }));
    return { fn, app, calls, engine: () => new InngestTestEngine({ function: fn }) };
  }

  it("is registered for billing/stripe-event.received with 5 retries, one run at a time per Stripe customer", () => {
    const { fn } = setup(async () => ({ status: "processed" }));
    expect(fn.opts.id).toBe("process-stripe-event");
    expect(fn.opts.retries).toBe(5);
    expect(fn.opts.concurrency).toEqual({ limit: 1, key: "event.data.customerId" });
    expect(fn.opts.triggers).toMatchObject([{ event: "billing/stripe-event.received" }]);
  });

  it("processes the event's stored id in one step", async () => {
    const { engine, calls, app } = setup(async () => ({ status: "processed" }));
    const { result, error, ctx } = await engine().execute({ events: [event] });
    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "processed" });
    expect(calls).toEqual([{ app, eventId: "evt_1" }]);
    expect(ctx.step.run).toHaveBeenCalledWith("process", expect.any(Function));
  });

  it("retries Stripe or the database being unreachable", async () => {
    const { fn } = setup(async () => {
      throw new DomainError("PAYMENT_PROVIDER_ERROR", "Stripe could not read the subscription: timeout");
    });
    expect((await new InngestTestEngine({ function: fn, events: [event] }).executeStep("process")).step.op).toBe("StepError");
  });
});

describe("billing-usage (Inngest cron function)", () => {
  it("runs every minute with 2 retries and returns the handler's summary", async () => {
    const inngest = createInngestClient({ env: loadJobsEnv({ INNGEST_DEV: "1" }), logger: captureLogs().logger });
    const app = appToken();
    const seen: App[] = [];
    const fn = toInngestCronFunction(inngest, billingUsageJob({ getApp: async () => app, handlers: handlers({ runBillingUsage: async (p) => (seen.push(p.app), SUMMARY) }) }));
    expect(fn.opts.triggers).toEqual([{ cron: "* * * * *" }]);
    expect(fn.opts.retries).toBe(2);
    const { result, error } = await new InngestTestEngine({ function: fn }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual(SUMMARY);
    expect(seen).toEqual([app]);
  });
});

describe("billing jobs (inline runner)", () => {
  it("processes each received Stripe event once, in the order received", async () => {
    const processed: string[] = [];
    const runner = createInlineRunner({
      jobs: createJobs({ getApp: async () => appToken(), handlers: handlers({ processStripeEvent: async (p) => (processed.push(p.eventId), { status: "processed" }) }) }),
      logger: captureLogs().logger,
      sleep: async () => undefined,
    });
    runners.push(runner);
    runner.emit(event);
    runner.emit({ ...event, data: { eventId: "evt_2", customerId: "cus_1" } });
    await runner.drain();
    expect(processed).toEqual(["evt_1", "evt_2"]);
  });
});
