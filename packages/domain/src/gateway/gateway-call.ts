import type { IncomingHttpHeaders } from "node:http";
import type { GuardDecision } from "@llmguard/guard";
import type { ApiKeyPrincipal } from "../api-keys/api-key.service";
import type { App } from "../app";
import { DomainError, toDomainError } from "../shared/errors";
import { GATEWAY_RESPONSE_HEADERS, type GatewayHeaders } from "./gateway.schema";
import { sendUpstream, type UpstreamResponse } from "./upstream-client";
import { upstreamUrl, type UpstreamTarget } from "./upstream-config";
import type { UpstreamPolicy } from "./upstream-address";

/** What a gateway service answers; the route turns it into a Response (services never build one). */
export interface GatewayReply {
  status: number;
  headers: Record<string, string>;
  /** Bytes, a stream passed on as it arrives, or nothing. */
  body: Uint8Array | ReadableStream<Uint8Array> | null;
}

/** One call through the gateway, as the route hands it to a service. */
export interface GatewayRequest {
  app: App;
  principal: ApiKeyPrincipal;
  headers: GatewayHeaders;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
}

export function requireGatewayScope(principal: ApiKeyPrincipal): void {
  if (!principal.scopes.includes("gateway")) {
    throw new DomainError("FORBIDDEN", "This API key lacks the gateway scope; create a key with it in the project's API keys", { details: { required: "gateway", scopes: principal.scopes } });
  }
}

export const upstreamPolicyOf = (app: App): UpstreamPolicy => ({ allowPrivate: app.env.GATEWAY_ALLOW_PRIVATE_UPSTREAMS });

/**
 * The refusal for a call the policy did not allow, with the remediations that caused it in `details`
 * (the route answers it in OpenAI's error shape): 429 with Retry-After for a per-user limit, else 403.
 */
export function refusalOf(decision: GuardDecision): DomainError {
  const first = decision.reasons[0];
  const details = { remediationId: first?.remediationId ?? null, reasons: decision.reasons };
  if (decision.retryAfterSeconds !== undefined && first?.type === "rate_limit_user") {
    return new DomainError("RATE_LIMITED", first.message, { details, retryAfterSeconds: decision.retryAfterSeconds });
  }
  return new DomainError("REQUEST_BLOCKED", first?.message ?? "The project's policy refused this call", { details });
}

/** Provider headers worth passing on: content type, rate-limit state, Retry-After, the provider's ids. */
export function passThroughHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(", ") : v;
    if (k === "content-type" || k === "retry-after" || k.startsWith("x-ratelimit-") || k.startsWith("openai-")) out[k] = value;
    else if (k === "x-request-id") out["x-upstream-request-id"] = value;
  }
  out["cache-control"] = "no-store";
  return out;
}

export function replyHeaders(upstream: IncomingHttpHeaders, recordId: string, model: string): Record<string, string> {
  return { ...passThroughHeaders(upstream), [GATEWAY_RESPONSE_HEADERS.requestId]: recordId, [GATEWAY_RESPONSE_HEADERS.model]: model };
}

const retriable = (status: number) => status === 429 || status >= 500;

export interface Attempted {
  response: UpstreamResponse;
  /** The model this answer came from. */
  model: string;
}

/**
 * Sends the call to the upstream with `models[0]`, then, while the answer is a 429 or 5xx (or the
 * upstream timed out or could not be reached), with each next model (gateway.fallbackModels). The last
 * answer is returned whatever its status (a provider error passes through); the last failure is thrown
 * when no attempt got an answer.
 */
export async function sendWithFallback(params: {
  app: App;
  target: UpstreamTarget;
  path: string;
  models: string[];
  bodyFor: (model: string) => string;
  signal?: AbortSignal;
}): Promise<Attempted> {
  const { app, target } = params;
  const url = upstreamUrl(target.baseUrl, params.path);
  let lastError: unknown;
  for (const [i, model] of params.models.entries()) {
    const last = i === params.models.length - 1;
    try {
      const response = await sendUpstream({ url, method: "POST", apiKey: target.apiKey, body: params.bodyFor(model), timeoutMs: target.timeoutMs, policy: upstreamPolicyOf(app), signal: params.signal });
      if (last || !retriable(response.status)) return { response, model };
      response.body.resume(); // discarded: the next model is tried
      app.logger.info({ projectId: target.projectId, model, status: response.status, next: params.models[i + 1] }, "gateway falls back to the next model");
    } catch (err) {
      const code = toDomainError(err).code;
      if (last || (code !== "UPSTREAM_TIMEOUT" && code !== "UPSTREAM_UNREACHABLE") || params.signal?.aborted) throw err;
      lastError = err;
      app.logger.info({ projectId: target.projectId, model, code, next: params.models[i + 1] }, "gateway falls back to the next model");
    }
  }
  throw lastError ?? new DomainError("INTERNAL", "No model to call");
}

/** The model list without repeats, the decided model first. */
export function modelsToTry(first: string, fallbacks: readonly string[]): string[] {
  return [...new Set([first, ...fallbacks])];
}
