import { applySystemPrompt, decide, refuseForUserLimit, serializeMessages, type GuardCall, type GuardDecision, type GuardPolicy } from "@llmguard/guard";
import type { ApiKeyPrincipal } from "../api-keys/api-key.service";
import type { App } from "../app";
import { DomainError, isDomainError } from "../shared/errors";
import type { GuardCheckInput, GuardCheckResult } from "./guard-check.schema";
import { guardPolicyFor } from "./guard-policy";

/**
 * The server's enforcement of one call (ARCHITECTURE decision 12): the policy engine's decision over the
 * environment's policy, with the per-user limit counted in the shared limiter (Redis when configured, so
 * every instance shares one budget). `/guard/check` answers with it; the gateway (issue 13) enforces it.
 */
export async function decideOnServer(params: { app: App; projectId: string; environment: string; call: GuardCall; alwaysScore?: boolean }): Promise<{ policy: GuardPolicy; decision: GuardDecision }> {
  const { app, projectId } = params;
  const policy = await guardPolicyFor(app, projectId, params.environment);
  let decision = decide(policy, params.call, { alwaysScore: params.alwaysScore });
  const limit = decision.userLimit;
  if (decision.allowed && limit) {
    try {
      await app.limits.perEndUser(limit.requestsPerMinute).consume(`${projectId}|${limit.ruleId}|${limit.endUserId}`);
    } catch (err) {
      if (!isDomainError(err) || err.code !== "RATE_LIMITED") throw err;
      decision = refuseForUserLimit(decision, err.retryAfterSeconds ?? 60);
    }
  }
  return { policy, decision };
}

/**
 * POST /api/v1/guard/check (issue 10): the decision the SDK makes in process, made on the server for
 * clients without the SDK. In memory (the policy is cached per config version); the only I/O is the
 * per-user limit.
 */
export async function checkGuard(params: { app: App; principal: ApiKeyPrincipal; input: GuardCheckInput }): Promise<GuardCheckResult> {
  const { app, principal, input } = params;
  if (!principal.scopes.includes("ingest")) throw new DomainError("FORBIDDEN", "This API key does not have the ingest scope");
  const prompt = input.prompt ?? serializeMessages(input.messages);
  const { policy, decision } = await decideOnServer({
    app,
    projectId: principal.projectId,
    environment: input.environment,
    call: { model: input.model, prompt, endpoint: input.endpoint, endUserId: input.endUserId },
    alwaysScore: true,
  });
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
