import type { App } from "@llmguard/domain";
import { defineRoute, type RouteDef } from "../define-route";
import { buildOpenApiDocument } from "../openapi";
import type { PlainReply } from "../rest-request";

/**
 * GET /api/v1/openapi.json: the document of the whole table, itself included. It is built once per
 * process (the table and APP_URL do not change while it runs) and may be cached by clients for a minute.
 */
export function openApiRoutes(table: () => RouteDef[]) {
  let document: string | undefined;
  const documentOf = (app: App) => (document ??= JSON.stringify(buildOpenApiDocument(table(), { serverUrl: app.env.APP_URL })));
  return [
    defineRoute({
      method: "GET", path: "/api/v1/openapi.json", tag: "Meta", auth: "none", raw: true, produces: "application/json",
      summary: "This API's OpenAPI 3.1 document, generated from the route table (readable at /docs/api)",
      handler: async ({ app }): Promise<PlainReply> => ({ status: 200, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=60" }, body: documentOf(app) }),
    }),
  ];
}
