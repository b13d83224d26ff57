import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import {
  authenticateAccessToken,
  DomainError,
  ERROR_CODES,
  noteRequest,
  toDomainError,
  zodDetails,
  type App,
  type AuthenticatedUser,
  type ErrorCode,
} from "@llmguard/domain";

/**
 * tRPC context. The web adapter extracts the access token, from `Authorization: Bearer` or from the
 * next-auth session (which carries the same access token), so both go through one check.
 */
export interface TrpcContext {
  app: App;
  accessToken: string | null;
  ip: string | null;
  userAgent: string | null;
}

export function createTrpcContext(ctx: TrpcContext): TrpcContext {
  return ctx;
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const domain = error.cause instanceof DomainError ? error.cause : null;
    const zod = error.cause instanceof ZodError ? error.cause : null;
    const code: ErrorCode = domain?.code ?? (zod ? "VALIDATION_FAILED" : (shape.data.httpStatus >= 500 ? "INTERNAL" : "VALIDATION_FAILED"));
    return {
      ...shape,
      message: shape.data.httpStatus >= 500 && !domain ? "Internal server error" : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        code,
        details: domain?.details ?? (zod ? zodDetails(zod) : null),
      },
    };
  },
});

/** Maps DomainError to TRPCError (keeping the cause) and logs unexpected errors once. */
const errorMapping = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) {
      throw new TRPCError({ code: ERROR_CODES[cause.code].trpc, message: cause.message, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      const err = toDomainError(cause ?? result.error);
      ctx.app.logger.error({ err: cause ?? result.error, path }, "unhandled error in tRPC procedure");
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal server error", cause: err });
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errorMapping);

/** Requires a valid access token on an open session; counts toward the per-user rate limit. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user: AuthenticatedUser | null = ctx.accessToken ? await authenticateAccessToken({ app: ctx.app, token: ctx.accessToken }) : null;
  if (!user) throw new DomainError("UNAUTHENTICATED", "Authentication required");
  await ctx.app.limits.perUser.consume(user.userId);
  noteRequest({ userId: user.userId });
  return next({ ctx: { ...ctx, user } });
});
