import { enforcementOf, withSystemPrompt, type Enforcer } from "./enforcement.js";
import { LLMGuardBlockedError, LLMGuardError } from "./errors.js";
import type { GuardDecision, GuardPolicy } from "./guard/policy/index.js";
import { renderContent, renderToolCalls, serializeMessages } from "./guard/policy/messages.js";
import { ERROR_MESSAGE_MAX_CHARS, TEXT_MAX_CHARS } from "./limits.js";
import type { LogRecord, RequestStatus } from "./types.js";

/** Anything shaped like the official `openai` client (v4 and later): only `chat.completions.create` is used. */
export interface OpenAIChatLike {
  chat: {
    completions: {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      create: (...args: any[]) => any;
    };
  };
}

/** The request parameters of `client.chat.completions.create` for a given client type. */
export type CreateParamsOf<T extends OpenAIChatLike> = Parameters<T["chat"]["completions"]["create"]>[0];

export interface WrapOpenAIOptions<P = unknown> {
  /** Tags every logged call, e.g. the feature or route (`"support-chat"`). */
  endpoint?: string;
  /** Who the call was made for. Default: the request's `user` parameter, when it is a string. */
  endUserId?: (params: P) => string | undefined;
  /** Extra JSON (≤ 8 KB) stored with each call: an object, or a function of the request parameters. */
  metadata?: Record<string, unknown> | ((params: P) => Record<string, unknown> | undefined);
  /**
   * Enforce the project's guard rules (remediation) on this client's calls: block, switch the model,
   * replace the system prompt, limit end users. Default: the guard's `enforce` option (true).
   */
  enforce?: boolean;
}

export interface Sink {
  log: (record: LogRecord) => void;
  report: (error: LLMGuardError) => void;
}

const ORIGINAL = Symbol.for("llmguard.sdk.originalCreate");

interface ChatParams {
  model?: unknown;
  messages?: unknown;
  stream?: unknown;
  user?: unknown;
}

type Create = ((...args: unknown[]) => unknown) & { [ORIGINAL]?: (...args: unknown[]) => unknown };

/** The guard's decision for one call, made before the provider is called. */
interface Enforced {
  /** The caller's messages as logged and as the engine judged them. */
  prompt: string;
  endUserId: string | undefined;
  decision: GuardDecision;
}

/**
 * Replaces `client.chat.completions.create` with a function that calls the original and logs the call.
 * The original's return value (the SDK's own `APIPromise`, with `.withResponse()` and friends) is returned
 * as is; logging hangs off it on a side chain, so results and errors reach the caller untouched. Streams
 * are instrumented in place: their iterator is wrapped to accumulate the answer, chunks pass through unchanged.
 * Wrapping the same client again replaces the earlier options instead of logging twice.
 *
 * With an `enforcer`, each call is first judged by the guard rules held in memory: a blocked call never
 * reaches the original (the result rejects with LLMGuardBlockedError, and the call is logged as blocked);
 * an allowed one is sent with the effective model and system prompt. Without rules (the common case) the
 * only cost is one identity check of the config snapshot.
 */
export function instrumentOpenAI<T extends OpenAIChatLike>(client: T, options: WrapOpenAIOptions<CreateParamsOf<T>>, sink: Sink, enforcer: Enforcer | null = null): T {
  const completions = (client as Partial<OpenAIChatLike> | null)?.chat?.completions;
  if (!completions || typeof completions.create !== "function") {
    throw new LLMGuardError("INVALID_CLIENT", "wrapOpenAI() needs an OpenAI client with chat.completions.create");
  }
  const current = completions.create as Create;
  const original = current[ORIGINAL] ?? current;
  const opts = options as WrapOpenAIOptions<unknown>;

  const wrapped: Create = function (this: unknown, ...args: unknown[]) {
    const params = (args[0] ?? {}) as ChatParams;
    let enforced: Enforced | undefined;
    if (enforcer) {
      const policy = enforcer.policy();
      if (policy.rules.length > 0) {
        enforced = judge(enforcer, policy, params, opts, sink);
        const d = enforced?.decision;
        if (d && !d.allowed) {
          new CallRecorder(params, opts, sink, enforced).blocked();
          return rejected(new LLMGuardBlockedError(d));
        }
        if (d && (d.model !== d.requestedModel || d.systemPrompt !== null)) args = [rewrite(params, d), ...args.slice(1)];
      }
    }
    const call = new CallRecorder(params, opts, sink, enforced);
    let result: unknown;
    try {
      result = original.apply(this ?? completions, args);
    } catch (err) {
      call.failed(err);
      throw err;
    }
    if (isThenable(result)) {
      observe(result, {
        responded: () => call.responded(),
        value: (value) => (params.stream === true ? call.streamStarted(value) : call.succeeded(value)),
        error: (err) => call.failed(err),
      });
    } else {
      call.succeeded(result);
    }
    return result;
  };
  wrapped[ORIGINAL] = original;
  completions.create = wrapped;
  return client;
}

