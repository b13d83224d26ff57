import type { Enforcement } from "../remediation/enforcement.schema";
import { reserveRecord } from "../requests/ingest.service";
import { DomainError, isDomainError, toDomainError } from "../shared/errors";
import { providerErrorMessage, type CompletionSummary } from "./completion-usage";
import { modelsToTry, replyHeaders, requireGatewayScope, sendWithFallback, type Attempted, type GatewayReply, type GatewayRequest } from "./gateway-call";
import { logGatewayCall, recordIdFor, type GatewayCallLog } from "./gateway-record";
import { GATEWAY_RESPONSE_HEADERS } from "./gateway.schema";
import { readAnswer } from "./upstream-client";
import { resolveUpstream } from "./upstream-config";

/** What the services log of a call; the id, start time and requested model are the LoggedCall's. */
export type CallOutcome = Omit<GatewayCallLog, "id" | "startedAt" | "endedAt" | "requestedModel">;

/** A gateway call that is logged however it ends (chat completions, embeddings). */
export interface LoggedCall {
  /** The record id, also answered in x-llmguard-request-id. */
  id: string;
  endUserId: string | undefined;
  /**
   * Logs the call after the reply is written: storeRecord's synchronous part (scoring, redaction, the
   * search vector, the flush's statement) and any parsing of the answer (pass a function) would otherwise
   * run between the upstream's answer and the reply, on the gateway's critical path. The latency logged
   * ends now, not when the log is written.
   */
  log(outcome: CallOutcome | (() => CallOutcome)): void;
}

/**
 * The start every logged gateway call shares: the key's gateway scope, the plan's allowance and the
 * project's rate (before anything is spent at the provider), the record id and the end user (the header,
 * else the body's `user`).
 */
export async function openLoggedCall(req: GatewayRequest, requestedModel: string, bodyUser: string | undefined): Promise<LoggedCall> {
  const { app, principal, headers } = req;
  requireGatewayScope(principal);
  const reserved = await reserveRecord(app, principal.projectId);
  const startedAt = Date.now();
  const id = recordIdFor(headers.requestId);
  const endUserId = headers.endUserId ?? bodyUser;
  return {
    id,
    endUserId,
    log: (outcome) => {
      const endedAt = Date.now();
      setImmediate(() => {
        // Outside any request now: a throw here would be an uncaught exception, so it is logged instead.
        try {
          logGatewayCall(app, principal, headers, endUserId, reserved, { id, startedAt, endedAt, requestedModel, ...(typeof outcome === "function" ? outcome() : outcome) });
        } catch (err) {
          app.logger.warn({ err, projectId: principal.projectId, requestId: id }, "gateway call could not be logged");
        }
      });
    },
  };
}

/**
 * Runs the rest of a logged call: a refusal or failure it throws answers with the record's id in
 * x-llmguard-request-id, as a success does, so the caller can find the call in Logs.
 */
export async function answeringAs<T>(call: LoggedCall, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isDomainError(err)) throw err; // a bug: the generic 500, logged by the adapter
    const headers = { ...err.headers, [GATEWAY_RESPONSE_HEADERS.requestId]: call.id };
    throw new DomainError(err.code, err.message, { details: err.details, retryAfterSeconds: err.retryAfterSeconds, headers, cause: err.cause });
  }
}

/** Fields of the log that do not depend on how the call ended. */
type CallFacts = Pick<CallOutcome, "prompt" | "enforcement">;

/**
 * The project's upstream with `model`, then (with `fallbacks`) each of gateway.fallbackModels on a 429,
 * 5xx, timeout or unreachable upstream. A failure before any answer (no provider key, unreachable, timed
 * out) is logged like any failed call, as an outage of the caller's feature, and thrown.
 */
export async function callUpstream(
  req: GatewayRequest,
  call: LoggedCall,
  params: { path: string; model: string; fallbacks: boolean; bodyFor: (model: string) => string; facts: CallFacts },
): Promise<Attempted> {
  const { app, principal, headers, signal } = req;
  try {
    const target = await resolveUpstream(app, principal.projectId, headers.environment);
    const models = params.fallbacks ? modelsToTry(params.model, target.fallbackModels) : [params.model];
    return await sendWithFallback({ app, target, path: params.path, models, bodyFor: params.bodyFor, signal });
  } catch (err) {
    const e = toDomainError(err);
    call.log({ ...params.facts, model: params.model, status: e.code === "UPSTREAM_TIMEOUT" ? "timeout" : "error", errorMessage: e.message });
    throw err;
  }
}

/**
 * A whole (not streamed) answer: read, logged as a success with its usage or as the provider's error, and
 * passed through as it came. An answer that breaks off is logged and answers 502 (readAnswer).
 */
export async function passWholeAnswer(
  req: GatewayRequest,
  call: LoggedCall,
  attempt: Attempted,
  facts: CallFacts & { enforcement?: Enforcement },
  summarize: (body: unknown) => CompletionSummary,
): Promise<GatewayReply> {
  const { response, model } = attempt;
  const bytes = await readAnswer(response.body, req.signal, (errorMessage) => call.log({ ...facts, model, status: "error", errorMessage }));
  if (response.status >= 200 && response.status < 300) {
    call.log(() => ({ ...facts, model, status: "success", summary: summarize(parsedOrNull(bytes)) }));
  } else {
    call.log(() => ({ ...facts, model, status: "error", errorMessage: providerErrorMessage(response.status, bytes) }));
  }
  return { status: response.status, headers: replyHeaders(response.headers, call.id, model), body: bytes };
}

/** An answer passed through as it came may not be JSON; it is then logged without usage. */
function parsedOrNull(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
}
