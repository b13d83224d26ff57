import type { Inngest } from "inngest";
import { toInngestFunction } from "../inngest";
import type { DomainEventName } from "../events";
import type { AnyJobDefinition, JobDefinition, JobDeps } from "../job";
import { analyzeIncidentOnOpen, analyzeIncidentOnRequest } from "./incidents/analyze-incident";
import { detectOnIngest } from "./incidents/detect-on-ingest";

/**
 * Every background job. Add a job here and both engines run it: Inngest serves it at /api/inngest, the
 * inline runner runs it in-process. (Notifications of `incident/incident.opened` come in a later slice.)
 */
export function createJobs(deps: JobDeps): AnyJobDefinition[] {
  return [detectOnIngest(deps), analyzeIncidentOnOpen(deps), analyzeIncidentOnRequest(deps)];
}

/** The jobs as Inngest functions of one client. */
export function createFunctions(inngest: Inngest.Any, jobs: readonly AnyJobDefinition[]) {
  // TypeScript cannot correlate each job's event with its data across the union; each job is consistent.
  return jobs.map((job) => toInngestFunction(inngest, job as JobDefinition<DomainEventName>));
}
