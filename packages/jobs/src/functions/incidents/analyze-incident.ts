import { defineJob, type JobDeps } from "../../job";

/**
 * Issue 9: the root-cause analysis of a new incident, and of one a user asked to analyse again. The
 * service makes the OpenAI attempts (timeouts, backoff, Retry-After) and falls back to the heuristic
 * analysis, so a run fails only when the database does; those runs are retried. Two analyses of one
 * incident never run at once (concurrency per incident).
 */
export function analyzeIncidentOnOpen(deps: JobDeps) {
  return defineJob({
    id: "analyze-incident",
    event: "incident/incident.opened",
    retries: 3,
    concurrency: { limit: 1, key: "incidentId" },
    run: async ({ data, step }) => {
      const analyzed = await step.run("analyze", async () => {
        const rca = (await deps.handlers.analyzeIncident({ app: await deps.getApp(), incidentId: data.incidentId })) as { source?: string };
        return { incidentId: data.incidentId, source: rca?.source ?? null };
      });
      // Issue 10: a new incident's analysis may be applied by itself (off unless the project allows it).
      // Its own step, so a retry of it never runs the analysis (or its OpenAI calls) again.
      const automation = await step.run("automate", async () => deps.handlers.automateRemediation({ app: await deps.getApp(), incidentId: data.incidentId }));
      return { ...analyzed, automation: automation.status };
    },
  });
}

export function analyzeIncidentOnRequest(deps: JobDeps) {
  return defineJob({
    id: "reanalyze-incident",
    event: "incident/rca.requested",
    retries: 3,
    concurrency: { limit: 1, key: "incidentId" },
    run: ({ data, step }) =>
      step.run("analyze", async () => {
        const rca = (await deps.handlers.analyzeIncident({ app: await deps.getApp(), incidentId: data.incidentId, actorId: data.actorId })) as { source?: string };
        return { incidentId: data.incidentId, source: rca?.source ?? null };
      }),
  });
}
