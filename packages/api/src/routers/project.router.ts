import { z } from "zod";
import {
  CreateProjectInputSchema,
  createProject,
  deleteProject,
  getProject,
  listProjects,
  ProjectCreatedSchema,
  ProjectRefSchema,
  ProjectSummarySchema,
  renameProject,
  RenameProjectInputSchema,
} from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

export const projectRouter = router({
  list: authedProcedure.output(z.array(ProjectSummarySchema)).query(({ ctx }) => listProjects({ app: ctx.app, userId: ctx.user.userId })),
  byId: authedProcedure
    .input(ProjectRefSchema)
    .output(ProjectSummarySchema)
    .query(({ ctx, input }) => getProject({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
  create: authedProcedure
    .input(CreateProjectInputSchema)
    .output(ProjectCreatedSchema)
    .mutation(({ ctx, input }) => createProject({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  rename: authedProcedure
    .input(RenameProjectInputSchema)
    .output(ProjectSummarySchema)
    .mutation(({ ctx, input }) => renameProject({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId, name: input.name, ip: ctx.ip })),
  delete: authedProcedure.input(ProjectRefSchema).mutation(async ({ ctx, input }) => {
    await deleteProject({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId, ip: ctx.ip });
    return { ok: true as const };
  }),
});
