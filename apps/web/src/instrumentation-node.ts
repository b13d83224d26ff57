import { createNodeRestHandler, restRoutes } from "@llmguard/api";
import { GLOBAL_KEYS } from "@llmguard/domain/process-globals";
import { webEnv } from "./env";
import { getApp } from "./server/app";
import { accessTokenFrom } from "./server/auth";

// Validate the environment at start-up: a bad value stops the server with a clear message instead of
// failing requests later. Then open the database, so the embedded PGlite folder is claimed at start.
try {
  webEnv();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
// server.mjs hands every request to the REST adapter before Next: /api/v1/* and /webhooks/* are served
// from the route table on node:http (packages/api/src/rest/node-adapter.ts; ARCHITECTURE decision 14),
// the rest goes on to Next. The REST API accepts the dashboard's session cookie too (accessTokenFrom).
// Open config streams end first on shutdown so draining does not wait for them: their SDKs reconnect
// to another instance. Installed before the App is awaited: server.mjs waits for it before it listens.
const g = globalThis as unknown as Record<symbol, unknown>;
g[GLOBAL_KEYS.restHandler] = createNodeRestHandler(getApp, restRoutes, { accessTokenFrom });
const app = await getApp();

((g[GLOBAL_KEYS.drainHooks] ??= []) as (() => void)[]).push(() => app.configHub.closeAll());
