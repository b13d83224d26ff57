import { defineCronJob, type JobDeps } from "../../job";

/**
 * Issue 9: the hourly statistical detection over every active project. Five minutes past each hour
 * (UTC), so the previous hour is complete and rows still in the ingest pipeline have reached its rollup;
 * inline, the runtime follows the same cadence (schedule.ts). Two retries: a database outage is retried,
 * a pass that fails for good is logged and the next hour runs anyway.
 */
export function detectHourly(deps: JobDeps) {
  return defineCronJob({
    id: "detect-hourly",
    cron: "5 * * * *",
    retries: 2,
    run: ({ step }) =>
      step.run("detect-anomalies", async () => {
        const app = await deps.getApp();
        return deps.handlers.runHourlyDetection({ app });
      }),
  });
}
