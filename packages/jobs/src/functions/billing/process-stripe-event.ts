import { defineJob, type JobDeps } from "../../job";

/**
 * Issue 11: one stored Stripe webhook event, processed (the account follows the subscription as Stripe
 * holds it). One customer's events run one at a time, so two events of one subscription never race;
 * a failure (Stripe or the database unreachable) is retried, and a processed event is never processed again.
 */
export function processStripeEventJob(deps: JobDeps) {
  return defineJob({
    id: "process-stripe-event",
    event: "billing/stripe-event.received",
    retries: 5,
    concurrency: { limit: 1, key: "customerId" },
    run: ({ data, step }) => step.run("process", async () => deps.handlers.processStripeEvent({ app: await deps.getApp(), eventId: data.eventId })),
  });
}
