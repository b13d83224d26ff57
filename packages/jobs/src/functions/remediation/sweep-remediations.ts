import { defineCronJob, type JobDeps } from "../../job";

/**
 * Issue 10: every minute, the temporary remediations whose time is up are rolled back (a new config
 * version each) and the ones whose watch ended are judged. Durable by construction: the database holds
 * what is due, so a run after a restart or an outage catches up on everything it missed. The rules
 * themselves carry `expiresAt`, so the SDK and the server stop enforcing at the exact time; the sweep
 * writes the version that makes the config say so.
 */
export function sweepRemediations(deps: JobDeps) {
  return defineCronJob({
    id: "sweep-remediations",
    cron: "* * * * *",
    retries: 2,
    run: ({ step }) =>
      step.run("expire-and-verify", async () => {
        const app = await deps.getApp();
        return deps.handlers.sweepRemediations({ app });
      }),
  });
}