/** Runs the policy engine for one call; undefined (allow, report) should the engine itself fail. */
function judge(enforcer: Enforcer, policy: GuardPolicy, params: ChatParams, options: WrapOpenAIOptions<unknown>, sink: Sink): Enforced | undefined {
  let endUserId: string | undefined;
  try {
    const id = options.endUserId ? options.endUserId(params) : nonEmptyString(params.user);
    endUserId = typeof id === "string" ? id : undefined;
  } catch (err) {
    sink.report(new LLMGuardError("INSTRUMENTATION_FAILED", `wrapOpenAI option callback threw: ${errorText(err)}`, { cause: err }));
  }
  const prompt = serializeMessages(params.messages);
  try {
    const decision = enforcer.decide(policy, { model: nonEmptyString(params.model) ?? "", prompt, endpoint: options.endpoint ?? null, endUserId: endUserId ?? null });
    return { prompt, endUserId, decision };
  } catch (err) {
    // Enforcement must never break the application because of a bug of ours: fail open, loudly.
    sink.report(new LLMGuardError("INTERNAL", `LLMGuard SDK: the guard could not decide on a call (${errorText(err)}); it was sent unchanged`, { cause: err }));
    return undefined;
  }
}

/** The request as it is sent: the effective model, and the enforced system prompt. The caller's object is not modified. */
function rewrite(params: ChatParams, d: GuardDecision): ChatParams {
  const out: ChatParams = { ...params, model: d.model };
  if (d.systemPrompt !== null && Array.isArray(params.messages)) out.messages = withSystemPrompt(params.messages as { role: string }[], d.systemPrompt);
  return out;
}

/**
 * What a blocked call returns: a rejected promise, already marked handled (a caller that reaches for
 * `.withResponse()` or `.asResponse()`, as with openai's APIPromise, gets the same rejection from those and
 * must not see an unhandled rejection of the outer promise).
 */
function rejected(err: Error): Promise<never> {
  const settle = () => {
    const p = Promise.reject(err);
    p.catch(() => {});
    return p;
  };
  return Object.assign(settle(), { withResponse: settle, asResponse: settle });
}

interface Observer {
  responded: () => void;
  value: (value: unknown) => void;
  error: (err: unknown) => void;
}

/**
 * Watches the promise `create` returned without changing what the caller gets. openai's `APIPromise`
 * parses the body lazily, on the caller's first then/catch/finally/withResponse, and `asResponse()`
 * hands out the raw Response unparsed; forcing a parse ourselves would consume that body. So for an
 * APIPromise we hook its `parse()` (our reaction is registered before the caller's, so a stream is
 * instrumented before anyone can iterate it) and watch `responsePromise` for failures and timing.
 * Anything else thenable is observed with a plain `.then`.
 */
function observe(result: PromiseLike<unknown>, on: Observer): void {
  const api = result as { parse?: unknown; responsePromise?: unknown };
  if (typeof api.parse === "function" && isThenable(api.responsePromise)) {
    const parse = api.parse as () => PromiseLike<unknown>;
    let hooked = false;
    api.parse = function (this: unknown) {
      const parsed = parse.call(this);
      if (!hooked) {
        hooked = true;
        parsed.then(on.value, on.error);
      }
      return parsed;
    };
    api.responsePromise.then(on.responded, on.error);
    return;
  }
  result.then((value) => {
    on.responded();
    on.value(value);
  }, on.error);
}

/** Everything about one `create` call; records exactly once. */
class CallRecorder {
  readonly #params: ChatParams;
  readonly #options: WrapOpenAIOptions<unknown>;
  readonly #sink: Sink;
  readonly #enforced: Enforced | undefined;
  readonly #started = performance.now();
  readonly #timestamp = new Date().toISOString();
  #respondedAt: number | undefined;
  #done = false;

  constructor(params: ChatParams, options: WrapOpenAIOptions<unknown>, sink: Sink, enforced?: Enforced) {
    this.#params = params;
    this.#options = options;
    this.#sink = sink;
    this.#enforced = enforced;
  }

  /** The guard blocked the call: it never ran (no answer, latency 0). */
  blocked(): void {
    this.#guard(() => this.#record({ status: "blocked", response: "", endedAt: this.#started }));
  }

  /** The answer's headers arrived: for a non-streamed call that is the end of the model's work. */
  responded(): void {
    this.#respondedAt ??= performance.now();
  }

