import { InngestTestEngine } from "@inngest/test";
import { DomainError, type App } from "@llmguard/domain";
import { describe, expect, it } from "vitest";
import { createInngestClient } from "../../client";
import { loadJobsEnv } from "../../env";
import { toInngestFunction } from "../../inngest";
import type { JobHandlers } from "../../job";
import { appToken, captureLogs, ingested } from "../../testing/support";
import { detectOnIngest } from "./detect-on-ingest";

type Call = { app: App; projectId: string; rowIds: string[] };

/** The Inngest function with an injected evaluateIngestRules; one test engine per test (ENVIRONMENT.md). */
function setup(evaluate: JobHandlers["evaluateIngestRules"]) {
  const { logger } = captureLogs();
  const inngest = createInngestClient({ env: loadJobsEnv({ INNGEST_DEV: "1" }), logger });
  const app = appToken();
  const calls: Call[] = [];
  const fn = toInngestFunction(
    inngest,
    detectOnIngest({
      getApp: async () => app,
      handlers: {
        evaluateIngestRules: (params) => {
          calls.push({ app: params.app, projectId: params.projectId, rowIds: params.rows.map((r) => r.id) });
          return evaluate(params);
        },
        analyzeIncident: async () => ({ source: "heuristic" }),
        runHourlyDetection: async () => ({ projects: 0, opened: 0, updated: 0, failed: 0 }), sweepRemediations: async () => ({ expired: 0, judged: 0, rolledBack: 0, failed: 0 }), automateRemediation: async () => ({ status: "disabled" }), processStripeEvent: async () => ({ status: "processed" }), runBillingUsage: async () => ({ accounts: 0, notices: 0, meterEvents: 0, reportedRequests: 0, staleEvents: 0, failed: 0 }),
        notifyIncident: async () => ({ results: [] }),
      },
    }),
  );
  return { fn, app, calls, engine: () => new InngestTestEngine({ function: fn }) };
}

const event = ingested("proj_1", ["req_a", "req_b"]);

describe("detect-on-ingest (Inngest function)", () => {
  it("is registered for requests/requests.ingested with 3 retries and one run at a time per project", () => {
    const { fn } = setup(async () => ({ opened: 0, updated: 0 }));
    expect(fn.opts.id).toBe("detect-on-ingest");
    expect(fn.opts.retries).toBe(3);
    expect(fn.opts.concurrency).toEqual({ limit: 1, key: "event.data.projectId" });
    expect(fn.opts.batchEvents).toBeUndefined(); // no Inngest batch timeout in front of detection
    expect(fn.opts.triggers).toMatchObject([{ event: "requests/requests.ingested" }]);
  });

  it("evaluates the rules in the evaluate-rules step with the event's project and rows and the App", async () => {
    const { engine, calls, app } = setup(async () => ({ opened: 1, updated: 2 }));
    const { result, error, ctx } = await engine().execute({ events: [event] });
    expect(error).toBeUndefined();
    expect(result).toEqual({ opened: 1, updated: 2 });
    expect(calls).toEqual([{ app, projectId: "proj_1", rowIds: ["req_a", "req_b"] }]);
    expect(ctx.step.run).toHaveBeenCalledWith("evaluate-rules", expect.any(Function));
  });

  it("turns a 4xx DomainError into a NonRetriableError: the step fails for good", async () => {
    const { engine } = setup(async () => {
      throw new DomainError("NOT_FOUND", "Project not found");
    });
    const { step, error } = await engine().executeStep("evaluate-rules", { events: [event] });
    expect(step.op).toBe("StepFailed");
    expect(error).toMatchObject({ name: "NonRetriableError", message: "NOT_FOUND: Project not found" });

    const run = await engine().execute({ events: [event] });
    expect(run.error).toMatchObject({ name: "NonRetriableError" });
  });

  it("leaves a 5xx failure retriable: Inngest retries the step", async () => {
    const { engine } = setup(async () => {
      throw new DomainError("SERVICE_UNAVAILABLE", "The database is unavailable; retry shortly");
    });
    const { step, error } = await engine().executeStep("evaluate-rules", { events: [event] });
    expect(step.op).toBe("StepError");
    expect(error).toMatchObject({ name: "DomainError", message: "The database is unavailable; retry shortly" });
  });

  it("leaves an unknown error retriable", async () => {
    const { engine } = setup(async () => {
      throw new TypeError("cannot read properties of undefined");
    });
    const { step, error } = await engine().executeStep("evaluate-rules", { events: [event] });
    expect(step.op).toBe("StepError");
    expect(error).toMatchObject({ name: "TypeError" });
  });
});
