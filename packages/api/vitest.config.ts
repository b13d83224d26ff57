import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: ["@llmguard/db/vitest-global-setup"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
