import { getMetrics, type Metrics } from "@llmguard/domain";
import type { Inngest } from "inngest";
import { toInngestCronFunction, toInngestFunction } from "../inngest";
import type { DomainEventName } from "../events";
import { isCronJob, type AnyJobDefinition, type JobDefinition, type JobDeps } from "../job";
import { analyzeIncidentOnOpen, analyzeIncidentOnRequest } from "./incidents/analyze-incident";
import { detectHourly } from "./incidents/detect-hourly";
import { detectOnIngest } from "./incidents/detect-on-ingest";
import { notifyIncidentOnOpen } from "./incidents/notify-incident";
import { sweepRemediations } from "./remediation/sweep-remediations";
import { billingUsageJob } from "./billing/billing-usage";
import { processStripeEventJob } from "./billing/process-stripe-event";

/**
 * Every background job. Add a job here and both engines run it: Inngest serves it at /api/inngest, the
 * inline runner runs it in-process.
 */
export function createJobs(deps: JobDeps & { metrics?: Metrics }): AnyJobDefinition[] {
  const jobs = [detectOnIngest(deps), analyzeIncidentOnOpen(deps), analyzeIncidentOnRequest(deps), detectHourly(deps), notifyIncidentOnOpen(deps), sweepRemediations(deps), processStripeEventJob(deps), billingUsageJob(deps)];
  const metrics = deps.metrics ?? getMetrics();
  return jobs.map((job) => countRuns(job, metrics));
}

/**
 * The job with its attempts counted for /metrics (runs and failures by job id), whichever engine runs it.
 * The inline runner calls `run` once per attempt. Inngest re-enters the function once per step, replaying the
 * memoized ones; an entry that stops at a new step does not settle, so only finished attempts are counted
 * (the inline engine is what the tests exercise).
 */
export function countRuns<J extends AnyJobDefinition>(job: J, metrics: Metrics): J {
  const run = job.run as (ctx: unknown) => Promise<unknown>;
  const labels = { job: job.id };
  const counted = async (ctx: unknown) => {
    try {
      return await run(ctx);
    } catch (err) {
      metrics.jobFailures.inc(labels);
      throw err;
    } finally {
      metrics.jobRuns.inc(labels);
    }
  };
  return { ...job, run: counted } as J;
}

/** The jobs as Inngest functions of one client. */
export function createFunctions(inngest: Inngest.Any, jobs: readonly AnyJobDefinition[]) {
  // TypeScript cannot correlate each job's event with its data across the union; each job is consistent.
  return jobs.map((job) => (isCronJob(job) ? toInngestCronFunction(inngest, job) : toInngestFunction(inngest, job as JobDefinition<DomainEventName>)));
}
