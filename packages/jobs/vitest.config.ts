import { defineConfig } from "vitest/config";
import { workspaceCoverage } from "../../scripts/lib/vitest-coverage.ts";

// No database: the jobs are tested with injected handlers (the domain tests its own services).
export default defineConfig({
  test: {
    coverage: workspaceCoverage("jobs"),
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    pool: "forks",
  },
});
