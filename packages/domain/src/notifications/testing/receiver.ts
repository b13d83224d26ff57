import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local HTTP receiver for notification tests (ARCHITECTURE decision 3: real HTTP, no mocks): a Slack-like
 * incoming webhook (answers "ok"), or a generic webhook that checks `X-LLMGuard-Signature` itself with
 * node:crypto — independently of the code under test — and answers 401 when it does not verify, as a
 * real receiver would. Answers are scripted per request, in order; without one queued, 200.
 */
export type ScriptedAnswer = { status: number; body?: string } | { hang: true };

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown> | null;
  /** Webhook receivers: whether the signature verified (null for Slack-like receivers). */
  signatureValid: boolean | null;
  /** The signed timestamp (unix seconds), when the header parsed. */
  signedAt: number | null;
}

export interface TestReceiver {
  /** http://127.0.0.1:<port>/<path>: reachable only with NOTIFICATIONS_ALLOW_PRIVATE_URLS=1. */
  url: string;
  port: number;
  requests: ReceivedRequest[];
  answer(...answers: ScriptedAnswer[]): void;
  pending(): number;
  close(): Promise<void>;
}

/** The receiver's own check: `t=<seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
function verify(header: string | undefined, raw: string, secret: string): { valid: boolean; t: number | null } {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!m) return { valid: false, t: null };
  const expected = createHmac("sha256", Buffer.from(secret, "utf8")).update(`${m[1]}.${raw}`, "utf8").digest();
  const given = Buffer.from(m[2]!, "hex");
  return { valid: given.length === expected.length && timingSafeEqual(given, expected), t: Number(m[1]) };
}

export async function startReceiver(opts: { path?: string; signingSecret?: string } = {}): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  const queue: ScriptedAnswer[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = null;
      }
      const sig = opts.signingSecret !== undefined ? verify(req.headers["x-llmguard-signature"] as string | undefined, raw, opts.signingSecret) : null;
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, raw, body, signatureValid: sig?.valid ?? null, signedAt: sig?.t ?? null });
      const next = queue.shift() ?? { status: 200 };
      if ("hang" in next) {
        hanging.add(res);
        return;
      }
      if (sig && !sig.valid) {
        res.writeHead(401, { "content-type": "text/plain" }).end("bad signature");
        return;
      }
      res.writeHead(next.status, { "content-type": "text/plain" }).end(next.body ?? (next.status < 300 ? "ok" : "error"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${opts.path ?? "/hook"}`,
    port,
    requests,
    answer: (...answers) => void queue.push(...answers),
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
