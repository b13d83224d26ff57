import { passThroughHeaders, requireGatewayScope, upstreamPolicyOf, type GatewayReply, type GatewayRequest } from "./gateway-call";
import { readBody, sendUpstream } from "./upstream-client";
import { resolveUpstream, upstreamUrl } from "./upstream-config";

/**
 * GET /models: the upstream's model list, as it answers (clients probe it to check a base URL and key).
 * Not an LLM call, so neither the policy nor the log apply.
 */
export async function listUpstreamModels(params: GatewayRequest): Promise<GatewayReply> {
  const { app, principal, headers, signal } = params;
  requireGatewayScope(principal);
  const target = await resolveUpstream(app, principal.projectId, headers.environment);
  const response = await sendUpstream({ url: upstreamUrl(target.baseUrl, "models"), method: "GET", apiKey: target.apiKey, timeoutMs: target.timeoutMs, policy: upstreamPolicyOf(app), signal });
  return { status: response.status, headers: passThroughHeaders(response.headers), body: await readBody(response.body) };
}
