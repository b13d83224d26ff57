import { defineConfig } from "vitest/config";

// Pure code: no database, no global set-up. training/ holds the generators of the classifier's data.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "training/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
