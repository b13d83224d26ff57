export { appRouter, createCaller, type AppRouter } from "./root";
export { createTrpcContext, type TrpcContext } from "./trpc";
export { createRestDispatcher, type RestHandlerOptions } from "./rest/dispatch";
export { createNodeRestHandler, isRestPath, type NodeRestHandler } from "./rest/node-adapter";
export type { RestRequest, RestReply, PlainReply } from "./rest/rest-request";
export { restRoutes } from "./rest/routes/index";
export { buildOpenApiDocument, type OpenApiDocument } from "./rest/openapi";
export { bearerToken, clientIp, json, toRestErrorResponse } from "./rest/http";
export type { RouteDef } from "./rest/define-route";
