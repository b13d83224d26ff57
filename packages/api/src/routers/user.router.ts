import { getProfile, ProfileSchema, updateProfile, UpdateProfileInputSchema } from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

export const userRouter = router({
  me: authedProcedure.output(ProfileSchema).query(({ ctx }) => getProfile({ app: ctx.app, userId: ctx.user.userId })),
  update: authedProcedure
    .input(UpdateProfileInputSchema)
    .output(ProfileSchema)
    .mutation(({ ctx, input }) => updateProfile({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
});
