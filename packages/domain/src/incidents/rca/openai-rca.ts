import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import { IncidentSeveritySchema, RecommendedActionSchema, type IncidentRca, type RecommendedAction } from "../incident.schema";
import type { RcaIncident, RcaRequest, RcaSettings, RcaSignals } from "./heuristic-rca";
import { EndUserAliases, maskAndTruncate, maskDeep, maskText } from "./mask";

/**
 * Root-cause analysis by OpenAI (issue 9) through the official SDK with structured output. One call is
 * one attempt: the SDK's own retries are off (`maxRetries: 0`) so the caller (rca.service.ts, or the
 * job engine step by step) decides about retries and each attempt is visible.
 */

/** Characters of each prompt and response that reach OpenAI (after masking). */
export const RCA_TEXT_CHARS = 500;
/** Characters of the current system prompt shown, so a recommended change can build on it. */
export const RCA_SYSTEM_PROMPT_CHARS = 4_000;
const DEFAULT_BASE_URL = "https://api.openai.com/v1";

const nullable = z.string().nullable();
/**
 * The answer's shape, as sent to OpenAI (strict JSON schema: every field required, absent = null, no
 * open records) and checked again with Zod. `parameters` mirror the six remediation actions.
 */
export const RcaActionAnswerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("switch_model"), parameters: z.object({ to: z.string(), from: nullable, endpoint: nullable }), reason: z.string() }),
  z.object({ type: z.literal("increase_safety_threshold"), parameters: z.object({ threshold: z.number().int().min(0).max(100) }), reason: z.string() }),
  z.object({ type: z.literal("disable_endpoint"), parameters: z.object({ endpoint: z.string() }), reason: z.string() }),
  z.object({ type: z.literal("change_system_prompt"), parameters: z.object({ prompt: z.string(), endpoint: nullable }), reason: z.string() }),
  z.object({
    type: z.literal("rate_limit_user"),
    parameters: z.object({ endUserId: z.string(), requestsPerMinute: z.number().int().min(1).max(100_000), durationMinutes: z.number().int().min(1).max(43_200).nullable() }),
    reason: z.string(),
  }),
  z.object({ type: z.literal("reset_settings"), parameters: z.object({}), reason: z.string() }),
]);
export type RcaActionAnswer = z.infer<typeof RcaActionAnswerSchema>;

const nonEmpty = z.string().refine((s) => s.trim() !== "", "must not be empty");
export const RcaAnswerSchema = z.object({
  severity: IncidentSeveritySchema,
  rootCause: nonEmpty,
  recommendedFix: nonEmpty,
  affectedRequests: z.number().int().min(0),
  recommendedActions: z.array(RcaActionAnswerSchema).max(6),
  metadata: z.object({
    confidence: z.enum(["low", "medium", "high"]),
    /** The observations the analysis rests on, one short sentence each. */
    signals: z.array(z.string()).max(10),
  }),
});
export type RcaAnswer = z.infer<typeof RcaAnswerSchema>;

export const RCA_RESPONSE_FORMAT = zodResponseFormat(RcaAnswerSchema, "incident_rca");

export interface OpenAiRcaConfig {
  apiKey: string;
  /** Undefined: the server's OPENAI_BASE_URL or OpenAI's own. */
  baseURL: string | undefined;
  model: string;
  timeoutMs: number;
}

/** Why an attempt failed, and whether another attempt can help. */
export type OpenAiRcaFailureKind = "invalid_answer" | "rate_limited" | "timeout" | "connection" | "server_error" | "rejected";

export class OpenAiRcaError extends Error {
  constructor(
    readonly kind: OpenAiRcaFailureKind,
    message: string,
    readonly retryable: boolean,
    /** From Retry-After / retry-after-ms on a 429 or 503. */
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "OpenAiRcaError";
  }
}

