import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LLMGuard, LLMGuardError } from "../src/index";
import { useGuardHarness } from "./support/guard-harness";
import { REPLY, startOpenAIDouble, USAGE } from "./support/openai-double";

/**
 * wrapOpenAI with the official openai client against a local server speaking OpenAI's protocol, logging
 * into the real ingest route (through the recording proxy): every record the wrapper builds must be one
 * the server accepts.
 */
let llm: Awaited<ReturnType<typeof startOpenAIDouble>>;
const h = useGuardHarness();
let guard: LLMGuard;
let errors: LLMGuardError[];

const messages = [
  { role: "system" as const, content: "You are terse." },
  { role: "user" as const, content: "What is the capital of France?" },
];
const PROMPT = "system: You are terse.\nuser: What is the capital of France?";

function openai(options: ConstructorParameters<typeof OpenAI>[0] = {}) {
  return new OpenAI({ apiKey: "sk-test", baseURL: `${llm.url}/v1`, maxRetries: 0, ...options });
}

/** What reached LLMGuard, after the SDK's own batching and HTTP; the server must have stored every record. */
async function logged() {
  await guard.flush();
  const sent = h.proxy.batchRecords();
  expect(errors.filter((e) => e.records.length > 0)).toEqual([]);
  expect((await h.rows()).map((r) => r.id).sort()).toEqual(sent.map((r) => r.id).sort());
  return sent;
}

beforeAll(async () => {
  llm = await startOpenAIDouble();
});
afterAll(async () => {
  await llm.close();
});
beforeEach(() => {
  guard = h.guard({ flushIntervalMs: 1_000 });
  errors = h.errors;
});

