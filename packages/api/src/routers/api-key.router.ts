import { z } from "zod";
import {
  ApiKeyCreatedSchema,
  ApiKeyRefSchema,
  ApiKeySchema,
  createApiKey,
  CreateApiKeyInputSchema,
  deleteApiKey,
  listApiKeys,
  ListApiKeysInputSchema,
  rotateApiKey,
} from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

export const apiKeyRouter = router({
  list: authedProcedure
    .input(ListApiKeysInputSchema)
    .output(z.array(ApiKeySchema))
    .query(({ ctx, input }) => listApiKeys({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
  create: authedProcedure
    .input(CreateApiKeyInputSchema)
    .output(ApiKeyCreatedSchema)
    .mutation(({ ctx, input }) => createApiKey({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  rotate: authedProcedure
    .input(ApiKeyRefSchema)
    .output(ApiKeyCreatedSchema)
    .mutation(({ ctx, input }) => rotateApiKey({ app: ctx.app, userId: ctx.user.userId, ref: input, ip: ctx.ip })),
  delete: authedProcedure.input(ApiKeyRefSchema).mutation(async ({ ctx, input }) => {
    await deleteApiKey({ app: ctx.app, userId: ctx.user.userId, ref: input, ip: ctx.ip });
    return { ok: true as const };
  }),
});
