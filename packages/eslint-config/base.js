// Shared lint rules. The restricted imports keep the dependency direction of ARCHITECTURE.md:
// apps -> api | jobs -> domain -> db, keep server code out of the browser bundle, and keep the published
// SDK and CLI free of run-time dependencies. `process.env` is read only in env.ts files (STYLE.md §6).
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

const testFiles = ["**/*.test.ts", "**/*.spec.ts", "**/testing/**", "**/testing.ts"];

const nextImports = { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "packages/api never imports Next; apps/web mounts its handlers." };

/**
 * For packages/api: adapters reach the database only through the domain, and are framework-neutral
 * (apps/web mounts them in Next). Tests may open extra database clients (a second instance, a client
 * behind a fault-injecting proxy) with @llmguard/db.
 */
export const api = tseslint.config(
  ...base,
  {
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@llmguard/db", "@llmguard/db/*"], message: "packages/api reaches the database only through @llmguard/domain (apps -> api -> domain -> db)." },
            nextImports,
          ],
        },
      ],
    },
  },
  { files: testFiles, rules: { "no-restricted-imports": ["error", { patterns: [nextImports] }] } },
);

/**
 * For the published, dependency-free packages (packages/sdk, packages/cli): their shipped source takes
 * types from the workspace (`import type`, erased from the build; STYLE.md §9) but imports nothing of it,
 * nor zod or Prisma, at run time. Their tests may use the workspace freely.
 */
export const published = tseslint.config(...base, {
  files: ["src/**/*.ts"],
  ignores: testFiles,
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: ["@llmguard/*"],
            allowTypeImports: true,
            message: "Published packages have no run-time dependency on the workspace: use `import type` (erased from the build).",
          },
          {
            group: ["zod", "zod/*", "prisma", "prisma/*", "@prisma/*"],
            allowTypeImports: true,
            message: "Published packages ship without dependencies: no zod or Prisma at run time (`import type` is fine).",
          },
        ],
      },
    ],
  },
});

/**
 * Imports client code (React client components and the modules they pull into the browser bundle)
 * must not make: the database, the server barrels, server-only modules. `@llmguard/domain/schemas`
 * (the client-safe barrel) and `@llmguard/api/client` (the router's types) are the allowed ways in.
 * apps/web applies this to its "use client" files and to src/components/** (its eslint.config.js).
 */
export const clientImportPatterns = [
  { group: ["@llmguard/db", "@llmguard/db/*"], message: "Client code never imports the database; ask the server through tRPC." },
  {
    regex: "^@llmguard/domain(/(?!schemas$).*)?$",
    message: "Client code imports only @llmguard/domain/schemas (the client-safe barrel); the rest of the domain is server-only.",
  },
  { regex: "^@llmguard/api(/(?!client$).*)?$", message: "Client code imports only @llmguard/api/client (the router's types)." },
  { group: ["@llmguard/jobs", "@llmguard/jobs/*"], message: "Client code never imports the jobs." },
  { group: ["server-only"], message: "A client component cannot import a server-only module." },
  {
    // apps/web's own server-only modules, by alias or relative path: src/server/*, src/env.ts, src/app/_lib/session.ts
    regex: "^(~/|(\\.\\.?/)+)(server(/|$)|env$|app/_lib/session$|_lib/session$)",
    message: "A client component cannot import a server-only module (src/server/*, src/env.ts, src/app/_lib/session.ts).",
  },
];

export default base;
