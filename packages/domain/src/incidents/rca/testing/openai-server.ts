import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local HTTP server that speaks OpenAI's protocol, for tests that run the real `openai` SDK against it
 * (ARCHITECTURE decision 3): POST /v1/chat/completions (scripted replies, one per request, in order;
 * streamed as Server-Sent Events when the request says `stream: true`), POST /v1/embeddings and
 * GET /v1/models (answered without a script). Every request is recorded (headers and parsed JSON body).
 * The RCA tests (issue 9) and the gateway tests (issue 13) share it.
 */

export type ScriptedReply =
  /** A chat.completion whose message content is `content` (a JSON text for structured output). */
  | { kind: "answer"; content: string; finishReason?: "stop" | "length" }
  /** An error in OpenAI's envelope. */
  | { kind: "error"; status: number; message?: string; code?: string; headers?: Record<string, string> }
  /** Never answers (the client's timeout must end the request). */
  | { kind: "hang" }
  /**
   * A stream (the request must say `stream: true`): one chunk per piece, `delayMs` apart; with `holdAfter`
   * it stops after that many pieces and keeps the connection open (a client leaving mid-stream).
   */
  | { kind: "stream"; pieces: string[]; delayMs?: number; holdAfter?: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> | null;
}

export interface OpenAiTestServer {
  /** The base URL to give the SDK (…/v1). */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Answers whose connection the client closed before they were complete. */
  closedEarly(): number;
  /** Queues replies for the next requests. Without one queued, a request gets a 500. */
  reply(...replies: ScriptedReply[]): void;
  /** Replies still queued. */
  pending(): number;
  close(): Promise<void>;
}

/** A scripted answer carrying `value` as its JSON content. */
export function jsonAnswer(value: unknown): ScriptedReply {
  return { kind: "answer", content: JSON.stringify(value) };
}

export async function startOpenAiTestServer(): Promise<OpenAiTestServer> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedReply[] = [];
  let counter = 0;
  let closedEarly = 0;
  const usage = { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> | null = null;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      } catch {
        body = null;
      }
      const path = (req.url ?? "").split("?")[0] ?? "";
      requests.push({ method: req.method ?? "", path, headers: req.headers, body });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", "x-request-id": `req_test_${++counter}`, ...headers });
        res.end(JSON.stringify(payload));
      };
      const error = (status: number, message: string, type: string, code: string | null, headers?: Record<string, string>) =>
        send(status, { error: { message, type, param: null, code } }, headers);

      res.once("close", () => {
        if (!res.writableFinished) closedEarly++;
      });
      if (!/^Bearer \S+$/.test(String(req.headers.authorization ?? ""))) return error(401, "You didn't provide an API key.", "invalid_request_error", null);
      if (req.method === "GET" && path === "/v1/models") {
        return send(200, { object: "list", data: ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small"].map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "system" })) });
      }
      if (req.method === "POST" && path === "/v1/embeddings") {
        const input = body?.input;
        const n = Array.isArray(input) ? input.length : 1;
        // Every vector is [0.5, 0.25, -1]; as float32 bytes in base64 when asked (the SDK's default encoding).
        const vector = [0.5, 0.25, -1];
        const embedding = body?.encoding_format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
        return send(200, { object: "list", model: body?.model, data: Array.from({ length: n }, (_, index) => ({ object: "embedding", index, embedding })), usage: { prompt_tokens: 8 * n, total_tokens: 8 * n } });
      }
      if (req.method !== "POST" || path !== "/v1/chat/completions") return error(404, `Unknown request URL: ${req.method} ${path}`, "invalid_request_error", "unknown_url");
      if (!body || typeof body.model !== "string" || !Array.isArray(body.messages)) return error(400, "model and messages are required", "invalid_request_error", null);

      const next = queue.shift();
      if (!next) return error(500, "No scripted reply for this request", "server_error", null);
      if (next.kind === "hang") return; // the socket stays open until the client gives up or close()
      if (next.kind === "error") return error(next.status, next.message ?? `Error ${next.status}`, next.status === 429 ? "requests" : "server_error", next.code ?? null, next.headers);
      const id = `chatcmpl-test-${counter + 1}`;
      const created = Math.floor(Date.now() / 1000);
      if (body.stream === true) {
        const pieces = next.kind === "stream" ? next.pieces : [next.content];
        const withUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-request-id": `req_test_${++counter}` });
        const event = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
        const chunk = (delta: Record<string, unknown>, finish: string | null) =>
          event({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
        const delay = next.kind === "stream" ? (next.delayMs ?? 0) : 0;
        const holdAfter = next.kind === "stream" ? next.holdAfter : undefined;
        void (async () => {
          chunk({ role: "assistant", content: "" }, null);
          for (const [i, piece] of pieces.entries()) {
            if (holdAfter !== undefined && i >= holdAfter) return; // keeps the connection open
            if (delay > 0) await new Promise((r) => setTimeout(r, delay));
            if (res.destroyed) return;
            chunk({ content: piece }, null);
          }
          chunk({}, "stop");
          if (withUsage) event({ id, object: "chat.completion.chunk", created, model: body.model, choices: [], usage });
          res.end("data: [DONE]\n\n");
        })();
        return;
      }
      if (next.kind === "stream") return error(400, "This reply is scripted as a stream; send stream: true", "invalid_request_error", null);
      send(200, {
        id,
        object: "chat.completion",
        created,
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: next.content, refusal: null, annotations: [] }, logprobs: null, finish_reason: next.finishReason ?? "stop" }],
        usage,
        system_fingerprint: "fp_test",
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    closedEarly: () => closedEarly,
    reply: (...replies) => void queue.push(...replies),
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
