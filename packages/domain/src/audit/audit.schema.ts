import { z } from "zod";
import { UserRefSchema } from "../users/user.schema";

export const AUDIT_ACTIONS = [
  "auth.register",
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "auth.refresh_reuse_detected",
  "auth.password_reset_requested",
  "auth.password_reset",
  "user.profile_updated",
  "project.created",
  "project.renamed",
  "project.deleted",
  "api_key.created",
  "api_key.rotated",
  "api_key.deleted",
  "member.added",
  "member.role_changed",
  "member.removed",
  "settings.updated",
  "config.updated",
  "config.restored",
  "environment.created",
  "environment.deleted",
  "config_type.updated",
  "config_type.deleted",
  "secret.created",
  "secret.updated",
  "secret.rotated",
  "secret.revealed",
  "secret.deleted",
  "secret.delivered",
  "secrets.kek_rotated",
  "incident.create",
  "incident.open",
  "incident.acknowledge",
  "incident.resolve",
  "incident.reopen",
  "incident.mitigate",
  "integration.configured",
  "integration.rotated",
  "remediation.applied",
  "remediation.rolled_back",
  "remediation.expired",
] as const;

export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  chain: z.string(),
  seq: z.number().int(),
  action: z.string(),
  actorId: z.string().nullable(),
  projectId: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntrySchema>;

/** A project's audit entry as listed: with who the actor is, also after they left the project. */
export const ProjectAuditEntrySchema = AuditEntrySchema.extend({
  actor: UserRefSchema.nullable(),
});
export type ProjectAuditEntryView = z.infer<typeof ProjectAuditEntrySchema>;

/** REST envelope of GET /api/v1/projects/{projectId}/audit. */
export const ProjectAuditListSchema = z.object({ entries: z.array(ProjectAuditEntrySchema) });
export type ProjectAuditList = z.infer<typeof ProjectAuditListSchema>;

export const AuditVerificationSchema = z.object({
  chain: z.string(),
  ok: z.boolean(),
  entries: z.number().int(),
  /** The first entry whose stored hash or link does not match, if any. */
  firstBroken: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

/** Filters shared by the list and the JSON Lines export. `action` ending in "." matches a family ("secret."). */
export const AuditFilterSchema = z.object({
  projectId: z.uuid({ error: "projectId must be a UUID" }),
  action: z.string().trim().min(1).max(100).optional(),
  actorId: z.uuid({ error: "actorId must be a UUID" }).optional(),
  targetType: z.string().trim().min(1).max(50).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const ListProjectAuditInputSchema = AuditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  beforeSeq: z.coerce.number().int().positive().optional(),
});
export type ListProjectAuditInput = z.infer<typeof ListProjectAuditInputSchema>;
