import { defineConfig } from "vitest/config";
import { workspaceCoverage } from "../../scripts/lib/vitest-coverage.ts";

// Pure code: no database, no global set-up. training/ holds the generators of the classifier's data.
export default defineConfig({
  test: {
    coverage: workspaceCoverage("guard"),
    include: ["src/**/*.test.ts", "training/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
