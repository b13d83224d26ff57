import { defineConfig } from "vitest/config";

// No database: the jobs are tested with injected handlers (the domain tests its own services).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    pool: "forks",
  },
});
