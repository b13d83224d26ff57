import { defineConfig } from "vitest/config";
import { workspaceCoverage } from "../../scripts/lib/vitest-coverage.ts";

export default defineConfig({
  test: {
    coverage: workspaceCoverage("domain"),
    include: ["src/**/*.test.ts"],
    globalSetup: ["@llmguard/db/vitest-global-setup"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
