import { getRequest, LogPageSchema, LogQuerySchema, RequestDetailSchema, RequestRefSchema, searchRequests } from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

export const logRouter = router({
  search: authedProcedure
    .input(LogQuerySchema)
    .output(LogPageSchema)
    .query(({ ctx, input }) => searchRequests({ app: ctx.app, userId: ctx.user.userId, query: input })),
  byId: authedProcedure
    .input(RequestRefSchema)
    .output(RequestDetailSchema)
    .query(({ ctx, input }) => getRequest({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId, id: input.id })),
});
