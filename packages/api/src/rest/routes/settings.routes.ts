import {
  getProjectSettings,
  listSettingsHistory,
  ProjectRefSchema,
  ProjectSettingsSchema,
  SettingsVersionListSchema,
  updateProjectSettings,
  UpdateProjectSettingsInputSchema,
} from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** Project settings and their versions (bearer access token). */
export const settingsRoutes = [
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
    input: ProjectRefSchema, output: SettingsVersionListSchema,
    handler: async ({ app, user, input }) => ({ versions: await listSettingsHistory({ app, userId: user.userId, projectId: input.projectId }) }),
  }),
];
