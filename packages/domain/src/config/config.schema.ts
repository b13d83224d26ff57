import { z } from "zod";
import { ProjectIdSchema } from "../projects/project.schema";
import { UserRefSchema } from "../users/user.schema";

/**
 * Config & Secrets: the shapes shared by the services, tRPC, REST (and so the OpenAPI document), the
 * dashboard and the CLI. Client-safe: zod only. The model is described in docs/config-secrets.md.
 */

/** Always present; base feeds every other environment, which override it key by key. */
export const BUILTIN_ENVIRONMENTS = ["base", "development", "staging", "production"] as const;
/** Changing these needs admin or owner (base feeds production). */
export const PROTECTED_BUILTIN_ENVIRONMENTS = ["base", "production"] as const;

export const EnvironmentNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, "Environment names are 1–32 lowercase letters, digits, '-' or '_', starting with a letter");

export const ConfigKeySchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,199}$/, "Config keys are 1–200 letters, digits, '.', '-' or '_', starting with a letter or '_'");

/** Values up to 1 MB (prompt templates), measured as UTF-8 JSON. */
export const MAX_CONFIG_VALUE_BYTES = 1024 * 1024;
/** Largest PUT body: several large values in one change. */
export const MAX_CONFIG_BODY_BYTES = 8 * 1024 * 1024;
export const MAX_KEYS_PER_CHANGE = 1000;

const utf8 = new TextEncoder();
export const jsonBytes = (v: unknown) => utf8.encode(JSON.stringify(v) ?? "").length;

export const ConfigValueSchema = z
  .json()
  .refine((v) => v !== null, "null deletes a key; it is not a value")
  .refine((v) => jsonBytes(v) <= MAX_CONFIG_VALUE_BYTES, `A value may be at most ${MAX_CONFIG_VALUE_BYTES} bytes of JSON`);

export const VersionNumberSchema = z.coerce.number().int().positive({ error: "version must be a positive integer" });

export const EnvironmentRefSchema = z.object({ projectId: ProjectIdSchema, environment: EnvironmentNameSchema });
export type EnvironmentRef = z.infer<typeof EnvironmentRefSchema>;

export const MessageSchema = z.string().trim().max(500, "Message must be at most 500 characters").optional();

/** PUT /projects/{projectId}/config/{environment}: null deletes the key from this environment. */
export const SetConfigInputSchema = EnvironmentRefSchema.extend({
  values: z
    .record(ConfigKeySchema, ConfigValueSchema.nullable())
    .refine((v) => Object.keys(v).length > 0, "values must name at least one key")
    .refine((v) => Object.keys(v).length <= MAX_KEYS_PER_CHANGE, `At most ${MAX_KEYS_PER_CHANGE} keys per change`),
  message: MessageSchema,
});
export type SetConfigInput = z.infer<typeof SetConfigInputSchema>;

export const GetEffectiveConfigInputSchema = EnvironmentRefSchema.extend({
  /** Resolve {{ secret:NAME }} references to their values (needs secret.reveal; audited). */
  resolveSecrets: z
    .union([z.boolean(), z.enum(["true", "false", "1", "0"])])
    .transform((v) => v === true || v === "true" || v === "1")
    .default(false),
});
export type GetEffectiveConfigInput = z.infer<typeof GetEffectiveConfigInputSchema>;

export const ListVersionsInputSchema = EnvironmentRefSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Keyset paging: versions older than this one. */
  before: VersionNumberSchema.optional(),
});
export type ListVersionsInput = z.infer<typeof ListVersionsInputSchema>;

export const VersionRefSchema = EnvironmentRefSchema.extend({ version: VersionNumberSchema });
export type VersionRef = z.infer<typeof VersionRefSchema>;

/** from/to are project revisions: the environment as it stood at each (0 = before anything was set). */
export const DiffInputSchema = EnvironmentRefSchema.extend({
  from: z.coerce.number().int().min(0, "from must be 0 or a version"),
  to: VersionNumberSchema,
});
export type DiffInput = z.infer<typeof DiffInputSchema>;

export const RestoreInputSchema = EnvironmentRefSchema.extend({ version: VersionNumberSchema, message: MessageSchema });
export type RestoreInput = z.infer<typeof RestoreInputSchema>;

export const CreateEnvironmentInputSchema = z.object({
  projectId: ProjectIdSchema,
  name: EnvironmentNameSchema.refine((n) => !(BUILTIN_ENVIRONMENTS as readonly string[]).includes(n), "That environment always exists"),
  protected: z.boolean().default(false),
  description: z.string().trim().max(200).default(""),
});
export type CreateEnvironmentInput = z.infer<typeof CreateEnvironmentInputSchema>;

// ---- outputs

export const ConfigChangeSchema = z.object({ key: z.string(), before: z.unknown(), after: z.unknown() });
export type ConfigChangeView = z.infer<typeof ConfigChangeSchema>;

