import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { workspaceCoverage } from "../../scripts/lib/vitest-coverage.ts";

// Two projects; `vitest run` runs both, `vitest run --project unit` only the fast one.
// - unit: plain modules of src/ tested beside the code (src/**/*.test.ts); no server, no database.
// - smoke: the built product (`pnpm build` first) started with `node server.mjs` on the embedded database
//   and driven over real HTTP. Playwright (e2e/) covers the browser.
export default defineConfig({
  test: {
    coverage: workspaceCoverage("web"),
    teardownTimeout: 30_000,
    projects: [
      {
        resolve: { alias: { "~": fileURLToPath(new URL("./src", import.meta.url)) } },
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "smoke",
          include: ["smoke/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
