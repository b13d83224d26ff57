// The OpenAI-compatible gateway (issue 13) through the built production server (`node server.mjs`, the
// REST route table behind Next's /api/v1 route), on PostgreSQL, with local servers speaking OpenAI's
// protocol as the upstream (GATEWAY_ALLOW_PRIVATE_UPSTREAMS=1, as for a self-hosted model): a plain and a
// streamed completion, every refusal a user can hit before the upstream (401, 403 for the key's scope and
// for the project's policy, 429 for a per-user limit, 424, 400 in OpenAI's error shape), a provider error
// passed through, a fallback model, an upstream timeout (504), and a client that leaves mid-stream, whose
// call is still logged (read back through the Logs REST API, as a user would).
import { randomBytes, randomUUID } from "node:crypto";
import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAiTestServer, type OpenAiTestServer } from "@llmguard/domain/openai-testing";
import { rawRequest, startBuiltServer, type BuiltServer, type RawResponse } from "./built-server";

const GATEWAY = "/api/v1/gateway/openai/v1";
const PASSWORD = "correct-horse-42";

let srv: BuiltServer;
let upstream: OpenAiTestServer;
let gated: GatedUpstream;
let token: string;

beforeAll(async () => {
  [upstream, gated, srv] = await Promise.all([startOpenAiTestServer(), startGatedUpstream(), startBuiltServer({ label: "gateway", env: { GATEWAY_ALLOW_PRIVATE_UPSTREAMS: "1" } })]);
  const email = `gateway-${randomBytes(5).toString("hex")}@example.com`;
  expectStatus(await call("POST", "/api/v1/auth/register", { body: { email, password: PASSWORD } }), 201, `register${srv.log()}`);
  const login = await call("POST", "/api/v1/auth/login", { body: { email, password: PASSWORD } });
  expectStatus(login, 200, "login");
  token = String((login.json as { accessToken: string }).accessToken);
});

afterAll(async () => {
  await Promise.allSettled([srv?.stop(), upstream?.close(), gated?.close()]);
});

// --- helpers --------------------------------------------------------------------------------------

function call(method: string, path: string, opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return rawRequest(srv.baseUrl, { method, path, headers, body: opts.body });
}

const excerpt = (res: RawResponse) => `${res.status} ${res.text.slice(0, 600)}`;

function expectStatus(res: RawResponse, status: number, what: string): void {
  expect(res.status, `${what} → ${excerpt(res)}`).toBe(status);
}

interface OpenAiError {
  error: { message: string; type: string; code: string; param: string | null; details: Record<string, unknown> | null; timestamp: string };
}

/** Asserts status and OpenAI's error shape (with LLMGuard's code, details and timestamp); returns the error. */
function expectOpenAiError(res: RawResponse, status: number, type: string, code: string, what: string): OpenAiError["error"] {
  const ctx = `${what} → ${excerpt(res)}`;
  expect(res.status, ctx).toBe(status);
  expect(String(res.headers["content-type"]), ctx).toMatch(/^application\/json/);
  const body = res.json as OpenAiError;
  expect(Object.keys(body ?? {}), ctx).toEqual(["error"]);
  expect(Object.keys(body.error).sort(), ctx).toEqual(["code", "details", "message", "param", "timestamp", "type"]);
  expect(body.error.type, ctx).toBe(type);
  expect(body.error.code, ctx).toBe(code);
  expect(body.error.message.length, ctx).toBeGreaterThan(0);
  expect(Number.isNaN(Date.parse(body.error.timestamp)), ctx).toBe(false);
  return body.error;
}

