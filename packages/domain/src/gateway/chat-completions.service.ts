import { applySystemPrompt, serializeMessages } from "@llmguard/guard";
import { decideOnServer } from "../remediation/guard-check.service";
import { reserveRecord } from "../requests/ingest.service";
import { toDomainError } from "../shared/errors";
import { providerErrorMessage, summarizeCompletion } from "./completion-usage";
import { blockedBy, logGatewayCall, modificationsOf, recordIdFor, type GatewayCallLog } from "./gateway-record";
import { modelsToTry, refusalOf, replyHeaders, requireGatewayScope, sendWithFallback, type GatewayReply, type GatewayRequest } from "./gateway-call";
import type { ChatCompletionRequest } from "./gateway.schema";
import { SseTap } from "./sse-tap";
import { endingMessage, passThrough } from "./stream-pass-through";
import { readAnswer } from "./upstream-client";
import { resolveUpstream } from "./upstream-config";

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
  const { app, principal, headers, body, signal } = params;
  requireGatewayScope(principal);
  // The plan's allowance and the project's rate, before anything is spent at the provider.
  const reserved = await reserveRecord(app, principal.projectId);
  const startedAt = Date.now();
  const id = recordIdFor(headers.requestId);
  const endUserId = headers.endUserId ?? body.user;
  const requestedModel = body.model;
  const log = (call: Omit<GatewayCallLog, "id" | "startedAt" | "requestedModel">) => logGatewayCall(app, principal, headers, endUserId, reserved, { id, startedAt, requestedModel, ...call });

  const askedPrompt = serializeMessages(body.messages);
  const { decision } = await decideOnServer({ app, projectId: principal.projectId, environment: headers.environment, call: { model: requestedModel, prompt: askedPrompt, endpoint: headers.endpoint, endUserId } });
  if (!decision.allowed) {
    log({ prompt: askedPrompt, model: requestedModel, status: "blocked", enforcement: blockedBy(decision.reasons) });
    throw refusalOf(decision);
  }
  const messages = decision.systemPrompt === null ? body.messages : applySystemPrompt(body.messages, decision.systemPrompt);
  const prompt = serializeMessages(messages);
  const enforcement = modificationsOf(decision);

  // Token counts of a stream come from its usage chunk: asked for when the client did not, and then kept
  // from the client (SseTap), so it sees the stream it asked for.
  const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
  const injectUsage = body.stream === true && streamOptions?.include_usage === undefined;
  const bodyFor = (model: string) =>
    JSON.stringify({ ...body, model, messages, ...(injectUsage ? { stream_options: { ...(streamOptions ?? {}), include_usage: true } } : {}) });

  let attempt;
  try {
    const target = await resolveUpstream(app, principal.projectId, headers.environment);
    attempt = await sendWithFallback({ app, target, path: "chat/completions", models: modelsToTry(decision.model, target.fallbackModels), bodyFor, signal });
  } catch (err) {
    // Logged like any failed call (a missing provider key is an outage of the caller's feature too).
    const e = toDomainError(err);
    log({ prompt, model: decision.model, status: e.code === "UPSTREAM_TIMEOUT" ? "timeout" : "error", errorMessage: e.message, enforcement });
    throw err;
  }
  const { response, model } = attempt;
  const headersOut = replyHeaders(response.headers, id, model);

  const streamed = body.stream === true && response.status === 200 && String(response.headers["content-type"] ?? "").includes("text/event-stream");
  if (!streamed) {
    const bytes = await readAnswer(response.body, signal, (errorMessage) => log({ prompt, model, status: "error", errorMessage, enforcement }));
    if (response.status >= 200 && response.status < 300) {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(bytes.toString("utf8"));
      } catch {
        // passed through as it came; logged without text
      }
      log({ prompt, model, status: "success", summary: summarizeCompletion(parsed), enforcement });
    } else {
      log({ prompt, model, status: "error", errorMessage: providerErrorMessage(response.status, bytes), enforcement });
    }
    return { status: response.status, headers: headersOut, body: bytes };
  }
  const tap = new SseTap(injectUsage);
  const stream = passThrough(response, tap, signal, (ending) => log({ prompt, model, status: ending === "end" ? "success" : "error", summary: tap.summary, enforcement, ...endingMessage(ending) }));
  // As the config stream does: no compression (no-transform) or proxy buffering (nginx) may hold chunks back.
  return { status: 200, headers: { ...headersOut, "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" }, body: stream };
}
