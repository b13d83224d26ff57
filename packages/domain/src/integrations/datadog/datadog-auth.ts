import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { DATADOG_SIGNATURE_TOLERANCE_SECONDS } from "./datadog.schema";

/**
 * Authenticating a Datadog delivery. Datadog cannot sign a body, so a per-project shared secret is sent
 * one of three ways; any one that holds is enough:
 * - HTTP Basic, user = the project id, password = the secret (Datadog's named "Basic" auth method);
 * - the header `X-LLMGuard-Webhook-Secret: <secret>` (a Datadog custom header);
 * - `X-LLMGuard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` for relays
 *   that sign, refused when `t` is more than 5 minutes from now (either way).
 * Secrets and signatures are compared in constant time.
 */
export interface DatadogCredentials {
  authorization?: string | null;
  secretHeader?: string | null;
  signature?: string | null;
}

export type DatadogAuthMethod = "basic" | "header" | "signature";

/** Constant-time equality of two strings of any length (both are hashed first, so lengths leak nothing). */
export function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash("sha256").update(a, "utf8").digest();
  const db = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(da, db);
}

/** `user:password` of an `Authorization: Basic …` header, or null. */
export function basicCredentials(header: string | null | undefined): { user: string; password: string } | null {
  const m = header ? /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header.trim()) : null;
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** `t` and the `v1` signatures of an X-LLMGuard-Signature header, or null when it is malformed. */
export function parseSignatureHeader(header: string | null | undefined): { t: number; v1: string[] } | null {
  if (!header || header.length > 2_000) return null;
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return null;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === "t") {
      if (t !== null || !/^\d{1,12}$/.test(v)) return null;
      t = Number(v);
    } else if (k === "v1") {
      if (!/^[0-9a-f]{64}$/i.test(v)) return null;
      v1.push(v.toLowerCase());
    }
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

function hmacHex(secret: string, t: number, rawBody: Uint8Array): string {
  return createHmac("sha256", secret).update(`${t}.`, "utf8").update(rawBody).digest("hex");
}

/** The X-LLMGuard-Signature value for a body (relays, tests). */
export function signDatadogBody(secret: string, rawBody: Uint8Array | string, t = Math.floor(Date.now() / 1000)): string {
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

/** True when the signature header is well formed, fresh and one of its v1 values signs this body. */
export function verifySignature(params: { secret: string; header: string | null | undefined; rawBody: Uint8Array; nowSeconds?: number }): boolean {
  const parsed = parseSignatureHeader(params.header);
  if (!parsed) return false;
  const now = params.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - parsed.t) > DATADOG_SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(hmacHex(params.secret, parsed.t, params.rawBody), "hex");
  let ok = false;
  for (const v of parsed.v1) ok = timingSafeEqual(expected, Buffer.from(v, "hex")) || ok;
  return ok;
}

/** Which method authenticated the delivery, or null (the caller answers 401 and stores nothing). */
export function verifyDatadogCredentials(params: { projectId: string; secret: string; credentials: DatadogCredentials; rawBody: Uint8Array; nowSeconds?: number }): DatadogAuthMethod | null {
  const { projectId, secret, credentials } = params;
  const basic = basicCredentials(credentials.authorization);
  if (basic && basic.user.trim().toLowerCase() === projectId.toLowerCase() && constantTimeEqual(basic.password, secret)) return "basic";
  if (credentials.secretHeader && constantTimeEqual(credentials.secretHeader.trim(), secret)) return "header";
  if (credentials.signature && verifySignature({ secret, header: credentials.signature, rawBody: params.rawBody, nowSeconds: params.nowSeconds })) return "signature";
  return null;
}
