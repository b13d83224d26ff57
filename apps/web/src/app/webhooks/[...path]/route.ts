import { createRestHandler, restRoutes } from "@llmguard/api";
import { getApp } from "~/server/app";

// Inbound webhooks (/webhooks/datadog, …) are routes of the one REST table (packages/api/src/rest/routes/webhook.routes.ts):
// this file only forwards, like app/api/v1/[...path]/route.ts. They authenticate their sender themselves, so no session is read.
export const dynamic = "force-dynamic";
const handle = createRestHandler(getApp, restRoutes);

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };
