import { DEFAULT_TEST_DATABASE_URL, dropDatabaseSync } from "./database";

/**
 * Drops the run's database (created in playwright.config.ts). Playwright runs this before it stops
 * the webServer, so the drop uses FORCE to end the server's connections; the server's invalidation
 * listener reports that as one warn line (57P01) and retries quietly until it is stopped
 * (packages/domain/src/shared/invalidation.ts). playwright.config.ts also drops it on process exit,
 * which covers runs that fail before tests start.
 */
export default function globalTeardown(): void {
  const name = process.env.LLMGUARD_E2E_DATABASE;
  if (!name || process.env.LLMGUARD_E2E_DATABASE_OWNED !== String(process.pid)) return;
  try {
    dropDatabaseSync(process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL, name);
  } catch (err) {
    console.warn(`Could not drop the e2e database ${name}: ${String(err)}`);
  }
}
