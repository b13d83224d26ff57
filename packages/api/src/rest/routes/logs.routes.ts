import { getRequest, LogPageSchema, LogQuerySchema, RequestDetailSchema, RequestRefSchema, searchRequests } from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** Search and read stored requests (bearer access token). */
export const logsRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/requests", tag: "Logs", auth: "user",
    summary: "Search a project's requests: full text, filters, sort, keyset pagination (cursor → nextCursor)",
    input: LogQuerySchema, output: LogPageSchema,
    handler: ({ app, user, input }) => searchRequests({ app, userId: user.userId, query: input }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/requests/{id}", tag: "Logs", auth: "user", summary: "One request with full text and risk factors (?projectId=...)",
    input: RequestRefSchema, output: RequestDetailSchema, errors: ["NOT_FOUND", "FORBIDDEN"],
    handler: ({ app, user, input }) => getRequest({ app, userId: user.userId, projectId: input.projectId, id: input.id }),
  }),
];