function retryAfterOf(headers: Headers | undefined): number | null {
  if (!headers) return null;
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = headers.get("retry-after");
  if (!raw) return null;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** Maps whatever the SDK threw to an OpenAiRcaError (messages kept short: no bodies in logs). */
export function classifyOpenAiError(err: unknown): OpenAiRcaError {
  if (err instanceof OpenAiRcaError) return err;
  if (err instanceof APIConnectionTimeoutError) return new OpenAiRcaError("timeout", "OpenAI did not answer in time", true);
  if (err instanceof APIConnectionError) return new OpenAiRcaError("connection", `Could not reach OpenAI: ${(err.cause as Error | undefined)?.message ?? err.message}`.slice(0, 300), true);
  if (err instanceof APIError) {
    const status = err.status ?? null;
    const message = `OpenAI answered ${status ?? "an error"}: ${err.message}`.slice(0, 300);
    if (status === 429) return new OpenAiRcaError("rate_limited", message, true, retryAfterOf(err.headers), status);
    if (status === 408 || status === 409 || (status !== null && status >= 500)) return new OpenAiRcaError("server_error", message, true, retryAfterOf(err.headers), status);
    // 400 (model or schema refused), 401/403 (key), 404 (model): another attempt gets the same answer.
    return new OpenAiRcaError("rejected", message, false, null, status);
  }
  return new OpenAiRcaError("connection", `OpenAI call failed: ${(err as Error)?.message ?? String(err)}`.slice(0, 300), true);
}

// ------------------------------------------------------------------------------------------ prompt

export interface RcaPromptInput {
  incident: RcaIncident & { description: string };
  evidence: Record<string, unknown>;
  /** Masked and truncated texts (see mask.ts); end-user ids as they are. */
  requests: RcaRequest[];
  settings: RcaSettings;
  signals: RcaSignals;
  aliases: EndUserAliases;
}

function systemMessage(settings: RcaSettings, systemPromptShown: boolean): string {
  return [
    "You are the incident analyst of LLMGuard, which monitors a team's production LLM calls.",
    "Given one incident, its evidence and up to 20 related requests, find the most likely root cause and the fix, and answer in the JSON schema.",
    "Texts are truncated; secrets and personal data are masked as [REDACTED:secret] / [REDACTED:pii] and end users may appear as END_USER_<n>: never guess what is masked.",
    "recommendedActions may only use these types (parameters that do not apply are null):",
    "- switch_model {to, from, endpoint}: move traffic from one model to another, optionally for one endpoint;",
    `- increase_safety_threshold {threshold}: flag requests from a lower risk score; the current threshold is ${settings.riskThreshold} and a recommendation must be lower (stricter), 0–${Math.max(0, settings.riskThreshold - 1)};`,
    "- disable_endpoint {endpoint}: block one endpoint;",
    systemPromptShown
      ? "- change_system_prompt {prompt, endpoint}: the complete new system prompt (the current one is in settings.systemPrompt);"
      : "- change_system_prompt {prompt, endpoint}: do not recommend it (the current system prompt is not shown in full);",
    "- rate_limit_user {endUserId, requestsPerMinute, durationMinutes}: limit one end user, by the id shown;",
    "- reset_settings {}: return the project's settings to their defaults.",
    `The project's preferred model is ${settings.preferredModel}. Recommend only actions the evidence supports; an empty list is better than a guess.`,
    "affectedRequests is the number of requests the problem affected; metadata.signals lists the observations the analysis rests on.",
  ].join("\n");
}

/** Applies `f` to every string inside a JSON-like value (keys untouched). */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

/** The chat messages for one incident. Everything in them is masked. */
export function buildRcaMessages(input: RcaPromptInput): { messages: { role: "system" | "user"; content: string }[]; systemPromptShown: boolean } {
  const { incident, aliases, settings } = input;
  const hide = (s: string) => maskText(aliases.hide(s));
  const maskedSystemPrompt = maskText(settings.systemPrompt);
  const systemPromptShown = maskedSystemPrompt === settings.systemPrompt && settings.systemPrompt.length <= RCA_SYSTEM_PROMPT_CHARS;
  const { requestIds: _ids, ...evidence } = input.evidence;
  const payload = {
    incident: {
      title: hide(incident.title),
      description: hide(incident.description),
      trigger: incident.trigger,
      severity: incident.severity,
      scope: { kind: incident.scope.kind, value: incident.scope.value === null ? null : hide(incident.scope.kind === "endUser" ? (aliases.alias(incident.scope.value) ?? "") : incident.scope.value) },
      occurrences: incident.occurrences,
      firstSeenAt: incident.firstSeenAt.toISOString(),
      lastSeenAt: incident.lastSeenAt.toISOString(),
      evidence: maskDeep(mapStrings(evidence, (v) => aliases.hide(v))),
    },
    settings: {
      preferredModel: settings.preferredModel,
      riskThreshold: settings.riskThreshold,
      systemPrompt: systemPromptShown ? settings.systemPrompt : maskAndTruncate(settings.systemPrompt, 500),
    },
    signals: mapStrings(input.signals, hide),
    requests: input.requests.map((r) => ({
      timestamp: r.timestamp.toISOString(),
      model: r.model,
      endpoint: r.endpoint === null ? null : hide(r.endpoint),
      endUserId: aliases.alias(r.endUserId),
      status: r.status,
      latencyMs: r.latencyMs,
      riskScore: r.riskScore,
      riskFactors: r.riskFactors,
      totalTokens: r.totalTokens,
      costUsd: r.costUsd,
      errorMessage: r.errorMessage === null ? null : hide(r.errorMessage),
      prompt: hide(r.prompt),
      response: hide(r.response),
    })),
  };
  return {
    systemPromptShown,
    messages: [
      { role: "system", content: systemMessage(settings, systemPromptShown) },
      { role: "user", content: JSON.stringify(payload) },
    ],
  };
}

// ------------------------------------------------------------------------------------------ answer

const MASKED_REFERENCE = /\[REDACTED:|\bEND_USER_\d+\b/;

/** Drops the nulls of strict-mode answers and checks what the schema cannot say (stricter threshold, …). */
function toAction(a: RcaActionAnswer, settings: RcaSettings, aliases: EndUserAliases, systemPromptShown: boolean): RecommendedAction | string {
  const reason = aliases.revealText(maskText(a.reason)).slice(0, 2_000);
  const action = ((): RecommendedAction | string => {
    const clean = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== ""));
    switch (a.type) {
      case "switch_model":
        if (a.parameters.to.trim() === "" || a.parameters.to === a.parameters.from) return "switch_model without a different target model";
        return { type: a.type, parameters: clean(a.parameters), reason };
      case "increase_safety_threshold":
        if (a.parameters.threshold >= settings.riskThreshold) return `threshold ${a.parameters.threshold} is not lower than the current ${settings.riskThreshold}`;
        return { type: a.type, parameters: { threshold: a.parameters.threshold }, reason };
      case "disable_endpoint":
        if (a.parameters.endpoint.trim() === "") return "disable_endpoint without an endpoint";
        return { type: a.type, parameters: { endpoint: a.parameters.endpoint }, reason };
      case "change_system_prompt":
        if (!systemPromptShown) return "change_system_prompt although the current system prompt was not shown in full";
        if (a.parameters.prompt.trim() === "" || a.parameters.prompt.length > 20_000) return "change_system_prompt without a usable prompt";
        return { type: a.type, parameters: clean(a.parameters), reason };
      case "rate_limit_user":
        return { type: a.type, parameters: clean({ ...a.parameters, endUserId: aliases.reveal(a.parameters.endUserId) }), reason };
      case "reset_settings":
        return { type: a.type, parameters: {}, reason };
    }
  })();
  if (typeof action === "string") return action;
  if (a.type === "rate_limit_user" && String(action.parameters.endUserId ?? "").trim() === "") return "rate_limit_user without an end user";
  // A parameter built from masked text would apply the mask itself (a prompt with "[REDACTED:pii]" in it).
  if (Object.values(action.parameters).some((v) => typeof v === "string" && MASKED_REFERENCE.test(v))) return `${a.type} refers to masked data`;
  return action;
}

