import { defineJob, type JobDeps } from "../../job";

/**
 * Issue 9: evaluate the incident rules over every batch of rows the group commit stored. One run at a
 * time per project (rules read and update that project's open incidents), three retries; a rule
 * evaluation refused for a 4xx-class reason (project gone, invalid input) is not retried.
 */
export function detectOnIngest(deps: JobDeps) {
  return defineJob({
    id: "detect-on-ingest",
    event: "requests/requests.ingested",
    retries: 3,
    concurrency: { limit: 1, key: "projectId" },
    run: ({ data, step }) =>
      step.run("evaluate-rules", async () => {
        const app = await deps.getApp();
        return deps.handlers.evaluateIngestRules({ app, projectId: data.projectId, rows: data.rows });
      }),
  });
}