/** A project with its own ingest key, a `gateway` key, and (unless `secret: null`) the provider key and upstream. */
async function gatewayProject(opts: { baseUrl?: string; secret?: string | null; config?: Record<string, unknown> } = {}) {
  const created = await call("POST", "/api/v1/projects", { token, body: { name: `gateway ${randomBytes(3).toString("hex")}` } });
  expectStatus(created, 201, "create project");
  const { project, apiKey } = created.json as { project: { id: string }; apiKey: { key: string } };
  const key = await call("POST", `/api/v1/projects/${project.id}/api-keys`, { token, body: { name: "gateway", scopes: ["gateway"] } });
  expectStatus(key, 201, "create gateway key");
  if (opts.secret !== null) {
    expectStatus(await call("PUT", `/api/v1/projects/${project.id}/secrets/OPENAI_API_KEY`, { token, body: { value: opts.secret ?? "sk-smoke-provider" } }), 200, "provider secret");
  }
  const cfg = await call("PUT", `/api/v1/projects/${project.id}/config/base`, { token, body: { values: { "gateway.upstream.baseUrl": opts.baseUrl ?? upstream.baseUrl, ...opts.config }, message: "smoke: local upstream" } });
  expectStatus(cfg, 200, "gateway config");
  return { projectId: project.id, ingestKey: apiKey.key, gatewayKey: String((key.json as { key: string }).key) };
}

const ask = (content: string, extra: Record<string, unknown> = {}) => ({ model: "gpt-4o", messages: [{ role: "user", content }], ...extra });

/** A remediation in force, as the remediation engine writes it into the project's config. */
const rule = (id: string, type: string, parameters: Record<string, unknown>) => ({ [`guard.rules.${id}`]: { type, parameters, appliedAt: new Date().toISOString() } });

const chat = (gatewayKey: string, body: unknown, headers: Record<string, string> = {}) =>
  call("POST", `${GATEWAY}/chat/completions`, { headers: { authorization: `Bearer ${gatewayKey}`, ...headers }, body });

interface LoggedRecord {
  id: string;
  source: string;
  status: string;
  model: string;
  prompt: string;
  response: string;
  totalTokens: number | null;
  errorMessage: string | null;
}

/** The record as the Logs REST API returns it, once it is committed (the gateway logs after answering). */
async function loggedRecord(projectId: string, id: string): Promise<LoggedRecord> {
  let last: RawResponse | undefined;
  for (let i = 0; i < 200; i++) {
    last = await call("GET", `/api/v1/requests/${id}?projectId=${projectId}`, { token });
    if (last.status === 200) return last.json as LoggedRecord;
    expect(last.status, `GET /api/v1/requests/${id} → ${excerpt(last)}`).toBe(404);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`record ${id} was not logged within 20 s: ${last ? excerpt(last) : "no answer"}${srv.log()}`);
}

/** A streamed answer read as it arrives: its head, and a way to wait for text to have arrived. */
interface OpenStream {
  res: IncomingMessage;
  received: () => string;
  /** Resolves with everything received so far once it contains `text`; rejects if the stream ends first. */
  until: (text: string) => Promise<string>;
  ended: Promise<string>;
  destroy: () => void;
}

