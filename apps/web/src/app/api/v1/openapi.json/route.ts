import { buildOpenApiDocument, json, restRoutes } from "@llmguard/api";
import { webEnv } from "~/env";

export const dynamic = "force-dynamic";

export function GET() {
  return json(buildOpenApiDocument(restRoutes, { serverUrl: webEnv().APP_URL }), 200, { "cache-control": "public, max-age=60" });
}
