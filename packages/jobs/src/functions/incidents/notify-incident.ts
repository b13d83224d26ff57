import { describeError, NOTIFICATION_CHANNELS } from "@llmguard/domain";
import { defineJob, isNonRetriable, type JobDeps } from "../../job";

/**
 * Issue 9: tells the team about a new incident — e-mail, Slack, signed webhook, each when the incident
 * meets the channel's minimum severity (the domain decides; a channel below it or switched off answers
 * "skipped" at once). One step per channel, run side by side: under Inngest each is retried on its own and
 * memoized, so a failing Slack neither resends the e-mail nor holds up the webhook; the inline runner
 * re-runs the whole job, and the domain skips channels whose outcome is already final (on the timeline).
 *
 * When a channel fails, the job fails after the others settled, with a retryable failure first (5xx,
 * timeouts: retried; a 4xx answer or a refused URL: not). Runs independently of the root-cause analysis
 * (same event): a notification includes the analysis when it is already stored, and never waits for it.
 */
export function notifyIncidentOnOpen(deps: JobDeps) {
  return defineJob({
    id: "notify-incident",
    event: "incident/incident.opened",
    retries: 5,
    concurrency: { limit: 1, key: "incidentId" },
    run: async ({ data, step }) => {
      const settled = await Promise.allSettled(
        NOTIFICATION_CHANNELS.map((channel) =>
          step.run(`notify-${channel}`, async () => {
            const res = (await deps.handlers.notifyIncident({ app: await deps.getApp(), incidentId: data.incidentId, channel })) as { results?: { outcome?: string }[] } | null;
            return { channel, outcome: res?.results?.[0]?.outcome ?? null };
          }),
        ),
      );
      const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
      if (failures.length > 0) throw failures.find((e) => !isNonRetriable(e) && describeError(e).status >= 500) ?? failures[0];
      return { incidentId: data.incidentId, channels: settled.map((s) => (s.status === "fulfilled" ? s.value : null)) };
    },
  });
}
