import { hmacSha256Hex } from "../shared/crypto";

/**
 * The signature of a webhook notification, the scheme the Datadog receiver accepts too:
 * `X-LLMGuard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with the
 * project's NOTIFY_WEBHOOK_SIGNING_SECRET (its UTF-8 bytes). The timestamp is signed with the body, so a
 * receiver can refuse replays older than a few minutes.
 */
export function signatureHeader(secret: string, rawBody: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacSha256Hex(secret, `${t}.${rawBody}`)}`;
}
