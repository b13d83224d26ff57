import { DomainError } from "@llmguard/domain";
import { afterEach, describe, expect, it } from "vitest";
import { createJobs } from "..";
import { createInlineRunner, type InlineRunner } from "../../inline";
import { appToken, captureLogs, until } from "../../testing/support";

const runners: InlineRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

function setup(analyze: (p: { incidentId: string; actorId?: string | null }) => Promise<unknown>, automate: (p: { incidentId: string }) => Promise<{ status: string }> = async () => ({ status: "disabled" })) {
  const logs = captureLogs();
  const app = appToken();
  const runner = createInlineRunner({
    jobs: createJobs({ getApp: async () => app, handlers: { evaluateIngestRules: async () => ({ opened: 0, updated: 0 }), analyzeIncident: (p) => analyze(p), runHourlyDetection: async () => ({ projects: 0, opened: 0, updated: 0, failed: 0 }), sweepRemediations: async () => ({ expired: 0, judged: 0, rolledBack: 0, failed: 0 }), automateRemediation: (p) => automate(p), processStripeEvent: async () => ({ status: "processed" }), runBillingUsage: async () => ({ accounts: 0, notices: 0, meterEvents: 0, reportedRequests: 0, staleEvents: 0, failed: 0 }), notifyIncident: async () => ({ results: [] }) } }),
    logger: logs.logger,
    sleep: async () => undefined,
  });
  runners.push(runner);
  return { runner, logs };
}

describe("analyze-incident and reanalyze-incident", () => {
  it("analyses a new incident, and again with the requesting user as actor", async () => {
    const calls: { incidentId: string; actorId: string | null }[] = [];
    const { runner } = setup(async (p) => {
      calls.push({ incidentId: p.incidentId, actorId: p.actorId ?? null });
      return { source: "heuristic" };
    });
    runner.emit({ name: "incident/incident.opened", data: { incidentId: "i-1", projectId: "p-1" } });
    runner.emit({ name: "incident/rca.requested", data: { incidentId: "i-1", projectId: "p-1", actorId: "u-9" } });
    await runner.drain();
    expect(calls).toEqual([
      { incidentId: "i-1", actorId: null },
      { incidentId: "i-1", actorId: "u-9" },
    ]);
  });

  it("retries a run that failed on the database, and gives up at once on a 4xx (incident gone)", async () => {
    let attempts = 0;
    const { runner } = setup(async (p) => {
      attempts++;
      if (p.incidentId === "gone") throw new DomainError("NOT_FOUND", "Incident not found");
      if (attempts < 3) throw new DomainError("SERVICE_UNAVAILABLE", "The database is unavailable; retry shortly");
      return { source: "openai" };
    });
    runner.emit({ name: "incident/incident.opened", data: { incidentId: "flaky", projectId: "p-1" } });
    await until(() => attempts >= 3);
    await runner.drain();
    expect(attempts).toBe(3);
    attempts = 0;
    runner.emit({ name: "incident/incident.opened", data: { incidentId: "gone", projectId: "p-1" } });
    await runner.drain();
    expect(attempts).toBe(1);
  });

  it("offers a new incident's analysis to automation once it is stored, and never a re-analysis", async () => {
    const order: string[] = [];
    const { runner } = setup(
      async (p) => {
        order.push(`analyze ${p.incidentId}`);
        return { source: "heuristic" };
      },
      async (p) => {
        order.push(`automate ${p.incidentId}`);
        return { status: "applied" };
      },
    );
    runner.emit({ name: "incident/incident.opened", data: { incidentId: "i-2", projectId: "p-1" } });
    await runner.drain();
    runner.emit({ name: "incident/rca.requested", data: { incidentId: "i-2", projectId: "p-1", actorId: "u-1" } });
    await runner.drain();
    expect(order).toEqual(["analyze i-2", "automate i-2", "analyze i-2"]);
  });
});
