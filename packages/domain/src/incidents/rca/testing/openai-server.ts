import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local HTTP server that speaks OpenAI's chat-completions protocol (POST /v1/chat/completions), for
 * tests that run the real `openai` SDK against it (ARCHITECTURE decision 3). Replies are scripted one per
 * request, in order; every request is recorded (headers and parsed JSON body).
 */

export type ScriptedReply =
  /** A chat.completion whose message content is `content` (a JSON text for structured output). */
  | { kind: "answer"; content: string; finishReason?: "stop" | "length" }
  /** An error in OpenAI's envelope. */
  | { kind: "error"; status: number; message?: string; code?: string; headers?: Record<string, string> }
  /** Never answers (the client's timeout must end the request). */
  | { kind: "hang" };

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

      if (req.method !== "POST" || path !== "/v1/chat/completions") return error(404, `Unknown request URL: ${req.method} ${path}`, "invalid_request_error", "unknown_url");
      if (!/^Bearer \S+$/.test(String(req.headers.authorization ?? ""))) return error(401, "You didn't provide an API key.", "invalid_request_error", null);
      if (!body || typeof body.model !== "string" || !Array.isArray(body.messages)) return error(400, "model and messages are required", "invalid_request_error", null);

      const next = queue.shift();
      if (!next) return error(500, "No scripted reply for this request", "server_error", null);
      if (next.kind === "hang") return; // the socket stays open until the client gives up or close()
      if (next.kind === "error") return error(next.status, next.message ?? `Error ${next.status}`, next.status === 429 ? "requests" : "server_error", next.code ?? null, next.headers);
      send(200, {
        id: `chatcmpl-test-${counter + 1}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: next.content, refusal: null, annotations: [] }, logprobs: null, finish_reason: next.finishReason ?? "stop" }],
        usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
        system_fingerprint: "fp_test",
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    reply: (...replies) => void queue.push(...replies),
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
