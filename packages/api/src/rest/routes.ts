import { z } from "zod";
import {
  getProjectMetrics,
  getRequest,
  ingestBatch,
  IngestBatchResultSchema,
  IngestBatchSchema,
  ingestRequest,
  IngestRecordSchema,
  IngestResultSchema,
  LogPageSchema,
  LogQuerySchema,
  MetricsQuerySchema,
  ProjectMetricsSchema,
  RequestDetailSchema,
  RequestRefSchema,
  searchRequests,
  addMember,
  authenticateAccessToken,
  AddMemberInputSchema,
  ApiKeyCreatedSchema,
  ApiKeyRefSchema,
  ApiKeySchema,
  AuditEntrySchema,
  AuditFilterSchema,
  AuditVerificationSchema,
  exportProjectAudit,
  changeMemberRole,
  ChangeMemberRoleInputSchema,
  confirmPasswordReset,
  createApiKey,
  CreateApiKeyInputSchema,
  createProject,
  CreateProjectInputSchema,
  deleteApiKey,
  deleteProject,
  getProfile,
  getProject,
  getProjectSettings,
  listApiKeys,
  ListApiKeysInputSchema,
  listMembers,
  listProjectAudit,
  ListProjectAuditInputSchema,
  listProjects,
  listSettingsHistory,
  loginUser,
  LoginInputSchema,
  logoutUser,
  LogoutInputSchema,
  MemberSchema,
  OkSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  ProfileSchema,
  ProjectAuditEntrySchema,
  ProjectCreatedSchema,
  ProjectRefSchema,
  ProjectSettingsSchema,
  ProjectSummarySchema,
  refreshTokens,
  RefreshInputSchema,
  registerUser,
  RegisterInputSchema,
  RegisteredUserSchema,
  removeMember,
  RemoveMemberInputSchema,
  renameProject,
  RenameProjectInputSchema,
  requestPasswordReset,
  rotateApiKey,
  SettingsVersionSchema,
  TokenPairSchema,
  updateProfile,
  UpdateProfileInputSchema,
  updateProjectSettings,
  UpdateProjectSettingsInputSchema,
  verifyProjectAudit,
  WhoAmISchema,
} from "@llmguard/domain";
import { configRoutes, deliveryRoutes } from "./config-routes";
import { bearerToken } from "./http";
import { secretRoutes } from "./secret-routes";
import { defineRoute, type RouteDef } from "./route";

const ok = { ok: true as const };

