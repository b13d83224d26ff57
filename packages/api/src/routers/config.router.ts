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
  ProjectRefSchema,
  restoreConfig,
  RestoreInputSchema,
  setConfig,
  SetConfigInputSchema,
  setKeyType,
  SetKeyTypeInputSchema,
  VersionRefSchema,
} from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";


/** The dashboard's config editor: the same services and schemas as the REST routes in rest/routes/config.routes.ts. */
export const configRouter = router({
  listEnvironments: authedProcedure
    .input(ProjectRefSchema)
    .output(z.array(EnvironmentSchema))
    .query(({ ctx, input }) => listEnvironments({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
  createEnvironment: authedProcedure
    .input(CreateEnvironmentInputSchema)
    .output(EnvironmentSchema)
    .mutation(({ ctx, input }) => createEnvironment({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  deleteEnvironment: authedProcedure
    .input(EnvironmentRefSchema)
    .mutation(({ ctx, input }) => deleteEnvironment({ app: ctx.app, userId: ctx.user.userId, ref: input, ip: ctx.ip })),
  getEffective: authedProcedure
    .input(GetEffectiveConfigInputSchema)
    .output(EffectiveConfigSchema)
    .query(({ ctx, input }) => getEffectiveConfig({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  set: authedProcedure
    .input(SetConfigInputSchema)
    .output(ConfigWriteResultSchema)
    .mutation(({ ctx, input }) => setConfig({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  listVersions: authedProcedure
    .input(ListVersionsInputSchema)
    .output(z.array(ConfigVersionSummarySchema))
    .query(({ ctx, input }) => listConfigHistory({ app: ctx.app, userId: ctx.user.userId, input })),
  getVersion: authedProcedure
    .input(VersionRefSchema)
    .output(ConfigVersionDetailSchema)
    .query(({ ctx, input }) => getConfigVersionDetail({ app: ctx.app, userId: ctx.user.userId, input })),
  diff: authedProcedure
    .input(DiffInputSchema)
    .output(ConfigDiffSchema)
    .query(({ ctx, input }) => diffConfig({ app: ctx.app, userId: ctx.user.userId, input })),
  restore: authedProcedure
    .input(RestoreInputSchema)
    .output(ConfigWriteResultSchema)
    .mutation(({ ctx, input }) => restoreConfig({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  listTypes: authedProcedure
    .input(ProjectRefSchema)
    .output(z.array(KeyTypeSchema))
    .query(({ ctx, input }) => listKeyTypes({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
  setType: authedProcedure
    .input(SetKeyTypeInputSchema)
    .output(KeyTypeSchema)
    .mutation(({ ctx, input }) => setKeyType({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  deleteType: authedProcedure
    .input(KeyTypeRefSchema)
    .mutation(({ ctx, input }) => deleteKeyType({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId, key: input.key, ip: ctx.ip })),
  listTemplates: authedProcedure.output(z.array(ConfigTemplateSchema)).query(() => CONFIG_TEMPLATES),
});
