import http from "node:http";
import https from "node:https";
import { DomainError, isDomainError } from "../shared/errors";
import { checkDestinationUrl, guardedLookup, type UrlPolicy } from "./safe-url";

/** How long one delivery may take, connection to last byte of the answer. */
export const NOTIFY_TIMEOUT_MS = 5_000;
/** Bytes of the receiver's answer read (and dropped); a larger answer is cut off there. */
const MAX_ANSWER_BYTES = 16 * 1024;

export interface PostJsonTarget {
  /** The URL (a secret's value: never logged, never in a message). */
  url: string;
  /** The secret it came from, named in errors instead of the URL. */
  secretName: string;
  /** What the receiver is called in messages: "Slack", "The webhook". */
  label: string;
}

/**
 * POSTs a JSON body to a notification receiver and classifies the outcome, for the job engine:
 * 2xx is delivered; 5xx, 408, 429, timeouts and network failures throw SERVICE_UNAVAILABLE (retried);
 * other answers (4xx, and 3xx: redirects are not followed, they could lead anywhere) throw
 * VALIDATION_FAILED (a 4xx code: not retried). A URL the policy refuses throws VALIDATION_FAILED before
 * any connection (or at connect time, from the DNS answer).
 *
 * node:http(s) rather than fetch: its `lookup` hook checks the very address connected to (see safe-url.ts),
 * and nothing follows redirects.
 */
export async function postJson(params: { target: PostJsonTarget; body: string; headers?: Record<string, string>; policy: UrlPolicy; timeoutMs?: number }): Promise<{ status: number }> {
  const { target, body, policy } = params;
  const timeoutMs = params.timeoutMs ?? NOTIFY_TIMEOUT_MS;
  const url = checkDestinationUrl(target.url, target.secretName, policy);
  const protocol = url.protocol as "http:" | "https:";
  const client = protocol === "https:" ? https : http;
  const details = (extra: Record<string, unknown> = {}) => ({ details: { receiver: target.label, ...extra } });
  const unavailable = (why: string, extra: Record<string, unknown> = {}, cause?: unknown) =>
    new DomainError("SERVICE_UNAVAILABLE", `${target.label} ${why}`, { ...details(extra), cause });

  const status = await new Promise<number>((resolve, reject) => {
    let settled = false;
    const finish = (err: unknown, value?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value!);
    };
    const req = client.request(
      url,
      {
        method: "POST",
        agent: false, // a fresh, checked connection each time; notifications are rare
        lookup: guardedLookup(target.secretName, policy, protocol) as never,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "LLMGuard-Notifications/1",
          ...params.headers,
        },
      },
      (res) => {
        let read = 0;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        const done = () => finish(null, res.statusCode ?? 0);
        res.on("end", done);
        res.on("close", done);
        res.on("error", done); // the status line arrived: that is the answer
      },
    );
    const timer = setTimeout(() => {
      finish(unavailable(`did not answer within ${Math.round(timeoutMs / 100) / 10} s`, { timeoutMs }));
      req.destroy();
    }, timeoutMs);
    req.on("error", (err) => {
      if (isDomainError(err)) return finish(err); // refused by the address check at connect time
      const code = (err as NodeJS.ErrnoException).code;
      finish(unavailable("could not be reached", code ? { error: code } : {}, err));
    });
    req.end(body);
  });

  if (status >= 200 && status < 300) return { status };
  if (status >= 500 || status === 408 || status === 429) throw unavailable(`answered HTTP ${status}`, { receiverStatus: status });
  const why = status >= 300 && status < 400 ? `answered with a redirect (HTTP ${status}); redirects are not followed: check ${target.secretName}` : `refused the notification (HTTP ${status}): check ${target.secretName}`;
  throw new DomainError("VALIDATION_FAILED", `${target.label} ${why}`, details({ receiverStatus: status }));
}
