import { DeliveredConfigSchema, deliverConfig, DeliveryQuerySchema } from "@llmguard/domain";
import { configStreamResponse, readConfig } from "../config-delivery";
import { defineRoute } from "../define-route";

/** Delivery to applications (API key with config:read; secrets:read adds secrets; an ingest-only key reads the guard policy). */
export const deliveryRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/config", tag: "SDK", auth: "apiKey", raw: true, errors: ["FORBIDDEN", "NOT_FOUND", "CONFIG_UNRESOLVABLE"],
    summary: "The effective config of an environment, pre-serialized with an ETag (If-None-Match answers 304)",
    description: "Needs the config:read scope; a key with only the ingest scope receives the environment's guard.* keys (the guard policy the SDK enforces). With secrets:read, {{ secret:NAME }} references are resolved and `secrets` lists each referenced secret with its previous value during a rotation grace period. Without it they stay as written.",
    input: DeliveryQuerySchema, output: DeliveredConfigSchema,
    handler: async ({ app, apiKey, input, req }) => {
      return readConfig(app, apiKey, input.environment, req.headers.get("if-none-match"));
    },
  }),
  defineRoute({
    method: "GET", path: "/api/v1/config/stream", tag: "SDK", auth: "apiKey", raw: true, produces: "text/event-stream", errors: ["FORBIDDEN", "NOT_FOUND", "CONFIG_UNRESOLVABLE"],
    summary: "Server-Sent Events: `config` events (id = version, data = the GET /api/v1/config body) at once and on every change; resumes with Last-Event-ID",
    input: DeliveryQuerySchema, output: DeliveredConfigSchema,
    handler: async ({ app, apiKey, input, req }) => {
      await deliverConfig({ app, principal: apiKey, environment: input.environment }); // errors answer before the stream opens
      return configStreamResponse({ app, principal: apiKey, environment: input.environment, lastEventId: req.headers.get("last-event-id"), signal: req.signal });
    },
  }),
];