  succeeded(completion: unknown): void {
    this.#guard(() => {
      const c = (completion ?? {}) as { model?: unknown; choices?: { message?: AssistantMessage }[]; usage?: Usage };
      this.#record({
        status: "success",
        response: renderAssistant(c.choices?.[0]?.message),
        responseModel: c.model,
        usage: c.usage,
        // Measured to the response, not to whenever the caller got round to awaiting it.
        endedAt: this.#respondedAt,
      });
    });
  }

  failed(err: unknown): void {
    this.#guard(() => {
      this.#record({
        status: isTimeoutOrAbort(err) ? "timeout" : "error",
        response: "",
        errorMessage: truncate(errorText(err), ERROR_MESSAGE_MAX_CHARS),
      });
    });
  }

  /** Instruments the stream object the SDK resolved with; the caller receives that same object. */
  streamStarted(stream: unknown): void {
    this.#guard(() => {
      const s = stream as { iterator?: unknown; [Symbol.asyncIterator]?: unknown } | null;
      if (!s || typeof s !== "object") return this.succeeded(stream);
      const acc = new StreamAccumulator();
      const finish = (err?: unknown) => {
        if (err !== undefined) {
          this.#guard(() =>
            this.#record({
              status: isTimeoutOrAbort(err) ? "timeout" : "error",
              response: acc.text(),
              responseModel: acc.model,
              usage: acc.usage,
              errorMessage: truncate(errorText(err), ERROR_MESSAGE_MAX_CHARS),
            }),
          );
        } else {
          this.#guard(() => this.#record({ status: "success", response: acc.text(), responseModel: acc.model, usage: acc.usage }));
        }
      };
      // openai's Stream keeps its generator factory in `iterator`; for-await, tee() and toReadableStream()
      // all go through it, so wrapping it covers every way of reading the stream.
      if (typeof s.iterator === "function") {
        const factory = s.iterator as () => AsyncIterator<unknown>;
        s.iterator = () => observeIterator(factory.call(s), acc, finish);
      } else if (typeof s[Symbol.asyncIterator] === "function") {
        const factory = s[Symbol.asyncIterator] as () => AsyncIterator<unknown>;
        Object.defineProperty(s, Symbol.asyncIterator, {
          configurable: true,
          writable: true,
          value: () => observeIterator(factory.call(s), acc, finish),
        });
      } else {
        this.succeeded(stream);
      }
    });
  }

  #record(outcome: { status: RequestStatus; response: string; responseModel?: unknown; usage?: Usage; errorMessage?: string; endedAt?: number }): void {
    if (this.#done) return;
    this.#done = true;
    const params = this.#params;
    const enforced = this.#enforced;
    const decision = enforced?.decision;
    // The model the call went to (the effective one when a rule switched it); the prompt as the caller gave it.
    const model = nonEmptyString(decision ? decision.model : params.model) ?? nonEmptyString(outcome.responseModel) ?? "unknown";
    const record: LogRecord = {
      prompt: truncate(enforced ? enforced.prompt : serializeMessages(params.messages), TEXT_MAX_CHARS),
      response: truncate(outcome.response, TEXT_MAX_CHARS),
      model,
      latencyMs: Math.max(0, Math.round((outcome.endedAt ?? performance.now()) - this.#started)),
      status: outcome.status,
      timestamp: this.#timestamp,
    };
    const usage = outcome.usage;
    if (usage) {
      if (isCount(usage.prompt_tokens)) record.promptTokens = usage.prompt_tokens;
      if (isCount(usage.completion_tokens)) record.completionTokens = usage.completion_tokens;
      if (isCount(usage.total_tokens)) record.totalTokens = usage.total_tokens;
    }
    if (outcome.errorMessage !== undefined) record.errorMessage = outcome.errorMessage;
    if (this.#options.endpoint !== undefined) record.endpoint = this.#options.endpoint;
    // Asked once per call: before it when the guard needed it, else now.
    const endUserId = enforced ? enforced.endUserId : this.#option(() => (this.#options.endUserId ? this.#options.endUserId(params) : nonEmptyString(params.user)));
    if (typeof endUserId === "string") record.endUserId = endUserId;
    if (decision) {
      if (decision.model !== decision.requestedModel && decision.requestedModel !== "") record.requestedModel = decision.requestedModel;
      const enforcement = enforcementOf(decision);
      if (enforcement) record.enforcement = enforcement;
    }
    const metadata = this.#option(() => (typeof this.#options.metadata === "function" ? this.#options.metadata(params) : this.#options.metadata));
    if (metadata && typeof metadata === "object") record.metadata = metadata;
    this.#sink.log(record);
  }

  /** A user callback that throws loses its field, not the record. */
  #option<V>(fn: () => V): V | undefined {
    try {
      return fn();
    } catch (err) {
      this.#sink.report(new LLMGuardError("INSTRUMENTATION_FAILED", `wrapOpenAI option callback threw: ${errorText(err)}`, { cause: err }));
      return undefined;
    }
  }

  /** Instrumentation must never break the caller's LLM call. */
  #guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.#sink.report(new LLMGuardError("INSTRUMENTATION_FAILED", `wrapOpenAI could not record a call: ${errorText(err)}`, { cause: err }));
    }
  }
}

