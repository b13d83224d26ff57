import {
  confirmPasswordReset,
  OkSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  RegisterInputSchema,
  RegisteredUserSchema,
  registerUser,
  requestPasswordReset,
  logoutUser,
} from "@llmguard/domain";
import { authedProcedure, publicProcedure, router } from "../trpc";

// Login itself goes through next-auth in the dashboard and POST /api/v1/auth/login for programs;
// both call the same loginUser service.
export const authRouter = router({
  register: publicProcedure
    .input(RegisterInputSchema)
    .output(RegisteredUserSchema)
    .mutation(({ ctx, input }) => registerUser({ app: ctx.app, input, meta: ctx })),
  requestPasswordReset: publicProcedure
    .input(PasswordResetRequestSchema)
    .output(OkSchema)
    .mutation(async ({ ctx, input }) => {
      await requestPasswordReset({ app: ctx.app, email: input.email, meta: ctx });
      return { ok: true as const };
    }),
  confirmPasswordReset: publicProcedure
    .input(PasswordResetConfirmSchema)
    .output(OkSchema)
    .mutation(async ({ ctx, input }) => {
      await confirmPasswordReset({ app: ctx.app, token: input.token, password: input.password, meta: ctx });
      return { ok: true as const };
    }),
  logout: authedProcedure.output(OkSchema).mutation(async ({ ctx }) => {
    await logoutUser({ app: ctx.app, sessionId: ctx.user.sessionId, meta: ctx });
    return { ok: true as const };
  }),
});
