// Domain's rules plus one: the guard's shipped source imports only its own files (no packages, not even
// Node built-ins), because the SDK compiles it into a dependency-free dist and other runtimes may run it.
// Tests and their helpers may import vitest.
import { core } from "@llmguard/eslint-config";

export default [
  ...core,
  {
    files: ["src/**/*.ts"],
    ignores: ["**/*.test.ts", "**/test-support.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(?!\\.\\.?/)", message: "@llmguard/guard has zero dependencies: import only its own files (relative, with .js)." }] },
      ],
    },
  },
];
