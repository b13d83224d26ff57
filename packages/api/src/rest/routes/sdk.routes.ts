import { WhoAmISchema } from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** What an SDK asks about its own API key. Config delivery to SDKs is in delivery.routes.ts. */
export const sdkRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/whoami", tag: "SDK", summary: "The project and key behind an API key", auth: "apiKey", output: WhoAmISchema,
    handler: async ({ apiKey }) => ({ projectId: apiKey.projectId, keyId: apiKey.keyId, scopes: apiKey.scopes }),
  }),
];
