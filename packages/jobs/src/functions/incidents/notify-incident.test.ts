import { InngestTestEngine } from "@inngest/test";
import { DomainError, type App, type NotificationChannel } from "@llmguard/domain";
import { afterEach, describe, expect, it } from "vitest";
import { createJobs } from "..";
import { createInngestClient } from "../../client";
import { loadJobsEnv } from "../../env";
import { createInlineRunner, type InlineRunner } from "../../inline";
import { toInngestFunction } from "../../inngest";
import type { JobHandlers } from "../../job";
import { appToken, captureLogs, LEVEL } from "../../testing/support";
import { notifyIncidentOnOpen } from "./notify-incident";

/**
 * notify-incident with an injected notifyIncident (the domain's own tests deliver to real receivers and
 * check the timeline: packages/domain/src/notifications/notification.service.int.test.ts). Here: one step
 * per channel, what is retried and what is not, on both engines.
 */
type Call = { app: App; incidentId: string; channel: NotificationChannel | undefined };
type Notify = (p: { incidentId: string; channel?: NotificationChannel }) => Promise<unknown>;

const event = { name: "incident/incident.opened" as const, data: { incidentId: "inc-1", projectId: "proj-1" } };
const delivered = (channel: NotificationChannel) => ({ incidentId: "inc-1", results: [{ channel, outcome: "delivered" }] });
const unavailable = (what: string) => new DomainError("SERVICE_UNAVAILABLE", `${what} answered HTTP 500`);
const refused = (what: string) => new DomainError("VALIDATION_FAILED", `${what} refused the notification (HTTP 404)`);

function handlers(notify: Notify, calls: Call[]): JobHandlers {
  return {
    evaluateIngestRules: async () => ({ opened: 0, updated: 0 }),
    analyzeIncident: async () => ({ source: "heuristic" }),
    runHourlyDetection: async () => ({ projects: 0, opened: 0, updated: 0, failed: 0 }), sweepRemediations: async () => ({ expired: 0, judged: 0, rolledBack: 0, failed: 0 }), automateRemediation: async () => ({ status: "disabled" }), processStripeEvent: async () => ({ status: "processed" }), runBillingUsage: async () => ({ accounts: 0, notices: 0, meterEvents: 0, reportedRequests: 0, staleEvents: 0, failed: 0 }),
    notifyIncident: (p) => {
      calls.push({ app: p.app, incidentId: p.incidentId, channel: p.channel });
      return notify(p);
    },
  };
}

const channelsOf = (calls: Call[]) => calls.map((c) => c.channel);

/** Steps Inngest already ran in an earlier attempt (their results are replayed, their code is not run). */
const memoized = (...channels: NotificationChannel[]) => channels.map((channel) => ({ id: `notify-${channel}`, handler: () => ({ channel, outcome: "delivered" }) }));

describe("notify-incident (Inngest function)", () => {
  function setup(notify: Notify) {
    const { logger } = captureLogs();
    const inngest = createInngestClient({ env: loadJobsEnv({ INNGEST_DEV: "1" }), logger });
    const app = appToken();
    const calls: Call[] = [];
    const fn = toInngestFunction(inngest, notifyIncidentOnOpen({ getApp: async () => app, handlers: handlers(notify, calls) }));
    return { fn, app, calls, engine: () => new InngestTestEngine({ function: fn }) };
  }

  it("is registered for incident/incident.opened with 5 retries and one run at a time per incident", () => {
    const { fn } = setup(async () => null);
    expect(fn.opts.id).toBe("notify-incident");
    expect(fn.opts.retries).toBe(5);
    expect(fn.opts.concurrency).toEqual({ limit: 1, key: "event.data.incidentId" });
    expect(fn.opts.triggers).toMatchObject([{ event: "incident/incident.opened" }]);
  });

  it("notifies each channel in its own step, with the event's incident and the App", async () => {
    const { engine, calls, app } = setup(async (p) => delivered(p.channel!));
    const { result, error, ctx } = await engine().execute({ events: [event] });
    expect(error).toBeUndefined();
    expect(result).toEqual({
      incidentId: "inc-1",
      channels: [
        { channel: "email", outcome: "delivered" },
        { channel: "slack", outcome: "delivered" },
        { channel: "webhook", outcome: "delivered" },
      ],
    });
    expect(calls.map((c) => c.channel).sort()).toEqual(["email", "slack", "webhook"]);
    expect(calls.every((c) => c.app === app && c.incidentId === "inc-1")).toBe(true);
    for (const id of ["notify-email", "notify-slack", "notify-webhook"]) expect(ctx.step.run).toHaveBeenCalledWith(id, expect.any(Function));
  });

  it("a channel whose receiver fails with a 5xx is retried by Inngest as a step error", async () => {
    const { engine } = setup(async (p) => {
      if (p.channel === "slack") throw unavailable("Slack");
      return delivered(p.channel!);
    });
    const { step, error } = await engine().executeStep("notify-slack", { events: [event], steps: memoized("email", "webhook") });
    expect(step.op).toBe("StepError");
    expect(error).toMatchObject({ name: "DomainError", message: "Slack answered HTTP 500" });
  });

  it("a channel whose receiver answers 4xx fails for good (NonRetriableError)", async () => {
    const { engine } = setup(async (p) => {
      if (p.channel === "webhook") throw refused("The webhook receiver");
      return delivered(p.channel!);
    });
    const { step, error } = await engine().executeStep("notify-webhook", { events: [event], steps: memoized("email", "slack") });
    expect(step.op).toBe("StepFailed");
    expect(error).toMatchObject({ name: "NonRetriableError", message: "VALIDATION_FAILED: The webhook receiver refused the notification (HTTP 404)" });
  });

  it("a retry does not run a channel whose step already succeeded (memoized): the e-mail is not sent again", async () => {
    const { engine, calls } = setup(async (p) => delivered(p.channel!));
    const { error } = await engine().execute({ events: [event], steps: memoized("email") });
    expect(error).toBeUndefined();
    expect(channelsOf(calls).sort()).toEqual(["slack", "webhook"]);
  });
});

