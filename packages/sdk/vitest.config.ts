import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
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
