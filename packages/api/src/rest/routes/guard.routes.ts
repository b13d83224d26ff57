import { checkGuard, GuardCheckInputSchema, GuardCheckResultSchema } from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** The guard (issue 10): the SDK's in-process decision, on the server, for clients without the SDK. */
export const guardRoutes = [
  defineRoute({
    method: "POST", path: "/api/v1/guard/check", tag: "Guard", auth: "apiKey",
    summary: "Decide whether an LLM call may go ahead under the project's active remediation rules, and how",
    description:
      "API key with the `ingest` scope (a project's first key has it). Answers from the policy held in memory (the `guard.rules.*` keys of `environment`, default production): blocked calls have `allowed: false` with the reasons (disabled endpoint, risk score at or above a blocking threshold, a per-user limit with `retryAfterSeconds`); allowed ones carry the model and system prompt to use. Per-user limits are counted across instances through Redis when configured.",
    input: GuardCheckInputSchema, output: GuardCheckResultSchema, errors: ["FORBIDDEN", "NOT_FOUND"],
    handler: ({ app, apiKey, input }) => checkGuard({ app, principal: apiKey, input }),
  }),
];
