// The throw-away PostgreSQL database of a Playwright run (and of the smoke suite): the helpers of
// @llmguard/db/testing, in their synchronous form so playwright.config.ts can create the database
// while it loads, before the webServer starts.
import { newDatabaseName as newThrowAwayName } from "@llmguard/db/testing";

export { createDatabaseSync, databaseUrlFor, DEFAULT_TEST_DATABASE_URL, dropDatabaseSync } from "@llmguard/db/testing";

/** `llmguard_e2e_<random>`: lower-case, so it needs no quoting. */
export function newDatabaseName(): string {
  return newThrowAwayName("llmguard_e2e");
}
