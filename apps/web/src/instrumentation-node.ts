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
await getApp();
