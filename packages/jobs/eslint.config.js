// packages/jobs: adapters like packages/api (apps -> api | jobs -> domain -> db). Jobs reach the database
// only through @llmguard/domain, never import Next (apps/web mounts the serve handler), and never import
// the tRPC adapters.
import { base } from "@llmguard/eslint-config";

export default [
  ...base,
  {
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@llmguard/db", "@llmguard/db/*"], message: "packages/jobs reaches the database only through @llmguard/domain (apps -> jobs -> domain -> db)." },
            // A regex, not a group: gitignore-style "next" would also match Inngest's own adapter, inngest/next.
            { regex: "^next(-auth)?(/.*)?$", message: "packages/jobs never imports Next; apps/web mounts the serve handler (built with inngest/next)." },
            { group: ["@llmguard/api", "@llmguard/api/*", "@trpc/*"], message: "jobs and the tRPC/REST adapters are siblings: share code through @llmguard/domain." },
          ],
        },
      ],
    },
  },
];
