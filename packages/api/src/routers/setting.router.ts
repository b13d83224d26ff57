import { z } from "zod";
import {
  getProjectSettings,
  listSettingsHistory,
  ProjectRefSchema,
  ProjectSettingsSchema,
  SettingsVersionSchema,
  updateProjectSettings,
  UpdateProjectSettingsInputSchema,
} from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

export const settingRouter = router({
  get: authedProcedure
    .input(ProjectRefSchema)
    .output(ProjectSettingsSchema)
    .query(({ ctx, input }) => getProjectSettings({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
  update: authedProcedure
    .input(UpdateProjectSettingsInputSchema)
    .output(ProjectSettingsSchema)
    .mutation(({ ctx, input }) => updateProjectSettings({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  listHistory: authedProcedure
    .input(ProjectRefSchema)
    .output(z.array(SettingsVersionSchema))
    .query(({ ctx, input }) => listSettingsHistory({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
});
