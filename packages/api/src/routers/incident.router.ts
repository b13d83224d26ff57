import {
  changeIncidentStatus,
  countOpenIncidents,
  CreateIncidentInputSchema,
  createManualIncident,
  getIncident,
  IncidentDetailSchema,
  IncidentPageSchema,
  IncidentSchema,
  IncidentStatusChangeInputSchema,
  listIncidents,
  ListIncidentsInputSchema,
  OpenIncidentCountsSchema,
  ProjectRefSchema,
  IncidentRefSchema,
  AnalysisQueuedSchema,
  requestAnalysis,
  runDetection,
  RunDetectionInputSchema,
  DetectionRunResultSchema,
} from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

/** Incidents (issue 9): the same schemas and services as the REST routes in rest/incident-routes.ts. */
export const incidentRouter = router({
  list: authedProcedure
    .input(ListIncidentsInputSchema)
    .output(IncidentPageSchema)
    .query(({ ctx, input }) => listIncidents({ app: ctx.app, userId: ctx.user.userId, input })),
  countOpen: authedProcedure
    .input(ProjectRefSchema)
    .output(OpenIncidentCountsSchema)
    .query(({ ctx, input }) => countOpenIncidents({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
  byId: authedProcedure
    .input(IncidentRefSchema)
    .output(IncidentDetailSchema)
    .query(({ ctx, input }) => getIncident({ app: ctx.app, userId: ctx.user.userId, incidentId: input.incidentId })),
  create: authedProcedure
    .input(CreateIncidentInputSchema)
    .output(IncidentSchema)
    .mutation(({ ctx, input }) => createManualIncident({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  acknowledge: authedProcedure
    .input(IncidentStatusChangeInputSchema)
    .output(IncidentSchema)
    .mutation(({ ctx, input }) => changeIncidentStatus({ app: ctx.app, userId: ctx.user.userId, incidentId: input.incidentId, note: input.note, action: "acknowledge", ip: ctx.ip })),
  resolve: authedProcedure
    .input(IncidentStatusChangeInputSchema)
    .output(IncidentSchema)
    .mutation(({ ctx, input }) => changeIncidentStatus({ app: ctx.app, userId: ctx.user.userId, incidentId: input.incidentId, note: input.note, action: "resolve", ip: ctx.ip })),
  rerunAnalysis: authedProcedure
    .input(IncidentRefSchema)
    .output(AnalysisQueuedSchema)
    .mutation(({ ctx, input }) => requestAnalysis({ app: ctx.app, userId: ctx.user.userId, incidentId: input.incidentId })),
  reopen: authedProcedure
    .input(IncidentStatusChangeInputSchema)
    .output(IncidentSchema)
    .mutation(({ ctx, input }) => changeIncidentStatus({ app: ctx.app, userId: ctx.user.userId, incidentId: input.incidentId, note: input.note, action: "reopen", ip: ctx.ip })),
  /** Runs the hourly statistical detection of the project now (admins): the incidents it opened or updated. */
  runDetection: authedProcedure
    .input(RunDetectionInputSchema)
    .output(DetectionRunResultSchema)
    .mutation(({ ctx, input }) => runDetection({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
});
