import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createTrpcContext } from "@llmguard/api";
import { noteRequest } from "@llmguard/domain";
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
    createContext: async () => createTrpcContext({ app, accessToken: await accessTokenFrom(req), ...requestMeta(req) }),
  });
}

export { handler as GET, handler as POST };