function openStream(path: string, apiKey: string, body: unknown): Promise<OpenStream> {
  const url = new URL(srv.baseUrl);
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: "POST", path, headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "content-length": String(payload.length) } },
      (res) => {
        let text = "";
        const waiters: { text: string; resolve: (t: string) => void; reject: (e: Error) => void }[] = [];
        const settle = () => {
          for (const w of [...waiters]) {
            if (text.includes(w.text)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(text);
            }
          }
        };
        const ended = new Promise<string>((done, fail) => {
          res.on("end", () => done(text));
          res.on("error", fail);
        });
        ended.catch(() => undefined);
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
          settle();
        });
        res.on("end", () => {
          for (const w of waiters.splice(0)) w.reject(new Error(`the stream ended before "${w.text}" arrived; got: ${text.slice(0, 800)}`));
        });
        resolve({
          res,
          received: () => text,
          until: (wanted) =>
            new Promise((ok, fail) => {
              waiters.push({ text: wanted, resolve: ok, reject: fail });
              settle();
            }),
          ended,
          destroy: () => req.destroy(),
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** The `content` deltas of a Server-Sent Events body, joined. */
function streamedContent(sse: string): string {
  return sse
    .split("\n\n")
    .map((e) => e.replace(/^data: /, "").trim())
    .filter((d) => d && d !== "[DONE]")
    .map((d) => (JSON.parse(d) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? "")
    .join("");
}

// --- tests ----------------------------------------------------------------------------------------

describe("gateway through the built server", () => {
  it("answers a plain completion with the project's provider key and logs it as gateway traffic", async () => {
    const p = await gatewayProject({ secret: "sk-smoke-plain" });
    upstream.reply({ kind: "answer", content: "Paris." });
    const seen = upstream.requests.length;

    const res = await call("POST", `${GATEWAY}/chat/completions`, { headers: { authorization: `Bearer ${p.gatewayKey}` }, body: ask("Capital of France?") });

    expectStatus(res, 200, "plain completion");
    const body = res.json as { object: string; choices: { message: { content: string } }[]; usage: unknown };
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]?.message.content).toBe("Paris.");
    expect(body.usage).toEqual({ prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 });
    expect(res.headers["x-llmguard-model"]).toBe("gpt-4o");
    expect(upstream.requests[seen]?.headers.authorization).toBe("Bearer sk-smoke-plain");
    const id = String(res.headers["x-llmguard-request-id"]);
    expect(await loggedRecord(p.projectId, id)).toMatchObject({ id, source: "gateway", status: "success", model: "gpt-4o", response: "Paris.", totalTokens: 150 });
  });

  it("passes a stream through as it arrives: the first event reaches the client while the upstream still holds the stream open", async () => {
    const p = await gatewayProject({ baseUrl: gated.baseUrl });
    const stream = await openStream(`${GATEWAY}/chat/completions`, p.gatewayKey, ask("Say hello", { stream: true }));
    expect(stream.res.statusCode).toBe(200);
    expect(String(stream.res.headers["content-type"])).toMatch(/^text\/event-stream/);

    // The upstream sends its first piece and then waits for the gate: only a pass-through delivers it now.
    // (Bounded, so a buffering layer fails here with a message instead of at the test's timeout.)
    await Promise.race([
      stream.until('"content":"Hel"'),
      new Promise((_, fail) => setTimeout(() => fail(new Error(`no event reached the client while the upstream held the stream (buffered?); got: ${stream.received().slice(0, 400)}`)), 30_000).unref()),
    ]);
    expect(gated.finished(), "the upstream finished before the client read the first event").toBe(false);
    expect(stream.received()).not.toContain("[DONE]");

    gated.release();
    const all = await stream.ended;
    expect(gated.finished()).toBe(true);
    expect(streamedContent(all)).toBe("Hello");
    expect(all.trimEnd().endsWith("data: [DONE]")).toBe(true);
    const id = String(stream.res.headers["x-llmguard-request-id"]);
    expect(await loggedRecord(p.projectId, id)).toMatchObject({ source: "gateway", status: "success", response: "Hello", totalTokens: 15 });
  });

  it("still logs a streamed call the client leaves mid-way, with the part it received, and stops the upstream call", async () => {
    const p = await gatewayProject();
    const closedBefore = upstream.closedEarly();
    // One piece, then the upstream keeps the connection open without finishing.
    upstream.reply({ kind: "stream", pieces: ["one ", "two ", "three"], holdAfter: 1 });
    const stream = await openStream(`${GATEWAY}/chat/completions`, p.gatewayKey, ask("Count", { stream: true }));
    expect(stream.res.statusCode).toBe(200);
    await stream.until('"content":"one "');
    stream.destroy();

    const id = String(stream.res.headers["x-llmguard-request-id"]);
    const row = await loggedRecord(p.projectId, id);
    expect(row).toMatchObject({ source: "gateway", status: "error", response: "one " });
    expect(row.errorMessage).toContain("closed the connection mid-stream");
    for (let i = 0; i < 200 && upstream.closedEarly() === closedBefore; i++) await new Promise((r) => setTimeout(r, 50));
    expect(upstream.closedEarly()).toBe(closedBefore + 1);
  });

  it("answers 401 without an API key, in OpenAI's error shape", async () => {
    const res = await call("POST", `${GATEWAY}/chat/completions`, { body: ask("no key") });
    expectOpenAiError(res, 401, "authentication_error", "UNAUTHENTICATED", "no Authorization header");
  });

  it("answers 403 to a key without the gateway scope, before the upstream is called", async () => {
    const p = await gatewayProject();
    const seen = upstream.requests.length;
    const res = await call("POST", `${GATEWAY}/chat/completions`, { headers: { authorization: `Bearer ${p.ingestKey}` }, body: ask("ingest-only key") });
    expectOpenAiError(res, 403, "permission_error", "FORBIDDEN", "ingest-only key");
    expect(upstream.requests.length).toBe(seen);
  });

  it("answers 424 when the project has no provider secret, naming the secret", async () => {
    const p = await gatewayProject({ secret: null });
    const seen = upstream.requests.length;
    const res = await call("POST", `${GATEWAY}/chat/completions`, { headers: { authorization: `Bearer ${p.gatewayKey}` }, body: ask("no provider key") });
    const error = expectOpenAiError(res, 424, "invalid_request_error", "PROVIDER_SECRET_MISSING", "missing provider secret");
    expect(error.details).toMatchObject({ secret: "OPENAI_API_KEY" });
    expect(error.message).toContain("OPENAI_API_KEY");
    expect(upstream.requests.length).toBe(seen);
  });

  it("answers 403 REQUEST_BLOCKED for an endpoint a remediation disabled, naming it, before the upstream", async () => {
    const p = await gatewayProject({ config: rule("rem-smoke-block", "disable_endpoint", { endpoint: "/chat" }) });
    const seen = upstream.requests.length;
    const res = await chat(p.gatewayKey, ask("blocked here"), { "x-llmguard-endpoint": "/chat" });
    const error = expectOpenAiError(res, 403, "permission_error", "REQUEST_BLOCKED", "disabled endpoint");
    expect(error.details).toMatchObject({ remediationId: "rem-smoke-block" });
    expect(upstream.requests.length).toBe(seen);
    // A refusal names the record it was logged under, as a success does.
    const id = String(res.headers["x-llmguard-request-id"]);
    expect(await loggedRecord(p.projectId, id)).toMatchObject({ id, source: "gateway", status: "blocked" });
  });

  it("answers 429 RATE_LIMITED with Retry-After once an end user is over a per-user limit; other users go through", async () => {
    const p = await gatewayProject({ config: rule("rem-smoke-limit", "rate_limit_user", { endUserId: "smoke-user", requestsPerMinute: 1 }) });
    upstream.reply({ kind: "answer", content: "first" }, { kind: "answer", content: "other user" });
    expectStatus(await chat(p.gatewayKey, { ...ask("one"), user: "smoke-user" }), 200, "first call of the limited user");
    const seen = upstream.requests.length;
    const limited = await chat(p.gatewayKey, ask("two"), { "x-llmguard-end-user": "smoke-user" });
    const error = expectOpenAiError(limited, 429, "rate_limit_error", "RATE_LIMITED", "second call of the limited user");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(String(limited.headers["x-llmguard-request-id"])).toMatch(/^[0-9a-f-]{36}$/); // logged as blocked
    expect(error.details).toMatchObject({ remediationId: "rem-smoke-limit" });
    expect(upstream.requests.length).toBe(seen);
    expectStatus(await chat(p.gatewayKey, { ...ask("three"), user: "someone-else" }), 200, "another user");
  });

  it("passes a provider error through with its status and body, and falls back to gateway.fallbackModels on 429/5xx", async () => {
    const plain = await gatewayProject();
    upstream.reply({ kind: "error", status: 400, message: "Invalid 'messages': too long", code: "context_length_exceeded" });
    const refused = await chat(plain.gatewayKey, ask("too long"));
    expectStatus(refused, 400, "provider error");
    expect((refused.json as { error: { code: string } }).error.code).toBe("context_length_exceeded");

    const p = await gatewayProject({ config: { "gateway.fallbackModels": ["gpt-4o-mini"] } });
    upstream.reply({ kind: "error", status: 503, message: "Overloaded" }, { kind: "answer", content: "from the fallback" });
    const seen = upstream.requests.length;
    const res = await chat(p.gatewayKey, ask("fall back"));
    expectStatus(res, 200, "fallback");
    expect(upstream.requests.slice(seen).map((r) => r.body!.model)).toEqual(["gpt-4o", "gpt-4o-mini"]);
    expect(res.headers["x-llmguard-model"]).toBe("gpt-4o-mini");
    expect((res.json as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe("from the fallback");
  });

  it("answers 504 UPSTREAM_TIMEOUT when the upstream does not answer within gateway.timeoutMs, and logs a timeout", async () => {
    const p = await gatewayProject({ config: { "gateway.timeoutMs": 300 } });
    upstream.reply({ kind: "hang" });
    const requestId = randomUUID();
    const res = await chat(p.gatewayKey, ask("slow"), { "x-llmguard-request-id": requestId });
    expectOpenAiError(res, 504, "server_error", "UPSTREAM_TIMEOUT", "upstream timeout");
    expect(res.headers["x-llmguard-request-id"]).toBe(requestId); // the caller's UUID is the record's id
    expect(await loggedRecord(p.projectId, requestId)).toMatchObject({ source: "gateway", status: "timeout" });
  });

  it("answers 400 to a body that is not a chat completion request, naming the field", async () => {
    const p = await gatewayProject();
    const seen = upstream.requests.length;
    const res = await call("POST", `${GATEWAY}/chat/completions`, { headers: { authorization: `Bearer ${p.gatewayKey}` }, body: { model: "gpt-4o", messages: "hello" } });
    const error = expectOpenAiError(res, 400, "invalid_request_error", "VALIDATION_FAILED", "messages not an array");
    expect(error.param).toBe("messages");
    const notJson = await call("POST", `${GATEWAY}/chat/completions`, { headers: { authorization: `Bearer ${p.gatewayKey}`, "content-type": "application/json" }, body: "{not json" });
    expectOpenAiError(notJson, 400, "invalid_request_error", "VALIDATION_FAILED", "malformed JSON");
    expect(upstream.requests.length).toBe(seen);
  });
});

// --- an upstream whose stream waits for the test --------------------------------------------------

interface GatedUpstream {
  baseUrl: string;
  /** Lets the held stream send the rest of its answer. */
  release: () => void;
  /** Whether the upstream has written the end of its stream. */
  finished: () => boolean;
  close: () => Promise<void>;
}

/**
 * OpenAI's streamed chat completion, held after its first piece until the test calls release(): the
 * client can have that piece only if every layer between passes chunks through as they arrive.
 */
async function startGatedUpstream(): Promise<GatedUpstream> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let finished = false;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}") as { model?: string; stream?: boolean; stream_options?: { include_usage?: boolean } };
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions") || body.stream !== true) {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "stream only", type: "invalid_request_error", param: null, code: null } }));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const base = { id: "chatcmpl-gated", object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: body.model };
      const event = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
      const chunk = (delta: Record<string, unknown>, finish: string | null) => event({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
      chunk({ role: "assistant", content: "" }, null);
      chunk({ content: "Hel" }, null);
      void gate.then(() => {
        chunk({ content: "lo" }, null);
        chunk({}, "stop");
        if (body.stream_options?.include_usage) event({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
        res.end("data: [DONE]\n\n", () => (finished = true));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    release: () => release(),
    finished: () => finished,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
