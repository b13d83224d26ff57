// Shared lint rules. The restricted imports keep the dependency direction of ARCHITECTURE.md:
// apps -> api | jobs -> domain -> db. `process.env` is read only in env.ts files (STYLE.md §6).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const frameworkImports = [
  { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "domain and db never import Next." },
  { group: ["@trpc/*"], message: "domain and db never import tRPC." },
  { group: ["inngest", "inngest/*", "@inngest/*"], message: "domain and db never import Inngest." },
  { group: ["@llmguard/api", "@llmguard/api/*", "@llmguard/jobs", "@llmguard/jobs/*"], message: "dependencies point one way: domain never imports adapters." },
];

export const base = tseslint.config(
  { ignores: ["**/generated/**", "**/.next/**", "**/dist/**", "**/node_modules/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through env.ts." }],
    },
  },
  { files: ["**/env.ts", "**/*.test.ts", "**/testing.ts", "**/*.config.ts", "**/scripts/**", "**/e2e/**", "**/bench/**"], rules: { "no-restricted-properties": "off" } },
);

/** For packages/domain and packages/db. */
export const core = tseslint.config(...base, {
  rules: { "no-restricted-imports": ["error", { patterns: frameworkImports }] },
});

export default base;
