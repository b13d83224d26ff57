import { defineCronJob, type JobDeps } from "../../job";

/**
 * Issue 11: every minute, usage e-mails at 80% and 100% of the plan's volume and Pro's overage reported
 * to Stripe's Billing Meter in one batch per account (idempotent: the meter event's identifier names the
 * total reported). Also processes Stripe events whose job was lost.
 */
export function billingUsageJob(deps: JobDeps) {
  return defineCronJob({
    id: "billing-usage",
    cron: "* * * * *",
    retries: 2,
    run: ({ step }) => step.run("notices-and-overage", async () => deps.handlers.runBillingUsage({ app: await deps.getApp() })),
  });
}
