import { z } from "zod";

/** `gateway` (issue 13): calls through the OpenAI-compatible gateway, which logs them itself (no `ingest` needed). */
export const API_KEY_SCOPES = ["ingest", "config:read", "secrets:read", "gateway"] as const;
export const ApiKeyScopeSchema = z.enum(API_KEY_SCOPES);

export const ApiKeyStatusSchema = z.enum(["active", "expired"]);

/** What listing shows: never key material, only the public prefix. */
export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  status: ApiKeyStatusSchema,
  scopes: z.array(z.string()),
  createdAt: z.date(),
  rotatedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeySchema>;

/** REST envelope of GET /api/v1/projects/{projectId}/api-keys. */
export const ApiKeyListSchema = z.object({ apiKeys: z.array(ApiKeySchema) });
export type ApiKeyList = z.infer<typeof ApiKeyListSchema>;

/** Returned exactly once, when a key is created or rotated. */
export const ApiKeyCreatedSchema = ApiKeySchema.extend({ key: z.string() });
export type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;

const ProjectId = z.uuid({ error: "projectId must be a UUID" });
const KeyId = z.uuid({ error: "keyId must be a UUID" });

export const ListApiKeysInputSchema = z.object({ projectId: ProjectId });

export const CreateApiKeyInputSchema = z.object({
  projectId: ProjectId,
  name: z.string().trim().min(1).max(100).default("default"),
  scopes: z.array(ApiKeyScopeSchema).min(1).max(API_KEY_SCOPES.length).default(["ingest"]),
  /** Optional expiry; must be in the future. */
  expiresAt: z.coerce.date().refine((d) => d.getTime() > Date.now(), "expiresAt must be in the future").optional(),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInputSchema>;

export const ApiKeyRefSchema = z.object({ projectId: ProjectId, keyId: KeyId });
export type ApiKeyRef = z.infer<typeof ApiKeyRefSchema>;

export const WhoAmISchema = z.object({ projectId: z.string(), keyId: z.string(), scopes: z.array(z.string()) });
