import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import base, { clientImportPatterns } from "@llmguard/eslint-config";

const nodeGlobals = Object.fromEntries(
  ["process", "console", "Buffer", "URL", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "globalThis"].map((g) => [g, "readonly"]),
);

// Client code: every file under src/ that starts with the "use client" directive (components, client
// pages, providers), found when the config loads, plus everything in src/components (the modules client
// components are built from, directive or not).
const here = path.dirname(fileURLToPath(import.meta.url));
const USE_CLIENT = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use client["']/;
const clientFiles = readdirSync(path.join(here, "src"), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && USE_CLIENT.test(readFileSync(path.join(e.parentPath, e.name), "utf8")))
  .map((e) => path.relative(here, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
  .filter((f) => !f.startsWith("src/components/"));

export default [
  { ignores: [".next/**", "next-env.d.ts", "e2e/artifacts/**", "test-results/**", "playwright-report/**"] },
  ...base,
  // The custom server is a plain Node entry point that reads its configuration from the environment.
  { files: ["server.mjs", "cluster.mjs", "telemetry.mjs", "metrics.mjs", "error-envelope.mjs"], languageOptions: { globals: nodeGlobals }, rules: { "no-restricted-properties": "off" } },
  { files: ["smoke/**"], rules: { "no-restricted-properties": "off" } },
  // What reaches the browser bundle: no database, no server barrels, no server-only modules (ARCHITECTURE layers).
  {
    files: ["src/components/**/*.{ts,tsx}", ...clientFiles],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: clientImportPatterns }] },
  },
];
