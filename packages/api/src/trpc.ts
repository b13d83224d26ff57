import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import {
  authenticateAccessToken,
  describeError,
  DomainError,
  ERROR_CODES,
  isDomainError,
  isZodError,
  noteRequest,
  safeJson,
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

/** Our code for one of tRPC's own errors (an unknown procedure, a malformed request): the first table entry with that tRPC code. */
const CODE_OF_TRPC = new Map<string, ErrorCode>();
for (const [code, entry] of Object.entries(ERROR_CODES) as [ErrorCode, (typeof ERROR_CODES)[ErrorCode]][]) {
  if (!CODE_OF_TRPC.has(entry.trpc)) CODE_OF_TRPC.set(entry.trpc, code);
}
CODE_OF_TRPC.set("PARSE_ERROR", "VALIDATION_FAILED");

/** A domain or Zod failure carried by a tRPC error: described by the one mapping (describeError). */
function describedCause(error: TRPCError) {
  return isDomainError(error.cause) || isZodError(error.cause) ? describeError(error.cause) : null;
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const d = describedCause(error);
    const code: ErrorCode = d?.code ?? CODE_OF_TRPC.get(error.code) ?? "INTERNAL";
    return {
      ...shape,
      message: shape.data.httpStatus >= 500 && !d ? "Internal server error" : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        code,
        details: d?.details ?? null,
        ...(d?.retryAfterSeconds ? { retryAfterSeconds: d.retryAfterSeconds } : {}),
      },
    };
  },
});

/**
 * Maps any failure of a procedure through describeError — the same code, status and message REST
 * answers — keeping the DomainError as `cause`, and logs unexpected errors once.
 */
const errorMapping = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const { error } = result;
    if (isDomainError(error.cause) || isZodError(error.cause) || error.code === "INTERNAL_SERVER_ERROR") {
      const d = describeError(error.cause ?? error);
      if (d.logLevel === "error") ctx.app.logger.error({ err: d.cause ?? error, path }, "unhandled error in tRPC procedure");
      else if (d.status >= 500) ctx.app.logger.warn({ code: d.code, path }, `${d.code} in tRPC procedure`);
      throw new TRPCError({ code: d.trpcCode, message: d.message, cause: d.error });
    }
  }
  return result;
});

/** Text is made safe at the edge (ARCHITECTURE decision 13): NUL and lone surrogates become U+FFFD before any input parser. */
const safeInput = t.middleware(async ({ next, getRawInput }) => next({ getRawInput: async () => safeJson(await getRawInput()) }));

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errorMapping).use(safeInput);

/** Requires a valid access token on an open session; counts toward the per-user rate limit. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user: AuthenticatedUser | null = ctx.accessToken ? await authenticateAccessToken({ app: ctx.app, token: ctx.accessToken }) : null;
  if (!user) throw new DomainError("UNAUTHENTICATED", "Authentication required");
  await ctx.app.limits.perUser.consume(user.userId);
  noteRequest({ userId: user.userId });
  return next({ ctx: { ...ctx, user } });
});
