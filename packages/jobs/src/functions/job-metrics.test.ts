import { createMetrics, DomainError, type Metrics } from "@llmguard/domain";
import { afterEach, describe, expect, it } from "vitest";
import { createInlineRunner, type InlineRunner } from "../inline";
import type { JobHandlers } from "../job";
import { appToken, captureLogs, ingested } from "../testing/support";
import { createJobs } from ".";

const runners: InlineRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

/** The value of a counter for one job id (0 when that job never ran). */
async function countFor(counter: Metrics["jobRuns"], job: string): Promise<number> {
  const { values } = await counter.get();
  return values.find((v) => v.labels.job === job)?.value ?? 0;
}

const quiet: Omit<JobHandlers, "evaluateIngestRules"> = {
  analyzeIncident: async () => ({ source: "heuristic" }),
  runHourlyDetection: async () => ({ projects: 0, opened: 0, updated: 0, failed: 0 }),
  sweepRemediations: async () => ({ expired: 0, judged: 0, rolledBack: 0, failed: 0 }),
  automateRemediation: async () => ({ status: "disabled" }),
  processStripeEvent: async () => ({ status: "processed" }),
  runBillingUsage: async () => ({ accounts: 0, notices: 0, meterEvents: 0, reportedRequests: 0, staleEvents: 0, failed: 0 }),
  notifyIncident: async () => ({ results: [] }),
};

describe("job metrics (/metrics: llmguard_job_runs_total, llmguard_job_failures_total)", () => {
  it("counts every finished attempt as a run and every failed attempt as a failure, by job id", async () => {
    const metrics = createMetrics({ processMetrics: false });
    let calls = 0;
    const evaluateIngestRules: JobHandlers["evaluateIngestRules"] = async ({ projectId }) => {
      calls++;
      // p-flaky: a 5xx-class failure once, then success (retried); p-bad: a 4xx-class failure (not retried).
      if (projectId === "p-flaky" && calls === 1) throw new Error("transient");
      if (projectId === "p-bad") throw new DomainError("VALIDATION_FAILED", "bad rows");
      return { opened: 0, updated: 0 };
    };
    const runner = createInlineRunner({
      jobs: createJobs({ getApp: async () => appToken(), handlers: { ...quiet, evaluateIngestRules }, metrics }),
      logger: captureLogs().logger,
      sleep: async () => undefined,
    });
    runners.push(runner);

    runner.emit(ingested("p-flaky", ["r1"]));
    await runner.drain();
    expect(await countFor(metrics.jobRuns, "detect-on-ingest")).toBe(2);
    expect(await countFor(metrics.jobFailures, "detect-on-ingest")).toBe(1);

    runner.emit(ingested("p-bad", ["r2"]));
    runner.emit(ingested("p-ok", ["r3"]));
    await runner.drain();
    expect(await countFor(metrics.jobRuns, "detect-on-ingest")).toBe(4);
    expect(await countFor(metrics.jobFailures, "detect-on-ingest")).toBe(2);
    // Other jobs did not run and are not counted.
    expect(await countFor(metrics.jobRuns, "analyze-incident")).toBe(0);
    const text = await metrics.registry.metrics();
    expect(text).toContain('llmguard_job_runs_total{job="detect-on-ingest"} 4');
    expect(text).toContain('llmguard_job_failures_total{job="detect-on-ingest"} 2');
  });
});
