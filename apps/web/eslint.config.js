import base from "@llmguard/eslint-config";

const nodeGlobals = Object.fromEntries(
  ["process", "console", "Buffer", "URL", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "globalThis"].map((g) => [g, "readonly"]),
);

export default [
  { ignores: [".next/**", "next-env.d.ts", "e2e/artifacts/**", "test-results/**", "playwright-report/**"] },
  ...base,
  // The custom server is a plain Node entry point that reads its configuration from the environment.
  { files: ["server.mjs", "cluster.mjs"], languageOptions: { globals: nodeGlobals }, rules: { "no-restricted-properties": "off" } },
  { files: ["smoke/**"], rules: { "no-restricted-properties": "off" } },
];
