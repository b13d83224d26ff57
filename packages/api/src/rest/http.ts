import { DomainError, toDomainError, toErrorBody, type App } from "@llmguard/domain";

/** Request bodies above this answer 413 before they are parsed. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/**
 * The one REST error envelope (ARCHITECTURE decision 10). Unknown errors become a generic 500 and are
 * logged once here, with their stack, never sent to the client.
 */
export function toRestErrorResponse(err: unknown, logger?: App["logger"]): Response {
  const domain = toDomainError(err);
  if (domain.code === "INTERNAL" && logger) logger.error({ err: domain.cause ?? err }, "unhandled error in REST handler");
  const headers: Record<string, string> = {};
  if (domain.retryAfterSeconds) headers["retry-after"] = String(domain.retryAfterSeconds);
  return json(toErrorBody(domain), domain.httpStatus, headers);
}

export async function readJsonBody(req: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  let text: string;
  try {
    text = await req.text();
  } catch {
    // the client went away mid-upload (ECONNRESET): not a server fault
    throw new DomainError("VALIDATION_FAILED", "Request body could not be read");
  }
  if (Buffer.byteLength(text) > limit) throw tooLarge(limit);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError("VALIDATION_FAILED", "Request body is not valid JSON");
  }
}

function tooLarge(limit: number) {
  return new DomainError("PAYLOAD_TOO_LARGE", `Request body exceeds ${limit} bytes`, { details: { limitBytes: limit } });
}

export function bearerToken(req: Request): string | null {
  const h = req.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1]! : null;
}

/** The API key from `x-api-key` or `Authorization: Bearer lg_...`. */
export function apiKeyFrom(req: Request): string | null {
  const header = req.headers.get("x-api-key");
  if (header) return header.trim();
  return bearerToken(req);
}

/**
 * The client address: the first X-Forwarded-For hop, which the load balancer (or Next's own server)
 * sets. Deployments exposed without a proxy should strip client-sent X-Forwarded-For at the edge.
 */
export function clientIp(req: Request): string | null {
  const xff = req.headers.get("x-forwarded-for");
  if (xff) return xff.split(",")[0]!.trim() || null;
  return req.headers.get("x-real-ip");
}
