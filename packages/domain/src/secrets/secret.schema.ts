import { z } from "zod";
import { ProjectIdSchema } from "../projects/project.schema";

/** Secrets (docs/config-secrets.md). Client-safe: zod only. Values never appear in any output but reveal. */

export const SecretNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/, "Secret names are 1–128 letters, digits, '.', '-' or '_', starting with a letter or '_'");

export const MAX_SECRET_BYTES = 64 * 1024;
export const SecretValueSchema = z
  .string({ error: "value must be a string" })
  .min(1, "value must not be empty")
  .refine((v) => new TextEncoder().encode(v).length <= MAX_SECRET_BYTES, `A secret may be at most ${MAX_SECRET_BYTES} bytes`);

/** Rotation policy presets the dashboard offers (the requirement's schedules). */
export const ROTATION_PRESETS = [
  { label: "API key", days: 90 },
  { label: "Database credential", days: 30 },
  { label: "TLS certificate", days: 1 },
] as const;

export const RotationDaysSchema = z.number().int().min(1, "rotationDays is 1–3650").max(3650, "rotationDays is 1–3650");

export const SecretRefSchema = z.object({ projectId: ProjectIdSchema, name: SecretNameSchema });
export type SecretRef = z.infer<typeof SecretRefSchema>;

/** PUT /projects/{projectId}/secrets/{name}: creates, or replaces the value at once (no grace period). */
export const SetSecretInputSchema = SecretRefSchema.extend({
  value: SecretValueSchema,
  /** Days until the value is due for rotation; null removes the policy; omitted keeps it. */
  rotationDays: RotationDaysSchema.nullable().optional(),
  description: z.string().trim().max(200).optional(),
});
export type SetSecretInput = z.infer<typeof SetSecretInputSchema>;

/** PATCH /projects/{projectId}/secrets/{name}: the policy and description, without touching the value. */
export const UpdateSecretMetadataInputSchema = SecretRefSchema.extend({
  rotationDays: RotationDaysSchema.nullable().optional(),
  description: z.string().trim().max(200).optional(),
}).refine((v) => v.rotationDays !== undefined || v.description !== undefined, { error: "Nothing to update: send rotationDays and/or description" });
export type UpdateSecretMetadataInput = z.infer<typeof UpdateSecretMetadataInputSchema>;

/** POST .../rotate: a new value; the previous one stays valid (served as `previous`) for the grace period. */
export const RotateSecretInputSchema = SecretRefSchema.extend({
  value: SecretValueSchema,
  gracePeriodHours: z.number().min(0, "gracePeriodHours is 0–720").max(720, "gracePeriodHours is 0–720").default(24),
});
export type RotateSecretInput = z.infer<typeof RotateSecretInputSchema>;

export const SecretReferenceSchema = z.object({ environment: z.string(), key: z.string() });

export const SecretMetadataSchema = z.object({
  name: z.string(),
  description: z.string(),
  version: z.number().int(),
  rotationDays: z.number().int().nullable(),
  lastRotatedAt: z.date(),
  /** lastRotatedAt + rotationDays; null without a policy. */
  rotationDueAt: z.date().nullable(),
  overdue: z.boolean(),
  /** The previous value is still served until previousExpiresAt. */
  inGracePeriod: z.boolean(),
  previousVersion: z.number().int().nullable(),
  previousExpiresAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** Config keys (newest version of each environment) that reference this secret. */
  references: z.array(SecretReferenceSchema),
});
export type SecretMetadata = z.infer<typeof SecretMetadataSchema>;

/** REST envelope of GET /api/v1/projects/{projectId}/secrets. */
export const SecretListSchema = z.object({ secrets: z.array(SecretMetadataSchema) });
export type SecretList = z.infer<typeof SecretListSchema>;

export const RevealedSecretSchema = z.object({
  name: z.string(),
  version: z.number().int(),
  value: z.string(),
  previous: z.object({ version: z.number().int(), value: z.string(), expiresAt: z.date() }).nullable(),
});
export type RevealedSecret = z.infer<typeof RevealedSecretSchema>;

export const RewrapResultSchema = z.object({
  kekId: z.string(),
  rewrapped: z.number().int(),
  alreadyCurrent: z.number().int(),
  failed: z.array(z.object({ projectId: z.string(), reason: z.string() })),
});
export type RewrapResult = z.infer<typeof RewrapResultSchema>;
