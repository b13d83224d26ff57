import { describeError, DomainError, requestClientIp, safeJson, toErrorBody, type App, type TrustProxy } from "@llmguard/domain";
import type { HeaderReader, PlainReply, RestRequest } from "./rest-request";

/** Request bodies above this answer 413 before they are parsed. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** A JSON answer (no-store: API answers are per caller). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): PlainReply {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
    body: status === 204 ? null : JSON.stringify(body),
  };
}

/** An error answer: always a JSON body. */
export type ErrorReply = PlainReply & { body: string };

/**
 * The one REST error envelope (ARCHITECTURE decision 10) from `describeError`, the one mapping every
 * adapter shares. Unknown errors become a generic 500 and are logged once here, with their stack, never
 * sent to the client; an outage (503) is logged as a warning (the access log has the rest).
 */
export function errorReply(err: unknown, logger?: App["logger"], where = "REST handler"): ErrorReply {
  const d = describeError(err);
  if (logger && d.status >= 500) {
    if (d.logLevel === "error") logger.error({ err: d.cause ?? err }, `unhandled error in ${where}`);
    else logger.warn({ code: d.code, cause: String((d.cause as Error | null)?.message ?? d.cause) }, `${d.code} in ${where}`);
  }
  const headers: Record<string, string> = { ...d.headers, "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
  if (d.retryAfterSeconds) headers["retry-after"] = String(d.retryAfterSeconds);
  return { status: d.status, headers, body: JSON.stringify(toErrorBody(d.error)) };
}

/** The envelope as a Web Response (test doubles that speak our protocol, e.g. the SDK's fault proxy). */
export function toRestErrorResponse(err: unknown, logger?: App["logger"]): Response {
  const r = errorReply(err, logger);
  return new Response(r.body, { status: r.status, headers: r.headers });
}

export async function readJsonBody(req: RestRequest, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const text = (await req.bytes(limit)).toString("utf8");
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new DomainError("VALIDATION_FAILED", "Request body is not valid JSON");
  }
  return safeJson(parsed); // NUL and lone surrogates never reach the database (ARCHITECTURE decision 13)
}

export function tooLarge(limit: number): DomainError {
  return new DomainError("PAYLOAD_TOO_LARGE", `Request body exceeds ${limit} bytes`, { details: { limitBytes: limit } });
}

export function bearerToken(req: { headers: HeaderReader }): string | null {
  return bearerOf(req.headers.get("authorization"));
}

/** The bearer token of an `Authorization` header value. */
export function bearerOf(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? m[1]! : null;
}

/** The API key from `x-api-key` or `Authorization: Bearer lg_...` (header values, so node and fetch requests share it). */
export function apiKeyOf(xApiKey: string | null | undefined, authorization: string | null | undefined): string | null {
  if (xApiKey) return xApiKey.trim();
  return bearerOf(authorization);
}

export function apiKeyFrom(req: { headers: HeaderReader }): string | null {
  return apiKeyOf(req.headers.get("x-api-key"), req.headers.get("authorization"));
}

/**
 * The client address: the socket peer, or the X-Forwarded-For hop that the proxies named by TRUST_PROXY
 * vouch for (packages/domain/src/shared/client-ip.ts). A client-written X-Forwarded-For alone is never believed.
 */
export function clientIp(req: { headers: HeaderReader }, trust: TrustProxy): string | null {
  return requestClientIp(req.headers.get("x-forwarded-for"), trust);
}
