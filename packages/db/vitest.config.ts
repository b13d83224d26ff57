import { defineConfig } from "vitest/config";
import { workspaceCoverage } from "../../scripts/lib/vitest-coverage.ts";

export default defineConfig({
  test: {
    coverage: workspaceCoverage("db"),
    include: ["src/**/*.test.ts"],
    globalSetup: ["./src/vitest-global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
