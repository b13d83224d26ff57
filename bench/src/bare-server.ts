// Diagnostic for `pnpm bench`: the same REST dispatcher and domain code as the product, served by a bare
// node:http server (packages/api's serveRest, the one the REST integration tests use) instead of Next.
// Comparing its ingest figures with the production server's isolates what the Next route layer costs.
// Started by run.ts as a child process on the benchmark database; prints "BARE READY <url>".
import { createApp, createLogger, loadServerEnv } from "@llmguard/domain";
import { serveRest } from "@llmguard/api/testing";

const env = loadServerEnv({ ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn" });
const app = await createApp({ env, logger: createLogger({ level: "warn" }) });
const served = await serveRest(app);
process.stdout.write(`BARE READY ${served.url}\n`);
const stop = async () => {
  await served.close();
  await app.close();
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
