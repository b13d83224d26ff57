import type { IngestedRow } from "../../events";
import { defineJob, type JobDeps } from "../../job";

/**
 * Issue 9: evaluate the incident rules over every batch of rows the group commit stored. One run at a
 * time per project (rules read and update that project's open incidents), three retries; a rule
 * evaluation refused for a 4xx-class reason (project gone, invalid input) is not retried.
 *
 * Coalesced per project on the inline engine (issue 14): when evaluations fall behind (a slow database),
 * the events that wait behind a project's running evaluation are evaluated together in its next run, so
 * the backlog stays one run per project instead of growing with every event. The rules read their state
 * from the database, so one run over the union of the rows opens what separate runs would have opened;
 * it counts one occurrence per incident where separate runs would each have counted one, so occurrence
 * counts (and their timeline entries at 2, 4, 8, ...) depend on load.
 * (The ingest side already sends at most one event per project per 250 ms: IngestEventBuffer.)
 */
export function detectOnIngest(deps: JobDeps) {
  return defineJob({
    id: "detect-on-ingest",
    event: "requests/requests.ingested",
    retries: 3,
    concurrency: { limit: 1, key: "projectId" },
    // 20 events of at most 1,000 rows each (IngestEventBuffer): a run stays a bounded amount of work.
    coalesce: { maxEvents: 20 },
    run: ({ events, step }) =>
      step.run("evaluate-rules", async () => {
        const app = await deps.getApp();
        // The coalescing key is the project, so a run holds one project's events; grouped anyway, so that no
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
