import { defineConfig } from "vitest/config";
import { workspaceCoverage } from "../../scripts/lib/vitest-coverage.ts";

export default defineConfig({
  test: {
    coverage: workspaceCoverage("cli"),
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The integration suites run the CLI against the real REST dispatcher on a fresh PostgreSQL database per file.
    globalSetup: ["@llmguard/db/vitest-global-setup"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
