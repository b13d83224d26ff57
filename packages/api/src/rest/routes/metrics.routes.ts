import { getProjectMetrics, MetricsQuerySchema, ProjectMetricsSchema } from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** Dashboard metrics from the hourly rollups (bearer access token). */
export const metricsRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/metrics", tag: "Metrics", auth: "user",
    summary: "Requests, errors, latency percentiles, tokens and cost with a daily or hourly series (from rollups)",
    input: MetricsQuerySchema, output: ProjectMetricsSchema,
    handler: ({ app, user, input }) => getProjectMetrics({ app, userId: user.userId, query: input }),
  }),
];
