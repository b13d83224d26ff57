import {
  ApplyRemediationInputSchema,
  applyRemediation,
  IncidentRefSchema,
  listIncidentRemediations,
  listProjectRemediations,
  ListProjectRemediationsInputSchema,
  RemediationListSchema,
  RemediationPageSchema,
  RemediationSchema,
  rollbackRemediation,
  RollbackRemediationInputSchema,
} from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

/** Remediation (issue 10): the same schemas and services as rest/routes/remediation.routes.ts. `create` applies an action (tRPC reserves `apply`). */
export const remediationRouter = router({
  create: authedProcedure
    .input(ApplyRemediationInputSchema)
    .output(RemediationSchema)
    .mutation(({ ctx, input }) => applyRemediation({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  listByIncident: authedProcedure
    .input(IncidentRefSchema)
    .output(RemediationListSchema)
    .query(({ ctx, input }) => listIncidentRemediations({ app: ctx.app, userId: ctx.user.userId, incidentId: input.incidentId })),
  list: authedProcedure
    .input(ListProjectRemediationsInputSchema)
    .output(RemediationPageSchema)
    .query(({ ctx, input }) => listProjectRemediations({ app: ctx.app, userId: ctx.user.userId, input })),
  rollback: authedProcedure
    .input(RollbackRemediationInputSchema)
    .output(RemediationSchema)
    .mutation(({ ctx, input }) => rollbackRemediation({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
});