const authRoutes = [
  defineRoute({
    method: "POST", path: "/api/v1/auth/register", tag: "Auth", summary: "Create an account", auth: "none",
    input: RegisterInputSchema, status: 201, output: RegisteredUserSchema, errors: ["EMAIL_TAKEN"],
    handler: ({ app, input, meta }) => registerUser({ app, input, meta }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/auth/login", tag: "Auth", summary: "Log in: an access token (15 min) and a refresh token (7 days)", auth: "none",
    input: LoginInputSchema, output: TokenPairSchema, errors: ["INVALID_CREDENTIALS", "RATE_LIMITED"],
    handler: async ({ app, input, meta }) => {
      const { accessToken, refreshToken, expiresIn } = await loginUser({ app, input, meta });
      return { accessToken, refreshToken, expiresIn };
    },
  }),
  defineRoute({
    method: "POST", path: "/api/v1/auth/refresh", tag: "Auth", summary: "Exchange a refresh token for a new pair (the refresh token rotates)", auth: "none",
    input: RefreshInputSchema, output: TokenPairSchema, errors: ["INVALID_TOKEN"],
    handler: async ({ app, input }) => {
      const { accessToken, refreshToken, expiresIn } = await refreshTokens({ app, refreshToken: input.refreshToken });
      return { accessToken, refreshToken, expiresIn };
    },
  }),
  defineRoute({
    method: "POST", path: "/api/v1/auth/logout", tag: "Auth", auth: "none",
    summary: "Revoke the session of the bearer access token (or of the refresh token in the body)",
    input: LogoutInputSchema, output: OkSchema, errors: ["UNAUTHENTICATED"],
    handler: async ({ app, req, input, meta }) => {
      const token = bearerToken(req);
      const user = token ? await authenticateAccessToken({ app, token }) : null;
      await logoutUser({ app, sessionId: user?.sessionId, refreshToken: input.refreshToken, meta });
      return ok;
    },
  }),
  defineRoute({
    method: "POST", path: "/api/v1/auth/password-reset/request", tag: "Auth", auth: "none", status: 202,
    summary: "E-mail a password reset link (same answer whether or not the address has an account)",
    input: PasswordResetRequestSchema, output: OkSchema, errors: ["RATE_LIMITED"],
    handler: async ({ app, input, meta }) => {
      await requestPasswordReset({ app, email: input.email, meta });
      return ok;
    },
  }),
  defineRoute({
    method: "POST", path: "/api/v1/auth/password-reset/confirm", tag: "Auth", auth: "none",
    summary: "Set a new password with the token from the e-mail; every session is revoked",
    input: PasswordResetConfirmSchema, output: OkSchema, errors: ["INVALID_TOKEN"],
    handler: async ({ app, input, meta }) => {
      await confirmPasswordReset({ app, token: input.token, password: input.password, meta });
      return ok;
    },
  }),
  defineRoute({
    method: "GET", path: "/api/v1/me", tag: "Profile", summary: "Your profile", auth: "user", output: ProfileSchema,
    handler: ({ app, user }) => getProfile({ app, userId: user.userId }),
  }),
  defineRoute({
    method: "PATCH", path: "/api/v1/me", tag: "Profile", summary: "Update your name, or your e-mail with your current password", auth: "user",
    input: UpdateProfileInputSchema, output: ProfileSchema, errors: ["INVALID_CREDENTIALS", "EMAIL_TAKEN"],
    handler: ({ app, user, input, meta }) => updateProfile({ app, userId: user.userId, input, ip: meta.ip }),
  }),
];

const projectRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/projects", tag: "Projects", summary: "Your projects with key status and last use", auth: "user",
    output: z.object({ projects: z.array(ProjectSummarySchema) }),
    handler: async ({ app, user }) => ({ projects: await listProjects({ app, userId: user.userId }) }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/projects", tag: "Projects", summary: "Create a project; its first API key is returned once", auth: "user",
    input: CreateProjectInputSchema, status: 201, output: ProjectCreatedSchema,
    handler: ({ app, user, input, meta }) => createProject({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}", tag: "Projects", summary: "One project", auth: "user",
    input: ProjectRefSchema, output: ProjectSummarySchema,
    handler: ({ app, user, input }) => getProject({ app, userId: user.userId, projectId: input.projectId }),
  }),
  defineRoute({
    method: "PATCH", path: "/api/v1/projects/{projectId}", tag: "Projects", summary: "Rename a project (admin)", auth: "user",
    input: RenameProjectInputSchema, output: ProjectSummarySchema,
    handler: ({ app, user, input, meta }) => renameProject({ app, userId: user.userId, projectId: input.projectId, name: input.name, ip: meta.ip }),
  }),
  defineRoute({
    method: "DELETE", path: "/api/v1/projects/{projectId}", tag: "Projects", summary: "Delete a project and everything in it (owner)", auth: "user",
    input: ProjectRefSchema, status: 204,
    handler: ({ app, user, input, meta }) => deleteProject({ app, userId: user.userId, projectId: input.projectId, ip: meta.ip }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/api-keys", tag: "API keys", summary: "A project's keys: prefix, status, dates; never key material", auth: "user",
    input: ListApiKeysInputSchema, output: z.object({ apiKeys: z.array(ApiKeySchema) }),
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
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/members", tag: "Members", summary: "Project members and their roles", auth: "user",
    input: ProjectRefSchema, output: z.object({ members: z.array(MemberSchema) }),
    handler: async ({ app, user, input }) => ({ members: await listMembers({ app, userId: user.userId, projectId: input.projectId }) }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/projects/{projectId}/members", tag: "Members", summary: "Add an existing user by e-mail (admin)", auth: "user",
    input: AddMemberInputSchema, status: 201, output: MemberSchema, errors: ["CONFLICT"],
    handler: ({ app, user, input, meta }) => addMember({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "PATCH", path: "/api/v1/projects/{projectId}/members/{userId}", tag: "Members", summary: "Change a member's role (admin)", auth: "user",
    input: ChangeMemberRoleInputSchema, output: MemberSchema,
    handler: ({ app, user, input, meta }) => changeMemberRole({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "DELETE", path: "/api/v1/projects/{projectId}/members/{userId}", tag: "Members", summary: "Remove a member (admin), or leave the project", auth: "user",
    input: RemoveMemberInputSchema, status: 204,
    handler: ({ app, user, input, meta }) => removeMember({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/settings", tag: "Settings", summary: "The project settings in force", auth: "user",
    input: ProjectRefSchema, output: ProjectSettingsSchema,
    handler: ({ app, user, input }) => getProjectSettings({ app, userId: user.userId, projectId: input.projectId }),
  }),
  defineRoute({
    method: "PATCH", path: "/api/v1/projects/{projectId}/settings", tag: "Settings", summary: "Change settings: a new immutable version, in force for the next request (admin)", auth: "user",
    input: UpdateProjectSettingsInputSchema, output: ProjectSettingsSchema,
    handler: ({ app, user, input, meta }) => updateProjectSettings({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/settings/history", tag: "Settings", summary: "Settings versions, newest first", auth: "user",
    input: ProjectRefSchema, output: z.object({ versions: z.array(SettingsVersionSchema) }),
    handler: async ({ app, user, input }) => ({ versions: await listSettingsHistory({ app, userId: user.userId, projectId: input.projectId }) }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/audit", tag: "Audit", summary: "The project's audit trail, newest first (admin)", auth: "user",
    input: ListProjectAuditInputSchema, output: z.object({ entries: z.array(ProjectAuditEntrySchema) }),
    handler: async ({ app, user, input }) => ({ entries: await listProjectAudit({ app, userId: user.userId, ...input }) }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/audit/export", tag: "Audit", auth: "user", raw: true, produces: "application/x-ndjson",
    summary: "The audit trail as JSON Lines, oldest first, with hashes for offline verification (same filters; admin)",
    input: AuditFilterSchema, output: AuditEntrySchema,
    handler: async ({ app, user, input }) => {
      const lines = await exportProjectAudit({ app, userId: user.userId, filter: input });
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await lines.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
      });
      const name = `audit-${input.projectId}-${new Date().toISOString().slice(0, 10)}.jsonl`;
      return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" } });
    },
  }),
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/audit/verify", tag: "Audit", summary: "Recompute the audit chain; names the first altered entry (admin)", auth: "user",
    input: ProjectRefSchema, output: AuditVerificationSchema,
    handler: ({ app, user, input }) => verifyProjectAudit({ app, userId: user.userId, projectId: input.projectId }),
  }),
];

const INGEST_TEXT_AND_LIMITS =
  "Limits: records per project per minute come from the project setting `limits.requestsPerMinute` (default 300,000, i.e. 5,000 records a second); " +
  "a batch is admitted or refused whole — refused, it answers 429 RATE_LIMITED with Retry-After and stores nothing; a batch larger than the whole " +
  "per-minute limit answers 413 (send smaller batches). Requests per API key are limited by the server's RATE_LIMIT_API_KEY_PER_MINUTE (default 300,000). " +
  "Text: NUL characters and unpaired UTF-16 surrogates in any string (prompt, response, metadata keys and values) are stored as U+FFFD, never refused.";

const observeRoutes = [
  defineRoute({
    method: "POST", path: "/api/v1/requests", tag: "Ingest", auth: "apiKey", status: 201,
    summary: "Record one LLM call: scored (flagged at or above the project's risk threshold), priced and stored before the answer (a repeated id returns the first result)",
    description: INGEST_TEXT_AND_LIMITS,
    input: IngestRecordSchema, output: IngestResultSchema, bodyLimitBytes: 2 * 1024 * 1024, errors: ["FORBIDDEN", "PAYLOAD_TOO_LARGE", "SERVICE_UNAVAILABLE"],
    handler: async ({ app, apiKey, input }) => {
      const { id, riskScore, riskFactors, flagged, costUsd } = await ingestRequest({ app, principal: apiKey, record: input });
      return { id, riskScore, riskFactors, flagged, costUsd };
    },
  }),
  defineRoute({
    method: "POST", path: "/api/v1/requests/batch", tag: "Ingest", auth: "apiKey",
    summary: "Record up to 500 calls; each record succeeds or fails on its own, results in input order",
    description: INGEST_TEXT_AND_LIMITS,
    input: IngestBatchSchema, output: IngestBatchResultSchema, bodyLimitBytes: 16 * 1024 * 1024, errors: ["FORBIDDEN", "PAYLOAD_TOO_LARGE", "SERVICE_UNAVAILABLE"],
    handler: ({ app, apiKey, input }) => ingestBatch({ app, principal: apiKey, records: input.records }),
  }),
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
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/metrics", tag: "Metrics", auth: "user",
    summary: "Requests, errors, latency percentiles, tokens and cost with a daily or hourly series (from rollups)",
    input: MetricsQuerySchema, output: ProjectMetricsSchema,
    handler: ({ app, user, input }) => getProjectMetrics({ app, userId: user.userId, query: input }),
  }),
];

const sdkRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/whoami", tag: "SDK", summary: "The project and key behind an API key", auth: "apiKey", output: WhoAmISchema,
    handler: async ({ apiKey }) => ({ projectId: apiKey.projectId, keyId: apiKey.keyId, scopes: apiKey.scopes }),
  }),
];

export const restRoutes: RouteDef[] = [...authRoutes, ...projectRoutes, ...configRoutes, ...secretRoutes, ...observeRoutes, ...sdkRoutes, ...deliveryRoutes];
