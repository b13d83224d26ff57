import { applySystemPrompt, serializeMessages } from "@llmguard/guard";
import { decideOnServer } from "../remediation/guard-check.service";
import { summarizeCompletion } from "./completion-usage";
import { blockedBy, modificationsOf } from "./gateway-record";
import { refusalOf, replyHeaders, type GatewayReply, type GatewayRequest } from "./gateway-call";
import type { ChatCompletionRequest } from "./gateway.schema";
import { answeringAs, callUpstream, openLoggedCall, passWholeAnswer, type LoggedCall } from "./logged-call";
import { SseTap } from "./sse-tap";
import { endingMessage, passThrough } from "./stream-pass-through";

/**
 * POST /chat/completions through the gateway (issue 13), in line:
 *  1. the project's policy for the environment (the one engine, decideOnServer: disabled endpoints,
 *     blocking thresholds, per-user limits shared across instances) refuses before the provider is called;
 *  2. the model and system prompt in force are applied;
 *  3. the call goes to the project's upstream with its key from the secrets store, falling back to
 *     gateway.fallbackModels on 429/5xx;
 *  4. the answer passes through (a stream chunk by chunk) and the call is logged when it ends — also when
 *     the client leaves mid-stream.
 */
export async function forwardChatCompletion(params: GatewayRequest & { body: ChatCompletionRequest }): Promise<GatewayReply> {
  const call = await openLoggedCall(params, params.body.model, params.body.user);
  return answeringAs(call, () => forwardOpened(params, call));
}

async function forwardOpened(params: GatewayRequest & { body: ChatCompletionRequest }, call: LoggedCall): Promise<GatewayReply> {
  const { app, principal, headers, body, signal } = params;
  const askedPrompt = serializeMessages(body.messages);
  const { decision } = await decideOnServer({ app, projectId: principal.projectId, environment: headers.environment, call: { model: body.model, prompt: askedPrompt, endpoint: headers.endpoint, endUserId: call.endUserId } });
  if (!decision.allowed) {
    call.log({ prompt: askedPrompt, model: body.model, status: "blocked", enforcement: blockedBy(decision.reasons) });
    throw refusalOf(decision);
  }
  const messages = decision.systemPrompt === null ? body.messages : applySystemPrompt(body.messages, decision.systemPrompt);
  const facts = { prompt: serializeMessages(messages), enforcement: modificationsOf(decision) };

  // Token counts of a stream come from its usage chunk: asked for when the client did not, and then kept
  // from the client (SseTap), so it sees the stream it asked for.
  const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
  const injectUsage = body.stream === true && streamOptions?.include_usage === undefined;
  const bodyFor = (model: string) =>
    JSON.stringify({ ...body, model, messages, ...(injectUsage ? { stream_options: { ...(streamOptions ?? {}), include_usage: true } } : {}) });

  const attempt = await callUpstream(params, call, { path: "chat/completions", model: decision.model, fallbacks: true, bodyFor, facts });
  const { response, model } = attempt;
  const streamed = body.stream === true && response.status === 200 && String(response.headers["content-type"] ?? "").includes("text/event-stream");
  if (!streamed) return passWholeAnswer(params, call, attempt, facts, summarizeCompletion);

  const tap = new SseTap(injectUsage);
  const stream = passThrough(response, tap, signal, (ending) => call.log({ ...facts, model, status: ending === "end" ? "success" : "error", summary: tap.summary, ...endingMessage(ending) }));
  // As the config stream does: no compression (no-transform) or proxy buffering (nginx) may hold chunks back.
  return { status: 200, headers: { ...replyHeaders(response.headers, call.id, model), "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" }, body: stream };
}
