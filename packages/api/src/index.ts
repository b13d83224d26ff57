export { appRouter, createCaller, type AppRouter } from "./root";
export { createTrpcContext, type TrpcContext } from "./trpc";
export { createRestHandler } from "./rest/dispatch";
export { restRoutes } from "./rest/routes/index";
export { buildOpenApiDocument, type OpenApiDocument } from "./rest/openapi";
export { bearerToken, clientIp, json, toRestErrorResponse } from "./rest/http";
export type { RouteDef } from "./rest/define-route";
export { createFastPath, type FastPath } from "./rest/fast-path";
