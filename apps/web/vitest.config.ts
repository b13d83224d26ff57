import { defineConfig } from "vitest/config";

// The smoke suite: the built product (`pnpm build` first) started with `node server.mjs` on the
// embedded database and driven over real HTTP. Playwright (e2e/) covers the browser.
export default defineConfig({
  test: {
    include: ["smoke/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
    fileParallelism: false,
  },
});
