import { defineConfig } from "vitest/config";
import { workspaceCoverage } from "../../scripts/lib/vitest-coverage.ts";

export default defineConfig({
  test: {
    coverage: workspaceCoverage("sdk"),
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // src/guard links to packages/guard/src, whose tests run in that package.
    exclude: ["src/guard/**", "**/node_modules/**"],
    // The end-to-end suite runs the real ingest route on a fresh PostgreSQL database per file.
    globalSetup: ["@llmguard/db/vitest-global-setup"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
