import { createFastPath } from "@llmguard/api";
import { GLOBAL_KEYS } from "@llmguard/domain/process-globals";
import { webEnv } from "./env";
import { getApp } from "./server/app";

// Validate the environment at start-up: a bad value stops the server with a clear message instead of
// failing requests later. Then open the database, so the embedded PGlite folder is claimed at start.
try {
  webEnv();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
const app = await getApp();

// server.mjs serves GET /api/v1/config and /api/v1/config/stream through this before Next's router
// (packages/api/src/rest/fast-path.ts explains why), and ends open config streams first on shutdown so
// draining does not wait for them: their SDKs reconnect to another instance.
const g = globalThis as unknown as Record<symbol, unknown>;
g[GLOBAL_KEYS.fastPath] = createFastPath(getApp);
((g[GLOBAL_KEYS.drainHooks] ??= []) as (() => void)[]).push(() => app.configHub.closeAll());
