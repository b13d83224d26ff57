import { z } from "zod";
import {
  CONFIG_TEMPLATES,
  ConfigDiffSchema,
  ConfigTemplateSchema,
  ConfigVersionDetailSchema,
  ConfigVersionSummarySchema,
  ConfigWriteResultSchema,
  createEnvironment,
  CreateEnvironmentInputSchema,
  deleteEnvironment,
  deleteKeyType,
  DeliveredConfigSchema,
  deliverConfig,
  DeliveryQuerySchema,
  diffConfig,
  DiffInputSchema,
  EffectiveConfigSchema,
  EnvironmentRefSchema,
  EnvironmentSchema,
  getConfigVersionDetail,
  getEffectiveConfig,
  GetEffectiveConfigInputSchema,
  KeyTypeRefSchema,
  KeyTypeSchema,
  listConfigHistory,
  listEnvironments,
  listKeyTypes,
  ListVersionsInputSchema,
  MAX_CONFIG_BODY_BYTES,
  ProjectRefSchema,
  restoreConfig,
  RestoreInputSchema,
  setConfig,
  SetConfigInputSchema,
  setKeyType,
  SetKeyTypeInputSchema,
  VersionRefSchema,
} from "@llmguard/domain";
import { configStreamResponse, readConfig } from "./config-delivery";
import { defineRoute } from "./route";

const P = "/api/v1/projects/{projectId}";

/** Config & Secrets: environments, versioned config, key types, templates (bearer access token). */
export const configRoutes = [
  defineRoute({
    method: "GET", path: `${P}/environments`, tag: "Config", auth: "user", summary: "Environments: base, development, staging, production and custom ones",
    input: ProjectRefSchema, output: z.object({ environments: z.array(EnvironmentSchema) }),
    handler: async ({ app, user, input }) => ({ environments: await listEnvironments({ app, userId: user.userId, projectId: input.projectId }) }),
  }),
  defineRoute({
    method: "POST", path: `${P}/environments`, tag: "Config", auth: "user", status: 201, errors: ["CONFLICT"],
    summary: "Create a custom environment (developer; a protected one needs admin)",
    input: CreateEnvironmentInputSchema, output: EnvironmentSchema,
    handler: ({ app, user, input, meta }) => createEnvironment({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "DELETE", path: `${P}/environments/{environment}`, tag: "Config", auth: "user", status: 204,
    summary: "Delete a custom environment and its versions (admin)",
    input: EnvironmentRefSchema,
    handler: ({ app, user, input, meta }) => deleteEnvironment({ app, userId: user.userId, ref: input, ip: meta.ip }),
  }),
  defineRoute({
    method: "GET", path: `${P}/config/{environment}`, tag: "Config", auth: "user", errors: ["CONFIG_UNRESOLVABLE"],
    summary: "Effective config: base overridden by the environment, with the source of each key (resolveSecrets=true: admin, audited)",
    input: GetEffectiveConfigInputSchema, output: EffectiveConfigSchema,
    handler: ({ app, user, input, meta }) => getEffectiveConfig({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "PUT", path: `${P}/config/{environment}`, tag: "Config", auth: "user", bodyLimitBytes: MAX_CONFIG_BODY_BYTES, errors: ["CONFIG_UNRESOLVABLE"],
    summary: "Set keys (null deletes an override): one new immutable version (developer for development/staging, admin for base/production)",
    input: SetConfigInputSchema, output: ConfigWriteResultSchema,
    handler: ({ app, user, input, meta }) => setConfig({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "GET", path: `${P}/config/{environment}/versions`, tag: "Config", auth: "user", summary: "An environment's versions, newest first (?before= pages back)",
    input: ListVersionsInputSchema, output: z.object({ versions: z.array(ConfigVersionSummarySchema) }),
    handler: async ({ app, user, input }) => ({ versions: await listConfigHistory({ app, userId: user.userId, input }) }),
  }),
  defineRoute({
    method: "GET", path: `${P}/config/{environment}/versions/{version}`, tag: "Config", auth: "user", summary: "One version: the environment's values after it and the before/after of each key",
    input: VersionRefSchema, output: ConfigVersionDetailSchema,
    handler: ({ app, user, input }) => getConfigVersionDetail({ app, userId: user.userId, input }),
  }),
  defineRoute({
    method: "GET", path: `${P}/config/{environment}/diff`, tag: "Config", auth: "user", summary: "Key-by-key difference between two versions (?from=&to=; from=0 is the empty start)",
    input: DiffInputSchema, output: ConfigDiffSchema,
    handler: ({ app, user, input }) => diffConfig({ app, userId: user.userId, input }),
  }),
  defineRoute({
    method: "POST", path: `${P}/config/{environment}/restore`, tag: "Config", auth: "user", errors: ["CONFIG_UNRESOLVABLE"],
    summary: "Restore an earlier version exactly, as a new version (history is never rewritten)",
    input: RestoreInputSchema, output: ConfigWriteResultSchema,
    handler: ({ app, user, input, meta }) => restoreConfig({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "GET", path: `${P}/config-types`, tag: "Config", auth: "user", summary: "Key types: built-in (settings) and declared ones",
    input: ProjectRefSchema, output: z.object({ types: z.array(KeyTypeSchema) }),
    handler: async ({ app, user, input }) => ({ types: await listKeyTypes({ app, userId: user.userId, projectId: input.projectId }) }),
  }),
  defineRoute({
    method: "PUT", path: `${P}/config-types/{key}`, tag: "Config", auth: "user",
    summary: "Declare a key's type; refused while a stored value does not fit it (admin)",
    input: SetKeyTypeInputSchema, output: KeyTypeSchema,
    handler: ({ app, user, input, meta }) => setKeyType({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "DELETE", path: `${P}/config-types/{key}`, tag: "Config", auth: "user", status: 204, summary: "Remove a declared type (admin)",
    input: KeyTypeRefSchema,
    handler: ({ app, user, input, meta }) => deleteKeyType({ app, userId: user.userId, projectId: input.projectId, key: input.key, ip: meta.ip }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/config-templates", tag: "Config", auth: "user", summary: "Built-in starter templates (OpenAI, Anthropic, AWS Bedrock, PostgreSQL, Prometheus)",
    output: z.object({ templates: z.array(ConfigTemplateSchema) }),
    handler: async () => ({ templates: CONFIG_TEMPLATES }),
  }),
];

/** Delivery to applications (API key with config:read; secrets:read adds secrets). */
export const deliveryRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/config", tag: "SDK", auth: "apiKey", raw: true, errors: ["FORBIDDEN", "NOT_FOUND", "CONFIG_UNRESOLVABLE"],
    summary: "The effective config of an environment, pre-serialized with an ETag (If-None-Match answers 304)",
    description: "Needs the config:read scope. With secrets:read, {{ secret:NAME }} references are resolved and `secrets` lists each referenced secret with its previous value during a rotation grace period. Without it they stay as written.",
    input: DeliveryQuerySchema, output: DeliveredConfigSchema,
    handler: async ({ app, apiKey, input, req }) => {
      const r = await readConfig(app, apiKey, input.environment, req.headers.get("if-none-match"));
      return new Response(r.status === 304 ? null : r.body, { status: r.status, headers: r.headers });
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