export const EnvironmentSchema = z.object({
  name: z.string(),
  builtin: z.boolean(),
  protected: z.boolean(),
  description: z.string(),
  /** Newest version of this environment's own keys (0: none yet). */
  version: z.number().int(),
  keys: z.number().int(),
  updatedAt: z.date().nullable(),
});
export type EnvironmentView = z.infer<typeof EnvironmentSchema>;

/** REST envelope of GET /api/v1/projects/{projectId}/environments. */
export const EnvironmentListSchema = z.object({ environments: z.array(EnvironmentSchema) });
export type EnvironmentList = z.infer<typeof EnvironmentListSchema>;

export const ConfigVersionSummarySchema = z.object({
  version: z.number().int(),
  environment: z.string(),
  message: z.string().nullable(),
  author: UserRefSchema.nullable(),
  createdAt: z.date(),
  changedKeys: z.array(z.string()),
  restoredFrom: z.number().int().nullable(),
});
export type ConfigVersionSummary = z.infer<typeof ConfigVersionSummarySchema>;

/** REST envelope of GET /api/v1/projects/{projectId}/config/{environment}/versions. */
export const ConfigVersionListSchema = z.object({ versions: z.array(ConfigVersionSummarySchema) });
export type ConfigVersionList = z.infer<typeof ConfigVersionListSchema>;

/** The answer to a write (set, restore): the version it created, or the current one when nothing changed. */
export const ConfigWriteResultSchema = ConfigVersionSummarySchema.extend({
  changes: z.array(ConfigChangeSchema),
  /** false when the change matched what was already stored: no version was created. */
  created: z.boolean(),
});
export type ConfigWriteResult = z.infer<typeof ConfigWriteResultSchema>;

export const ConfigVersionDetailSchema = ConfigVersionSummarySchema.extend({
  /** The environment's own keys after this version. */
  values: z.record(z.string(), z.unknown()),
  changes: z.array(ConfigChangeSchema),
});
export type ConfigVersionDetail = z.infer<typeof ConfigVersionDetailSchema>;

export const ConfigIssueSchema = z.object({
  environment: z.string(),
  key: z.string(),
  code: z.enum(["CYCLE", "MISSING_REFERENCE", "MISSING_SECRET", "INVALID_TEMPLATE"]),
  message: z.string(),
});
export type ConfigIssue = z.infer<typeof ConfigIssueSchema>;

export const EffectiveEntrySchema = z.object({
  key: z.string(),
  /** The stored value (templates unresolved). */
  value: z.unknown(),
  /** "base", or "override" when this environment sets the key itself. */
  source: z.enum(["base", "override"]),
  /** The base value an override hides. */
  baseValue: z.unknown().optional(),
  /** Templates resolved; {{ secret:NAME }} stays as written unless secrets were resolved. */
  resolved: z.unknown(),
  secretRefs: z.array(z.string()),
});

export const EffectiveConfigSchema = z.object({
  projectId: z.string(),
  environment: z.string(),
  version: z.number().int(),
  baseVersion: z.number().int(),
  environmentVersion: z.number().int(),
  entries: z.array(EffectiveEntrySchema),
  /** Resolved values by key; null when `issues` is not empty (never half-resolved). */
  values: z.record(z.string(), z.unknown()).nullable(),
  issues: z.array(ConfigIssueSchema),
  secretsResolved: z.boolean(),
});
export type EffectiveConfig = z.infer<typeof EffectiveConfigSchema>;

export const ConfigDiffEntrySchema = z.object({
  key: z.string(),
  kind: z.enum(["added", "removed", "changed"]),
  before: z.unknown(),
  after: z.unknown(),
});
export const ConfigDiffSchema = z.object({
  environment: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(ConfigDiffEntrySchema),
});
export type ConfigDiff = z.infer<typeof ConfigDiffSchema>;

/** A built-in starter template (the list is CONFIG_TEMPLATES in starter-templates.ts). */
export const ConfigTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  values: z.record(z.string(), z.unknown()),
  secrets: z.array(z.object({ name: z.string(), description: z.string() })),
});
export type ConfigTemplate = z.infer<typeof ConfigTemplateSchema>;

/** REST envelope of GET /api/v1/config-templates. */
export const ConfigTemplateListSchema = z.object({ templates: z.array(ConfigTemplateSchema) });
export type ConfigTemplateList = z.infer<typeof ConfigTemplateListSchema>;

/** What GET /api/v1/config serves to SDKs (pre-serialized, with an ETag). */
export const DeliveredSecretSchema = z.object({
  value: z.string(),
  version: z.number().int(),
  /** The value before the last rotation, valid until previousExpiresAt (the grace period). */
  previous: z.string().optional(),
  previousExpiresAt: z.string().optional(),
});
export const DeliveredConfigSchema = z.object({
  version: z.number().int(),
  environment: z.string(),
  values: z.record(z.string(), z.unknown()),
  /** Only for API keys with the secrets:read scope: the secrets this environment's config references. */
  secrets: z.record(z.string(), DeliveredSecretSchema).optional(),
});
export type DeliveredConfig = z.infer<typeof DeliveredConfigSchema>;

export const DeliveryQuerySchema = z.object({ environment: EnvironmentNameSchema.default("production") });