describe("notify-incident (inline runner)", () => {
  const runners: InlineRunner[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.close()));
  });

  function setup(notify: Notify) {
    const logs = captureLogs();
    const calls: Call[] = [];
    const delays: number[] = [];
    const runner = createInlineRunner({
      jobs: createJobs({ getApp: async () => appToken(), handlers: handlers(notify, calls) }).filter((j) => j.id === "notify-incident"),
      logger: logs.logger,
      sleep: async (ms) => void delays.push(ms),
    });
    runners.push(runner);
    const failures = () => logs.entries().filter((e) => e.msg === "background job failed");
    return { runner, calls, delays, failures };
  }

  it("retries a channel whose receiver answered 500, then delivers it", async () => {
    let slackAttempts = 0;
    const { runner, calls, delays, failures } = setup(async (p) => {
      if (p.channel === "slack" && ++slackAttempts === 1) throw unavailable("Slack");
      return delivered(p.channel!);
    });
    runner.emit(event);
    await runner.drain();
    expect(slackAttempts).toBe(2);
    expect(delays).toEqual([1000]);
    expect(failures()).toEqual([]);
    // the whole job ran twice; the domain answers "already_done" for channels delivered the first time
    expect(channelsOf(calls).filter((c) => c === "email")).toHaveLength(2);
  });

  it("does not retry a 4xx, and logs the job failure once as a warning", async () => {
    const { runner, calls, delays, failures } = setup(async (p) => {
      if (p.channel === "slack") throw refused("Slack");
      return delivered(p.channel!);
    });
    runner.emit(event);
    await runner.drain();
    expect(channelsOf(calls).sort()).toEqual(["email", "slack", "webhook"]);
    expect(delays).toEqual([]);
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toMatchObject({ level: LEVEL.warn, job: "notify-incident", incidentId: "inc-1", attempts: 1, code: "VALIDATION_FAILED" });
  });

  it("retries when one channel failed with a 4xx and another with a 5xx (the 5xx decides)", async () => {
    let hookAttempts = 0;
    const { runner, delays, failures } = setup(async (p) => {
      if (p.channel === "slack") throw refused("Slack");
      if (p.channel === "webhook" && ++hookAttempts < 3) throw unavailable("The webhook receiver");
      return delivered(p.channel!);
    });
    runner.emit(event);
    await runner.drain();
    expect(hookAttempts).toBe(3);
    expect(delays).toEqual([1000, 2000]);
    // the third run ends with Slack's 4xx alone: given up without another retry
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toMatchObject({ level: LEVEL.warn, attempts: 3, code: "VALIDATION_FAILED" });
  });

  it("gives up after 6 attempts (retries: 5) when a receiver keeps failing", async () => {
    let attempts = 0;
    const { runner, delays, failures } = setup(async (p) => {
      if (p.channel === "webhook") {
        attempts++;
        throw unavailable("The webhook receiver");
      }
      return delivered(p.channel!);
    });
    runner.emit(event);
    await runner.drain();
    expect(attempts).toBe(6);
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toMatchObject({ attempts: 6, code: "SERVICE_UNAVAILABLE" });
  });
});
