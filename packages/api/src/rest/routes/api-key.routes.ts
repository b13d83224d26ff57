import {
  ApiKeyCreatedSchema,
  ApiKeyListSchema,
  ApiKeyRefSchema,
  createApiKey,
  CreateApiKeyInputSchema,
  deleteApiKey,
  listApiKeys,
  ListApiKeysInputSchema,
  rotateApiKey,
} from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** A project's API keys (bearer access token). Key material appears only in create and rotate answers. */
export const apiKeyRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/api-keys", tag: "API keys", summary: "A project's keys: prefix, status, dates; never key material", auth: "user",
    input: ListApiKeysInputSchema, output: ApiKeyListSchema,
    handler: async ({ app, user, input }) => ({ apiKeys: await listApiKeys({ app, userId: user.userId, projectId: input.projectId }) }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/projects/{projectId}/api-keys", tag: "API keys", summary: "An additional key, returned once (admin)", auth: "user",
    input: CreateApiKeyInputSchema, status: 201, output: ApiKeyCreatedSchema,
    handler: ({ app, user, input, meta }) => createApiKey({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/projects/{projectId}/api-keys/{keyId}/rotate", tag: "API keys", auth: "user",
    summary: "A new secret for the key, returned once; the old one stops working at once (admin)",
    input: ApiKeyRefSchema, output: ApiKeyCreatedSchema,
    handler: ({ app, user, input, meta }) => rotateApiKey({ app, userId: user.userId, ref: input, ip: meta.ip }),
  }),
  defineRoute({
    method: "DELETE", path: "/api/v1/projects/{projectId}/api-keys/{keyId}", tag: "API keys", summary: "Delete a key; requests with it fail at once (admin)", auth: "user",
    input: ApiKeyRefSchema, status: 204,
    handler: ({ app, user, input, meta }) => deleteApiKey({ app, userId: user.userId, ref: input, ip: meta.ip }),
  }),
];
