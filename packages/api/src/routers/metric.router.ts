import { getProjectMetrics, MetricsQuerySchema, ProjectMetricsSchema } from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

export const metricRouter = router({
  getSummary: authedProcedure
    .input(MetricsQuerySchema)
    .output(ProjectMetricsSchema)
    .query(({ ctx, input }) => getProjectMetrics({ app: ctx.app, userId: ctx.user.userId, query: input })),
});
