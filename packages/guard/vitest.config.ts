import { defineConfig } from "vitest/config";

// Pure code: no database, no global set-up.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
