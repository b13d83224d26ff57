import { applySystemPrompt, decide, refuseForUserLimit, serializeMessages } from "@llmguard/guard";
import type { ApiKeyPrincipal } from "../api-keys/api-key.service";
import type { App } from "../app";
import { DomainError, isDomainError } from "../shared/errors";
import type { GuardCheckInput, GuardCheckResult } from "./guard-check.schema";
import { guardPolicyFor } from "./guard-policy";

/**
 * POST /api/v1/guard/check (issue 10): the decision the SDK makes in process, made on the server for
 * clients without the SDK. In memory (the policy is cached per config version); the only I/O is the
 * per-user limit, counted in Redis when configured so every instance shares one budget.
 */
export async function checkGuard(params: { app: App; principal: ApiKeyPrincipal; input: GuardCheckInput }): Promise<GuardCheckResult> {
  const { app, principal, input } = params;
  if (!principal.scopes.includes("ingest")) throw new DomainError("FORBIDDEN", "This API key does not have the ingest scope");
  const policy = await guardPolicyFor(app, principal.projectId, input.environment);
  const prompt = input.prompt ?? serializeMessages(input.messages);
  let decision = decide(policy, { model: input.model, prompt, endpoint: input.endpoint, endUserId: input.endUserId }, { alwaysScore: true });
  const limit = decision.userLimit;
  if (decision.allowed && limit) {
    try {
      await app.limits.perEndUser(limit.requestsPerMinute).consume(`${principal.projectId}|${limit.ruleId}|${limit.endUserId}`);
    } catch (err) {
      if (!isDomainError(err) || err.code !== "RATE_LIMITED") throw err;
      decision = refuseForUserLimit(decision, err.retryAfterSeconds ?? 60);
    }
  }
  return {
    allowed: decision.allowed,
    model: decision.model,
    systemPrompt: decision.systemPrompt,
    riskScore: decision.riskScore ?? 0,
    riskFactors: decision.riskFactors,
    reasons: decision.reasons,
    ...(decision.retryAfterSeconds !== undefined ? { retryAfterSeconds: decision.retryAfterSeconds } : {}),
    ...(input.messages ? { messages: decision.systemPrompt === null ? input.messages : applySystemPrompt(input.messages, decision.systemPrompt) } : {}),
    configVersion: policy.version,
  };
}