/** An answer already checked by RcaAnswerSchema, as the IncidentRca stored on the incident. */
export function answerToRca(answer: RcaAnswer, ctx: { model: string; settings: RcaSettings; aliases: EndUserAliases; systemPromptShown: boolean; now?: Date }): IncidentRca {
  const actions: RecommendedAction[] = [];
  const dropped: { type: string; why: string }[] = [];
  for (const a of answer.recommendedActions) {
    const r = toAction(a, ctx.settings, ctx.aliases, ctx.systemPromptShown);
    if (typeof r === "string") dropped.push({ type: a.type, why: r });
    else actions.push(RecommendedActionSchema.parse(r));
  }
  const text = (s: string, max: number) => ctx.aliases.revealText(maskText(s)).slice(0, max);
  return {
    source: "openai",
    model: ctx.model,
    severity: answer.severity,
    rootCause: text(answer.rootCause, 8_000),
    recommendedFix: text(answer.recommendedFix, 8_000),
    affectedRequests: answer.affectedRequests,
    recommendedActions: actions,
    metadata: { confidence: answer.metadata.confidence, signals: answer.metadata.signals.map((s) => text(s, 500)), ...(dropped.length > 0 ? { droppedActions: dropped } : {}) },
    createdAt: ctx.now ?? new Date(),
  };
}

/**
 * One attempt: asks OpenAI for the structured analysis and checks the answer. Throws OpenAiRcaError
 * (retryable or not) on any failure, including an answer that does not fit the schema.
 */
export async function requestOpenAiRca(params: { config: OpenAiRcaConfig; messages: { role: "system" | "user"; content: string }[] }): Promise<{ answer: RcaAnswer; responseModel: string | null }> {
  const { config } = params;
  // Every option set explicitly: the SDK would otherwise read OPENAI_* from the process environment.
  const client = new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseURL ?? DEFAULT_BASE_URL,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    timeout: config.timeoutMs,
    maxRetries: 0,
  });
  let completion: OpenAI.Chat.Completions.ChatCompletion;
  try {
    completion = await client.chat.completions.create({
      model: config.model,
      messages: params.messages,
      response_format: RCA_RESPONSE_FORMAT,
      max_completion_tokens: 2_000,
    });
  } catch (e) {
    throw classifyOpenAiError(e);
  }
  const choice = completion.choices?.[0];
  const message = choice?.message;
  if (!message) throw new OpenAiRcaError("invalid_answer", "OpenAI answered without a message", true);
  if (message.refusal) throw new OpenAiRcaError("invalid_answer", `OpenAI refused: ${message.refusal}`.slice(0, 300), true);
  if (choice.finish_reason === "length") throw new OpenAiRcaError("invalid_answer", "OpenAI's answer was cut off at the token limit", true);
  let json: unknown;
  try {
    json = JSON.parse(message.content ?? "");
  } catch {
    throw new OpenAiRcaError("invalid_answer", "OpenAI's answer is not JSON", true);
  }
  const parsed = RcaAnswerSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new OpenAiRcaError("invalid_answer", `OpenAI's answer does not fit the schema: ${first ? `${first.path.join(".") || "(root)"}: ${first.message}` : "invalid"}`.slice(0, 300), true);
  }
  return { answer: parsed.data, responseModel: typeof completion.model === "string" ? completion.model : null };
}
