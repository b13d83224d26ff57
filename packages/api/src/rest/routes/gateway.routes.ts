import {
  ChatCompletionRequestSchema,
  EmbeddingsRequestSchema,
  forwardChatCompletion,
  forwardEmbeddings,
  GATEWAY_BASE_PATH,
  GATEWAY_HEADERS,
  GatewayHeadersSchema,
  listUpstreamModels,
  parseInput,
  type ErrorCode,
  type GatewayReply,
} from "@llmguard/domain";
import { defineRoute } from "../define-route";
import type { RestReply, RestRequest } from "../rest-request";

/** The x-llmguard-* headers of a gateway call (a bad value answers 400 in OpenAI's error shape). */
function gatewayHeaders(req: RestRequest) {
  const h = (name: string) => req.headers.get(name) ?? undefined;
  return parseInput(GatewayHeadersSchema, {
    environment: h(GATEWAY_HEADERS.environment),
    endpoint: h(GATEWAY_HEADERS.endpoint),
    endUserId: h(GATEWAY_HEADERS.endUser),
    metadata: h(GATEWAY_HEADERS.metadata),
    requestId: h(GATEWAY_HEADERS.requestId),
  });
}

/**
 * A stream is passed on as a Web Response, chunk by chunk. A whole answer is a plain reply: the adapter
 * writes its head and body in one write, where a Response's body would go out as the head, the bytes
 * and the end of the chunked body, each its own write (and packet), each a wake-up of the client.
 */
const toResponse = (r: GatewayReply): RestReply => (r.body instanceof ReadableStream ? new Response(r.body, { status: r.status, headers: r.headers }) : { status: r.status, headers: r.headers, body: r.body });

const HEADERS_TEXT =
  "Authentication: `Authorization: Bearer lg_...`, a project API key with the `gateway` scope. Optional headers: `x-llmguard-environment` (whose policy and upstream apply; default production), " +
  "`x-llmguard-endpoint`, `x-llmguard-end-user` (else the body's `user`), `x-llmguard-metadata` (a JSON object, at most 8 KB), `x-llmguard-request-id` (a repeated id logs the call once). " +
  "The upstream is the project's `gateway.upstream.baseUrl` (default https://api.openai.com/v1) with the key in the secret named by `gateway.upstream.secret` (default OPENAI_API_KEY): 424 PROVIDER_SECRET_MISSING without it. " +
  "Errors answer in OpenAI's shape `{ error: { message, type, code, param, details, timestamp } }` with LLMGuard's code; the provider's own errors pass through with its status.";

const UPSTREAM_ERRORS: ErrorCode[] = ["FORBIDDEN", "NOT_FOUND", "PROVIDER_SECRET_MISSING", "UPSTREAM_NOT_ALLOWED", "UPSTREAM_UNREACHABLE", "UPSTREAM_TIMEOUT"];

/** The OpenAI-compatible gateway (issue 13): thin adapters over packages/domain/src/gateway. */
export const gatewayRoutes = [
  defineRoute({
    method: "POST", path: `${GATEWAY_BASE_PATH}/chat/completions`, tag: "Gateway", auth: "apiKey", raw: true, errorFormat: "openai",
    summary: "OpenAI chat completions through the project's policy: refused, rewritten or forwarded to its upstream, and logged",
    description:
      "OpenAI's request and answer (with `stream: true`, Server-Sent Events passed on as they arrive). Before the provider is called the project's active rules apply: a disabled endpoint or a prompt at or above a blocking threshold answers 403 REQUEST_BLOCKED, a per-user limit 429 RATE_LIMITED with Retry-After (both name the remediation in `details`); a switch_model or system prompt rule rewrites the call. " +
      "On 429 or 5xx the models of `gateway.fallbackModels` are tried in order. Every call is logged (source gateway) with latency, tokens, cost, risk and what the guard did; a stream when it ends or the client leaves. " +
      HEADERS_TEXT,
    input: ChatCompletionRequestSchema, produces: "application/json", bodyLimitBytes: 16 * 1024 * 1024, errors: ["REQUEST_BLOCKED", ...UPSTREAM_ERRORS],
    handler: async ({ app, req, apiKey, input }) => toResponse(await forwardChatCompletion({ app, principal: apiKey, headers: gatewayHeaders(req), body: input, signal: req.signal })),
  }),
  defineRoute({
    method: "POST", path: `${GATEWAY_BASE_PATH}/embeddings`, tag: "Gateway", auth: "apiKey", raw: true, errorFormat: "openai",
    summary: "OpenAI embeddings through the project's policy (its refusals, not its rewrites) to its upstream, logged without the vectors",
    description: HEADERS_TEXT,
    input: EmbeddingsRequestSchema, produces: "application/json", bodyLimitBytes: 16 * 1024 * 1024, errors: ["REQUEST_BLOCKED", ...UPSTREAM_ERRORS],
    handler: async ({ app, req, apiKey, input }) => toResponse(await forwardEmbeddings({ app, principal: apiKey, headers: gatewayHeaders(req), body: input, signal: req.signal })),
  }),
  defineRoute({
    method: "GET", path: `${GATEWAY_BASE_PATH}/models`, tag: "Gateway", auth: "apiKey", raw: true, errorFormat: "openai",
    summary: "The upstream's model list, as it answers (not logged)",
    description: HEADERS_TEXT,
    produces: "application/json", errors: UPSTREAM_ERRORS,
    handler: async ({ app, req, apiKey }) => toResponse(await listUpstreamModels({ app, principal: apiKey, headers: gatewayHeaders(req), signal: req.signal })),
  }),
];
