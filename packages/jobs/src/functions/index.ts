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
export function createJobs(deps: JobDeps): AnyJobDefinition[] {
  return [detectOnIngest(deps), analyzeIncidentOnOpen(deps), analyzeIncidentOnRequest(deps), detectHourly(deps), notifyIncidentOnOpen(deps), sweepRemediations(deps), processStripeEventJob(deps), billingUsageJob(deps)];
}

/** The jobs as Inngest functions of one client. */
export function createFunctions(inngest: Inngest.Any, jobs: readonly AnyJobDefinition[]) {
  // TypeScript cannot correlate each job's event with its data across the union; each job is consistent.
  return jobs.map((job) => (isCronJob(job) ? toInngestCronFunction(inngest, job) : toInngestFunction(inngest, job as JobDefinition<DomainEventName>)));
}
