import { DomainError } from "@llmguard/domain";
import type { HeaderReader, PlainReply } from "./rest-request";

// The gateway's x-llmguard-* headers too (docs/gateway.md), so a browser client can send them.
const ALLOWED_HEADERS =
  "authorization, content-type, x-api-key, x-request-id, if-none-match, last-event-id, x-llmguard-environment, x-llmguard-endpoint, x-llmguard-end-user, x-llmguard-metadata, x-llmguard-request-id";
const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/**
 * CORS for /api/v1 (requirement 10.2). Only origins listed in CORS_ORIGINS (or the app's own origin)
 * receive CORS headers; a browser request from any other origin is refused with 403 before it runs.
 * Requests without an Origin header (servers, SDKs, curl) are not browser requests and pass.
 */
export function corsHeaders(req: { url: string; headers: HeaderReader }, allowed: string[], appUrl: string): Record<string, string> {
  const origin = req.headers.get("origin");
  if (!origin) return {};
  const own = new URL(appUrl).origin;
  const requestOrigin = new URL(req.url).origin;
  if (origin !== own && origin !== requestOrigin && !allowed.includes(origin) && !allowed.includes("*")) {
    throw new DomainError("ORIGIN_NOT_ALLOWED", `Origin ${origin} is not allowed`);
  }
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-expose-headers": "retry-after, etag, x-request-id",
    vary: "Origin",
  };
}

export function preflight(headers: Record<string, string>): PlainReply {
  return {
    status: 204,
    headers: { ...headers, "access-control-allow-methods": ALLOWED_METHODS, "access-control-allow-headers": ALLOWED_HEADERS, "access-control-max-age": "600" },
    body: null,
  };
}
