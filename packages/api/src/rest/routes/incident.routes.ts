import {
  AnalysisQueuedSchema,
  changeIncidentStatus,
  CreateIncidentInputSchema,
  createManualIncident,
  getIncident,
  IncidentDetailSchema,
  IncidentPageSchema,
  IncidentRefSchema,
  IncidentSchema,
  IncidentStatusChangeInputSchema,
  listIncidents,
  ListIncidentsInputSchema,
  requestAnalysis,
} from "@llmguard/domain";
import { defineRoute } from "../define-route";

const statusChange = (action: "acknowledge" | "resolve" | "reopen", summary: string) =>
  defineRoute({
    method: "POST", path: `/api/v1/incidents/{incidentId}/${action}`, tag: "Incidents", summary, auth: "user",
    input: IncidentStatusChangeInputSchema, output: IncidentSchema, errors: ["NOT_FOUND", "FORBIDDEN", "CONFLICT"],
    handler: ({ app, user, input, meta }) => changeIncidentStatus({ app, userId: user.userId, incidentId: input.incidentId, note: input.note, action, ip: meta.ip }),
  });

/** Incidents (issue 9): bearer access token or dashboard session; viewers read, developers and above change. */
export const incidentRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/incidents", tag: "Incidents", auth: "user",
    summary: "A project's incidents, newest first (?status=&severity=&trigger=&limit=&cursor=)",
    input: ListIncidentsInputSchema, output: IncidentPageSchema, errors: ["NOT_FOUND"],
    handler: ({ app, user, input }) => listIncidents({ app, userId: user.userId, input }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/projects/{projectId}/incidents", tag: "Incidents", auth: "user", status: 201,
    summary: "Open an incident by hand (developers and above)",
    input: CreateIncidentInputSchema, output: IncidentSchema, errors: ["NOT_FOUND", "FORBIDDEN"],
    handler: ({ app, user, input, meta }) => createManualIncident({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/incidents/{incidentId}", tag: "Incidents", auth: "user",
    summary: "One incident with its evidence, root-cause analysis (null while pending), related requests and timeline",
    input: IncidentRefSchema, output: IncidentDetailSchema, errors: ["NOT_FOUND"],
    handler: ({ app, user, input }) => getIncident({ app, userId: user.userId, incidentId: input.incidentId }),
  }),
  statusChange("acknowledge", "Acknowledge an open incident"),
  statusChange("resolve", "Resolve an incident (sets resolvedAt and who), with an optional note"),
  statusChange("reopen", "Reopen a resolved or mitigated incident"),
  defineRoute({
    method: "POST", path: "/api/v1/incidents/{incidentId}/rca", tag: "Incidents", auth: "user", status: 202,
    summary: "Run the root-cause analysis again (developers and above); it is stored on the incident when done",
    input: IncidentRefSchema, output: AnalysisQueuedSchema, errors: ["NOT_FOUND", "FORBIDDEN"],
    handler: ({ app, user, input }) => requestAnalysis({ app, userId: user.userId, incidentId: input.incidentId }),
  }),
];
