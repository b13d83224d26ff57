import { createTestDatabase, type TestDatabase } from "@llmguard/db/testing";
import { createApp, type App } from "./app";
import { loadServerEnv, type ServerEnv } from "./env";
import type { EventSink } from "./shared/events";
import { createLogger } from "./shared/logger";

export const TEST_PASSWORD = "correct-horse-42";

/** An App on a fresh, migrated PostgreSQL database, with test secrets and a silent logger. */
export async function createTestApp(overrides: Partial<Record<keyof ServerEnv, string>> = {}, opts: { events?: EventSink; database?: TestDatabase } = {}): Promise<App & { database: TestDatabase }> {
  const database = opts.database ?? (await createTestDatabase());
  const env = loadServerEnv({
    NODE_ENV: "test",
    JWT_SECRET: "test-jwt-secret-test-jwt-secret-test-jwt-secret",
    API_KEY_PEPPER: "test-pepper-test-pepper-test-pepper-test-pepper",
    SECRETS_MASTER_KEY: "test-master-key-test-master-key-test-master-key",
    APP_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
    ...overrides,
  });
  const app = await createApp({ env, db: database.db, logger: createLogger({ level: env.LOG_LEVEL }), listenUrl: database.url, events: opts.events });
  return {
    ...app,
    database,
    async close() {
      await app.close();
      if (!opts.database) await database.drop();
    },
  };
}

let counter = 0;
/** A unique e-mail per call, so tests never collide. */
export function uniqueEmail(tag = "user"): string {
  counter++;
  return `${tag}-${process.pid}-${Date.now()}-${counter}@example.test`;
}
