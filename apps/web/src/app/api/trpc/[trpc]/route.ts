import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createTrpcContext } from "@llmguard/api";
import { isDomainError, noteRequest } from "@llmguard/domain";
import { getApp } from "~/server/app";
import { accessTokenFrom, requestMeta } from "~/server/auth";

export const dynamic = "force-dynamic";

async function handler(req: Request) {
  const app = await getApp();
  noteRequest({ route: `trpc ${new URL(req.url).pathname.replace(/^\/api\/trpc\//, "")}` });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => createTrpcContext({ app, accessToken: await accessTokenFrom(req), ...requestMeta(req, app) }),
    // 429 and 503 tell the client when to retry, as REST does.
    responseMeta({ errors }) {
      const wait = Math.max(0, ...errors.map((e) => (isDomainError(e.cause) ? (e.cause.retryAfterSeconds ?? 0) : 0)));
      return wait > 0 ? { headers: new Headers({ "retry-after": String(wait) }) } : {};
    },
  });
}

export { handler as GET, handler as POST };
