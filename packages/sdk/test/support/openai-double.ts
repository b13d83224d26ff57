import { listen, readBody } from "./http";

/**
 * A local server that speaks OpenAI's `POST /v1/chat/completions`: a JSON completion, or Server-Sent Events
 * (`data: {chunk}` lines ending with `data: [DONE]`) when `stream: true`, with a usage chunk when
 * `stream_options.include_usage` is set. The real `openai` SDK is pointed at it with `baseURL`.
 * Scripted behaviours replace the next answer: an API error, a slow answer, a stream cut mid-way.
 */
export type OpenAIScript =
  | { kind: "error"; status: number; message: string; type?: string; code?: string }
  | { kind: "slow"; delayMs: number }
  | { kind: "cut-stream"; afterChunks: number }
  | { kind: "tool-call"; name: string; arguments: string };

export const REPLY = "Paris is the capital of France.";
export const USAGE = { prompt_tokens: 21, completion_tokens: 7, total_tokens: 28 };

export async function startOpenAIDouble() {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const requests: { headers: Record<string, unknown>; body: any }[] = [];
  const script: OpenAIScript[] = [];
  let counter = 0;

  const server = await listen(async (req, res) => {
    const body = JSON.parse((await readBody(req)) || "{}");
    requests.push({ headers: req.headers, body });
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Unknown route", type: "invalid_request_error" } }));
      return;
    }
    const step = script.shift();
    if (step?.kind === "error") {
      res.writeHead(step.status, { "content-type": "application/json", "x-request-id": "req_test" });
      res.end(JSON.stringify({ error: { message: step.message, type: step.type ?? "invalid_request_error", param: null, code: step.code ?? null } }));
      return;
    }
    if (step?.kind === "slow") await new Promise((r) => setTimeout(r, step.delayMs));
    if (res.destroyed) return;

    const id = `chatcmpl-${++counter}`;
    const created = 1_700_000_000;
    const model = `${body.model}-2024-08-06`;
    const toolCall = step?.kind === "tool-call" ? { id: "call_1", type: "function", function: { name: step.name, arguments: step.arguments } } : undefined;

    if (body.stream !== true) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id,
          object: "chat.completion",
          created,
          model,
          choices: [
            {
              index: 0,
              message: toolCall ? { role: "assistant", content: null, tool_calls: [toolCall], refusal: null } : { role: "assistant", content: REPLY, refusal: null },
              logprobs: null,
              finish_reason: toolCall ? "tool_calls" : "stop",
            },
          ],
          usage: USAGE,
          system_fingerprint: "fp_test",
        }),
      );
      return;
    }

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const chunk = (delta: Record<string, unknown>, finish: string | null = null, usage: unknown = undefined) => ({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(usage === undefined ? {} : { usage }),
    });
    const chunks: unknown[] = [chunk({ role: "assistant", content: "" })];
    if (toolCall) {
      chunks.push(chunk({ tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: toolCall.function.name, arguments: "" } }] }));
      chunks.push(chunk({ tool_calls: [{ index: 0, function: { arguments: toolCall.function.arguments } }] }));
      chunks.push(chunk({}, "tool_calls"));
    } else {
      for (const word of REPLY.split(/(?<= )/)) chunks.push(chunk({ content: word }));
      chunks.push(chunk({}, "stop"));
    }
    if (body.stream_options?.include_usage) chunks.push({ id, object: "chat.completion.chunk", created, model, choices: [], usage: USAGE });

    for (const [i, c] of chunks.entries()) {
      if (step?.kind === "cut-stream" && i === step.afterChunks) {
        res.socket?.destroy();
        return;
      }
      res.write(`data: ${JSON.stringify(c)}\n\n`);
      await new Promise((r) => setTimeout(r, 2));
    }
    res.end("data: [DONE]\n\n");
  });

  return { url: server.url, requests, script: (...s: OpenAIScript[]) => script.push(...s), close: server.close };
}
