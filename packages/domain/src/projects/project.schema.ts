import { z } from "zod";
import { ApiKeyCreatedSchema } from "../api-keys/api-key.schema";
import { PROJECT_ROLES } from "./permissions.schema";

export const ProjectIdSchema = z.uuid({ error: "projectId must be a UUID" });
export const ProjectNameSchema = z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters");
export const ProjectRoleSchema = z.enum(PROJECT_ROLES);

export const CreateProjectInputSchema = z.object({ name: ProjectNameSchema });
export type CreateProjectInput = z.infer<typeof CreateProjectInputSchema>;

export const ProjectRefSchema = z.object({ projectId: ProjectIdSchema });
export const RenameProjectInputSchema = z.object({ projectId: ProjectIdSchema, name: ProjectNameSchema });
export type RenameProjectInput = z.infer<typeof RenameProjectInputSchema>;

export const KeyStatusSchema = z.enum(["active", "expired", "none"]);

export const ProjectSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.date(),
  role: ProjectRoleSchema,
  /** "active" when at least one key works, "expired" when all have expired, "none" without keys. */
  keyStatus: KeyStatusSchema,
  activeKeys: z.number().int(),
  lastUsedAt: z.date().nullable(),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

/** REST envelope of GET /api/v1/projects. */
export const ProjectListSchema = z.object({ projects: z.array(ProjectSummarySchema) });
export type ProjectList = z.infer<typeof ProjectListSchema>;

export const ProjectCreatedSchema = z.object({ project: ProjectSummarySchema, apiKey: ApiKeyCreatedSchema });
export type ProjectCreated = z.infer<typeof ProjectCreatedSchema>;

export const MemberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: ProjectRoleSchema,
  createdAt: z.date(),
});
export type Member = z.infer<typeof MemberSchema>;

/** REST envelope of GET /api/v1/projects/{projectId}/members. */
export const MemberListSchema = z.object({ members: z.array(MemberSchema) });
export type MemberList = z.infer<typeof MemberListSchema>;

/** Invite an existing user by e-mail. Ownership is not transferable here: the owner is the creator. */
export const AddMemberInputSchema = z.object({
  projectId: ProjectIdSchema,
  email: z.string().trim().max(254).transform((e) => e.toLowerCase()),
  role: z.enum(["admin", "developer", "viewer"]),
});
export type AddMemberInput = z.infer<typeof AddMemberInputSchema>;

export const ChangeMemberRoleInputSchema = z.object({
  projectId: ProjectIdSchema,
  userId: z.uuid(),
  role: z.enum(["admin", "developer", "viewer"]),
});
export type ChangeMemberRoleInput = z.infer<typeof ChangeMemberRoleInputSchema>;

export const RemoveMemberInputSchema = z.object({ projectId: ProjectIdSchema, userId: z.uuid() });
export type RemoveMemberInput = z.infer<typeof RemoveMemberInputSchema>;