describe("wrapOpenAI: chat.completions.create", () => {
  it("returns the same client and the SDK's own result, and logs prompt, answer, model, usage and latency", async () => {
    const client = openai();
    expect(guard.wrapOpenAI(client)).toBe(client);
    const plain = await openai().chat.completions.create({ model: "gpt-4o", messages });

    const promise = client.chat.completions.create({ model: "gpt-4o", messages });
    const completion = await promise;
    // The SDK's APIPromise comes back untouched: withResponse() still works and yields the very same object.
    const { data, response } = await promise.withResponse();
    expect(data).toBe(completion);
    expect(response.status).toBe(200);
    expect({ ...completion, id: "x" }).toEqual({ ...plain, id: "x" });
    expect(completion.choices[0]!.message.content).toBe(REPLY);

    const [rec] = await logged();
    expect(rec).toMatchObject({
      prompt: PROMPT,
      response: REPLY,
      model: "gpt-4o",
      status: "success",
      promptTokens: USAGE.prompt_tokens,
      completionTokens: USAGE.completion_tokens,
      totalTokens: USAGE.total_tokens,
      id: expect.any(String),
      timestamp: expect.any(String),
    });
    expect(rec.latencyMs).toBeGreaterThanOrEqual(0);
    expect(h.proxy.batchRecords()).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("leaves .asResponse() callers the unread body (nothing parses it behind their back)", async () => {
    const client = guard.wrapOpenAI(openai());
    const raw = await client.chat.completions.create({ model: "gpt-4o", messages }).asResponse();
    const body = (await raw.json()) as OpenAI.ChatCompletion;
    expect(body.choices[0]!.message.content).toBe(REPLY);

    // A streamed answer proxied as raw SSE (e.g. straight to a browser) stays readable too.
    const rawStream = await client.chat.completions.create({ model: "gpt-4o", messages, stream: true }).asResponse();
    expect(await rawStream.text()).toContain("data: [DONE]");
    expect(errors).toEqual([]);
  });

  it("logs calls consumed through .withResponse() or .catch() alone", async () => {
    const client = guard.wrapOpenAI(openai());
    const { data } = await client.chat.completions.create({ model: "gpt-4o", messages }).withResponse();
    expect(data.choices[0]!.message.content).toBe(REPLY);
    llm.script({ kind: "error", status: 500, message: "upstream exploded", type: "server_error" });
    const caught = await client.chat.completions.create({ model: "gpt-4o", messages }).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(OpenAI.InternalServerError);

    const recs = await logged();
    expect(recs.map((r) => [r.status, r.response])).toEqual([
      ["success", REPLY],
      ["error", ""],
    ]);
    expect(recs[1].errorMessage).toContain("upstream exploded");
  });

  it("falls back to the response's model and renders tool calls when there is no text", async () => {
    const client = guard.wrapOpenAI(openai());
    llm.script({ kind: "tool-call", name: "get_weather", arguments: '{"city":"Paris"}' });
    const create = client.chat.completions.create as (p: unknown) => Promise<OpenAI.ChatCompletion>;
    const completion = await create({ model: "", messages: [{ role: "user", content: [{ type: "text", text: "Weather?" }, { type: "image_url", image_url: { url: "data:," } }] }] });
    expect(completion.choices[0]!.message.tool_calls).toHaveLength(1);

    const [rec] = await logged();
    expect(rec.model).toBe("-2024-08-06");
    expect(rec.prompt).toBe("user: Weather?\n[image]");
    expect(rec.response).toBe('[tool_call] get_weather({"city":"Paris"})');
  });

  it("applies endpoint, endUserId and metadata options (and the request's `user` by default)", async () => {
    const tagged = guard.wrapOpenAI(openai(), {
      endpoint: "support-chat",
      endUserId: (params) => (params.metadata?.["customer"] as string | undefined) ?? undefined,
      metadata: (params) => ({ temperature: params.temperature ?? null, feature: "faq" }),
    });
    await tagged.chat.completions.create({ model: "gpt-4o", messages, temperature: 0.2, metadata: { customer: "cust-42" } });
    const byDefault = guard.wrapOpenAI(openai());
    await byDefault.chat.completions.create({ model: "gpt-4o", messages, user: "user-7" });

    const [first, second] = await logged();
    expect(first).toMatchObject({ endpoint: "support-chat", endUserId: "cust-42", metadata: { temperature: 0.2, feature: "faq" } });
    expect(second).toMatchObject({ endUserId: "user-7" });
    expect(second.endpoint).toBeUndefined();
  });

  it("wrapping twice replaces the options instead of logging each call twice", async () => {
    const client = openai();
    guard.wrapOpenAI(client, { endpoint: "a" });
    guard.wrapOpenAI(client, { endpoint: "b" });
    await client.chat.completions.create({ model: "gpt-4o", messages });
    const recs = await logged();
    expect(recs.map((r) => r.endpoint)).toEqual(["b"]);
  });

  it("rethrows an API error unchanged and logs status error with its message", async () => {
    const client = guard.wrapOpenAI(openai());
    llm.script({ kind: "error", status: 400, message: "Invalid value for 'model'", code: "model_not_found" });
    const err = await client.chat.completions.create({ model: "gpt-nope", messages }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err).toMatchObject({ status: 400, code: "model_not_found" });
    const [rec] = await logged();
    expect(rec).toMatchObject({ status: "error", model: "gpt-nope", prompt: PROMPT, response: "" });
    expect(rec.errorMessage).toContain("Invalid value for 'model'");
  });

  it("logs a timeout as status timeout and rethrows APIConnectionTimeoutError", async () => {
    const client = guard.wrapOpenAI(openai({ timeout: 100 }));
    llm.script({ kind: "slow", delayMs: 1_000 });
    const err = await client.chat.completions.create({ model: "gpt-4o", messages }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    const [rec] = await logged();
    expect(rec).toMatchObject({ status: "timeout", errorMessage: "Request timed out." });
    expect(rec.latencyMs).toBeGreaterThanOrEqual(90);
  });

  it("logs an aborted call as status timeout and rethrows the abort error", async () => {
    const client = guard.wrapOpenAI(openai());
    llm.script({ kind: "slow", delayMs: 1_000 });
    const controller = new AbortController();
    const pending = client.chat.completions.create({ model: "gpt-4o", messages }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const err = await pending.catch((e: unknown) => e);

    expect(err).toBeInstanceOf(OpenAI.APIUserAbortError);
    const [rec] = await logged();
    expect(rec.status).toBe("timeout");
  });
});

describe("wrapOpenAI: streaming", () => {
  it("passes every chunk through unchanged and logs the accumulated answer with usage at the end", async () => {
    const plainChunks: unknown[] = [];
    for await (const c of await openai().chat.completions.create({ model: "gpt-4o", messages, stream: true, stream_options: { include_usage: true } })) plainChunks.push(c);

    const client = guard.wrapOpenAI(openai());
    const stream = await client.chat.completions.create({ model: "gpt-4o", messages, stream: true, stream_options: { include_usage: true } });
    expect(stream).toBeInstanceOf((await import("openai/streaming")).Stream);
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    expect(h.proxy.batchRecords()).toHaveLength(0);

    expect(chunks.map((c) => ({ ...c, id: "x" }))).toEqual(plainChunks.map((c) => ({ ...(c as object), id: "x" })));
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe(REPLY);
    const [rec] = await logged();
    expect(rec).toMatchObject({ status: "success", prompt: PROMPT, response: REPLY, model: "gpt-4o", promptTokens: 21, completionTokens: 7, totalTokens: 28 });
    expect(errors).toEqual([]);
  });

  it("logs once when the stream is split with tee() and read through both halves", async () => {
    const client = guard.wrapOpenAI(openai());
    const stream = await client.chat.completions.create({ model: "gpt-4o", messages, stream: true });
    const [left, right] = stream.tee();
    const read = async (s: typeof left) => {
      let text = "";
      for await (const c of s) text += c.choices[0]?.delta.content ?? "";
      return text;
    };
    expect(await Promise.all([read(left), read(right)])).toEqual([REPLY, REPLY]);
    const recs = await logged();
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ response: REPLY });
    expect(recs[0].promptTokens).toBeUndefined();
  });

  it("logs what arrived when the consumer stops early", async () => {
    const client = guard.wrapOpenAI(openai());
    const stream = await client.chat.completions.create({ model: "gpt-4o", messages, stream: true });
    let n = 0;
    for await (const _ of stream) if (++n === 3) break;
    const [rec] = await logged();
    expect(rec).toMatchObject({ status: "success", response: "Paris is " });
  });

  it("logs a stream cut mid-way as an error with the partial answer and rethrows", async () => {
    const client = guard.wrapOpenAI(openai());
    llm.script({ kind: "cut-stream", afterChunks: 3 });
    const stream = await client.chat.completions.create({ model: "gpt-4o", messages, stream: true });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const c of stream) seen.push(c.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);

    expect(err).toBeInstanceOf(Error);
    const [rec] = await logged();
    // undici reports the dropped connection as "TypeError: terminated"
    expect(rec).toMatchObject({ status: "error", errorMessage: (err as Error).message });
    expect(rec.response).toBe(seen.join(""));
    expect(rec.response).not.toBe("");
  });

  it("accumulates streamed tool calls", async () => {
    const client = guard.wrapOpenAI(openai());
    llm.script({ kind: "tool-call", name: "lookup", arguments: '{"q":"x"}' });
    for await (const _ of await client.chat.completions.create({ model: "gpt-4o", messages, stream: true }));
    const [rec] = await logged();
    expect(rec.response).toBe('[tool_call] lookup({"q":"x"})');
  });
});

describe("wrapOpenAI: robustness", () => {
  it("rejects something that is not an OpenAI client", () => {
    expect(() => guard.wrapOpenAI({} as OpenAI)).toThrow(LLMGuardError);
  });

  it("a throwing option callback costs only that field, never the call", async () => {
    const client = guard.wrapOpenAI(openai(), {
      endUserId: () => {
        throw new Error("no user");
      },
    });
    const completion = await client.chat.completions.create({ model: "gpt-4o", messages });
    expect(completion.choices[0]!.message.content).toBe(REPLY);
    const [rec] = await logged();
    expect(rec.endUserId).toBeUndefined();
    expect(errors.map((e) => e.code)).toEqual(["INSTRUMENTATION_FAILED"]);
  });
});
