import { z } from "zod";
import {
  deleteSecret,
  listSecrets,
  ProjectRefSchema,
  RevealedSecretSchema,
  revealSecret,
  rotateSecret,
  RotateSecretInputSchema,
  SecretMetadataSchema,
  SecretRefSchema,
  setSecret,
  SetSecretInputSchema,
  updateSecretMetadata,
  UpdateSecretMetadataInputSchema,
} from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

/** The dashboard's secrets page: the same services and schemas as rest/routes/secret.routes.ts. */
export const secretRouter = router({
  list: authedProcedure
    .input(ProjectRefSchema)
    .output(z.array(SecretMetadataSchema))
    .query(({ ctx, input }) => listSecrets({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
  set: authedProcedure
    .input(SetSecretInputSchema)
    .output(SecretMetadataSchema)
    .mutation(({ ctx, input }) => setSecret({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  update: authedProcedure
    .input(UpdateSecretMetadataInputSchema)
    .output(SecretMetadataSchema)
    .mutation(({ ctx, input }) => updateSecretMetadata({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  reveal: authedProcedure
    .input(SecretRefSchema)
    .output(RevealedSecretSchema)
    .mutation(({ ctx, input }) => revealSecret({ app: ctx.app, userId: ctx.user.userId, ref: input, ip: ctx.ip })),
  rotate: authedProcedure
    .input(RotateSecretInputSchema)
    .output(SecretMetadataSchema)
    .mutation(({ ctx, input }) => rotateSecret({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  delete: authedProcedure
    .input(SecretRefSchema)
    .mutation(({ ctx, input }) => deleteSecret({ app: ctx.app, userId: ctx.user.userId, ref: input, ip: ctx.ip })),
});
