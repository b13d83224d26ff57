// The fast local upstream of the gateway phase (gateway-phases.ts): a node:http server speaking the part of
// OpenAI's protocol the phase uses, answering at once with a fixed small completion, so that what the phase
// measures is the gateway, not a model. POST /v1/chat/completions: a chat.completion, or with
// `stream: true` a few Server-Sent Events (role, three content pieces, finish, the usage chunk when
// `stream_options.include_usage` asks for it, [DONE]), each its own write as a provider sends them.
// Anything else answers 404. Unlike @llmguard/domain/openai-testing (scripted replies, every request
// recorded) it keeps no state per request. Started by the phase as a child process on the same 2-core
// machine; prints "UPSTREAM READY <base URL>".
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { UPSTREAM_CONTENT as CONTENT, UPSTREAM_PIECES as PIECES, UPSTREAM_USAGE as USAGE } from "./lib/gateway-fixture";

function start(): Promise<string> {
  let counter = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions" || !String(req.headers.authorization ?? "").startsWith("Bearer ")) {
        res.writeHead(404, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ error: { message: `Unknown request URL: ${req.method} ${req.url}`, type: "invalid_request_error", param: null, code: "unknown_url" } }));
      }
      let body: { model?: unknown; stream?: unknown; stream_options?: { include_usage?: unknown } };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof body;
      } catch {
        res.writeHead(400, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ error: { message: "invalid JSON", type: "invalid_request_error", param: null, code: null } }));
      }
      const id = `chatcmpl-bench-${++counter}`;
      const model = typeof body.model === "string" ? body.model : "gpt-4o-mini";
      const created = Math.floor(Date.now() / 1000);
      if (body.stream !== true) {
        res.writeHead(200, { "content-type": "application/json", "x-request-id": `req_bench_${counter}` });
        return void res.end(
          JSON.stringify({ id, object: "chat.completion", created, model, choices: [{ index: 0, message: { role: "assistant", content: CONTENT, refusal: null }, logprobs: null, finish_reason: "stop" }], usage: USAGE, system_fingerprint: "fp_bench" }),
        );
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-request-id": `req_bench_${counter}` });
      const event = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
      const chunk = (delta: Record<string, unknown>, finish: string | null) => event({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
      chunk({ role: "assistant", content: "" }, null);
      for (const piece of PIECES) chunk({ content: piece }, null);
      chunk({}, "stop");
      if (body.stream_options?.include_usage === true) event({ id, object: "chat.completion.chunk", created, model, choices: [], usage: USAGE });
      res.end("data: [DONE]\n\n");
    });
  });
  // Idle keep-alive connections stay open across the phase's blocks (the default 5 s would close the
  // direct path's sockets while the gateway's block runs, and the next block would count new connections).
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`)));
}

const url = await start();
process.stdout.write(`UPSTREAM READY ${url}\n`);
process.once("SIGTERM", () => process.exit(0));
process.once("SIGINT", () => process.exit(0));
