import { configureDatadog, DatadogIntegrationCreatedSchema, DatadogIntegrationRefSchema, DatadogIntegrationStatusSchema, getDatadogIntegration } from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** Integrations (issue 9): the Datadog webhook's secret and status. The webhook itself is in webhook.routes.ts. */
export const integrationRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/integrations/datadog", tag: "Integrations", auth: "user",
    summary: "Whether the Datadog webhook is configured, its URL, and when it was created, rotated and last received an alert (every member; never the secret)",
    input: DatadogIntegrationRefSchema, output: DatadogIntegrationStatusSchema,
    handler: ({ app, user, input }) => getDatadogIntegration({ app, userId: user.userId, projectId: input.projectId }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/projects/{projectId}/integrations/datadog", tag: "Integrations", auth: "user", status: 201,
    summary: "Create the Datadog webhook secret, or rotate it (admins and owners): shown this once, and the previous one stops working at once",
    input: DatadogIntegrationRefSchema, output: DatadogIntegrationCreatedSchema,
    handler: ({ app, user, input, meta }) => configureDatadog({ app, userId: user.userId, projectId: input.projectId, ip: meta.ip }),
  }),
];
