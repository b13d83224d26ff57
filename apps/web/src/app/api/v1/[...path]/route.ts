import { createRestHandler, restRoutes } from "@llmguard/api";
import { getApp } from "~/server/app";
import { accessTokenFrom } from "~/server/auth";

// Every /api/v1 route is defined once in packages/api/src/rest/routes/ (one table per feature); this file only forwards.
export const dynamic = "force-dynamic";
const handle = createRestHandler(getApp, restRoutes, { accessTokenFrom });

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };
