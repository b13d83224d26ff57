import type { IngestedRow } from "../../events";
import { defineJob, type JobDeps } from "../../job";

/**
 * Issue 9: evaluate the incident rules over every batch of rows the group commit stored. One run at a
 * time per project (rules read and update that project's open incidents), three retries; a rule
 * evaluation refused for a 4xx-class reason (project gone, invalid input) is not retried.
 *
 * Batched per project (issue 14): a busy project commits a flush every few milliseconds, and each run
 * costs a few queries however many rows it covers (the streak reads, the incident upsert), so the
 * flushes that pile up behind a running evaluation are evaluated together, in one run over all their
 * rows. The rules read their state from the database, so one run over the union of the rows finds what
 * the separate runs would have found.
 */
export function detectOnIngest(deps: JobDeps) {
  return defineJob({
    id: "detect-on-ingest",
    event: "requests/requests.ingested",
    retries: 3,
    concurrency: { limit: 1, key: "projectId" },
    batch: { maxEvents: 100, timeout: "1s", key: "projectId" },
    run: ({ events, step }) =>
      step.run("evaluate-rules", async () => {
        const app = await deps.getApp();
        // The batch key is the project, so a run holds one project's events; grouped anyway, so that no
        // row is ever evaluated against another project's incidents.
        const byProject = new Map<string, IngestedRow[]>();
        for (const e of events) {
          const rows = byProject.get(e.projectId);
          if (rows) rows.push(...e.rows);
          else byProject.set(e.projectId, [...e.rows]);
        }
        const total = { opened: 0, updated: 0 };
        for (const [projectId, rows] of byProject) {
          const r = await deps.handlers.evaluateIngestRules({ app, projectId, rows });
          total.opened += r.opened;
          total.updated += r.updated;
        }
        return total;
      }),
  });
}