function observeIterator(inner: AsyncIterator<unknown>, acc: StreamAccumulator, finish: (err?: unknown) => void): AsyncIterableIterator<unknown> {
  const it: AsyncIterableIterator<unknown> = {
    async next(...args: [] | [unknown]) {
      let step: IteratorResult<unknown>;
      try {
        step = await inner.next(...args);
      } catch (err) {
        finish(err ?? new Error("stream failed"));
        throw err;
      }
      if (step.done) finish();
      else acc.add(step.value);
      return step;
    },
    async return(value?: unknown) {
      // The consumer stopped early (break, cancel): record what arrived.
      finish();
      return inner.return ? inner.return(value) : { done: true, value };
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  if (inner.throw) {
    const innerThrow = inner.throw.bind(inner);
    it.throw = async (err?: unknown) => {
      finish(err ?? new Error("stream aborted"));
      return innerThrow(err);
    };
  }
  return it;
}

interface Usage {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  total_tokens?: unknown;
}

interface ToolCall {
  function?: { name?: unknown; arguments?: unknown };
}

interface AssistantMessage {
  content?: unknown;
  refusal?: unknown;
  tool_calls?: ToolCall[];
}

/** Builds the answer text from streamed deltas of choice 0. */
class StreamAccumulator {
  #content = "";
  #refusal = "";
  #tools: { name: string; arguments: string }[] = [];
  model: unknown;
  usage: Usage | undefined;

  add(chunk: unknown): void {
    const c = chunk as { model?: unknown; usage?: Usage | null; choices?: { index?: number; delta?: Record<string, unknown> }[] } | null;
    if (!c || typeof c !== "object") return;
    if (c.model !== undefined && this.model === undefined) this.model = c.model;
    if (c.usage) this.usage = c.usage;
    const choice = c.choices?.find((ch) => (ch?.index ?? 0) === 0);
    const delta = choice?.delta;
    if (!delta) return;
    if (typeof delta.content === "string") this.#content += delta.content;
    if (typeof delta.refusal === "string") this.#refusal += delta.refusal;
    if (Array.isArray(delta.tool_calls)) {
      for (const tc of delta.tool_calls as { index?: number; function?: { name?: unknown; arguments?: unknown } }[]) {
        const i = tc?.index ?? 0;
        const slot = (this.#tools[i] ??= { name: "", arguments: "" });
        if (typeof tc.function?.name === "string") slot.name += tc.function.name;
        if (typeof tc.function?.arguments === "string") slot.arguments += tc.function.arguments;
      }
    }
  }

  text(): string {
    return renderAssistant({
      content: this.#content === "" ? null : this.#content,
      refusal: this.#refusal === "" ? null : this.#refusal,
      tool_calls: this.#tools.filter(Boolean).map((t) => ({ function: t })),
    });
  }
}

/** The first choice's text; when the model answered only with tool calls or a refusal, those instead. */
export function renderAssistant(message: AssistantMessage | undefined): string {
  if (!message) return "";
  const content = renderContent(message.content);
  if (content !== "") return content;
  if (typeof message.refusal === "string" && message.refusal !== "") return message.refusal;
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) return renderToolCalls(message.tool_calls);
  return "";
}

/**
 * openai's own timeout (`APIConnectionTimeoutError`) and abort (`APIUserAbortError`) classes, plus DOM
 * `AbortError`/`TimeoutError`. openai's errors do not set `name`, so the class names are read from the
 * prototype chain.
 */
export function isTimeoutOrAbort(err: unknown): boolean {
  const names = new Set(["APIConnectionTimeoutError", "APIUserAbortError", "AbortError", "TimeoutError"]);
  if (!err || typeof err !== "object") return false;
  if (names.has(String((err as { name?: unknown }).name))) return true;
  for (let proto = Object.getPrototypeOf(err); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const ctorName = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof ctorName === "string" && names.has(ctorName)) return true;
  }
  return false;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === "string") return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return !!value && (typeof value === "object" || typeof value === "function") && typeof (value as PromiseLike<unknown>).then === "function";
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}
