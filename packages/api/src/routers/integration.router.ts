import { configureDatadog, DatadogIntegrationCreatedSchema, DatadogIntegrationRefSchema, DatadogIntegrationStatusSchema, getDatadogIntegration } from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

/** Integrations (issue 9): the same schemas and services as rest/routes/integration.routes.ts. */
export const integrationRouter = router({
  datadogStatus: authedProcedure
    .input(DatadogIntegrationRefSchema)
    .output(DatadogIntegrationStatusSchema)
    .query(({ ctx, input }) => getDatadogIntegration({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
  configureDatadog: authedProcedure
    .input(DatadogIntegrationRefSchema)
    .output(DatadogIntegrationCreatedSchema)
    .mutation(({ ctx, input }) => configureDatadog({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId, ip: ctx.ip })),
});
