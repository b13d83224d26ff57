import { decideOnServer } from "../remediation/guard-check.service";
import { reserveRecord } from "../requests/ingest.service";
import { toDomainError } from "../shared/errors";
import { providerErrorMessage, summarizeEmbeddings } from "./completion-usage";
import { blockedBy, logGatewayCall, recordIdFor, type GatewayCallLog } from "./gateway-record";
import { refusalOf, replyHeaders, requireGatewayScope, sendWithFallback, type GatewayReply, type GatewayRequest } from "./gateway-call";
import type { EmbeddingsRequest } from "./gateway.schema";
import { readAnswer } from "./upstream-client";
import { resolveUpstream } from "./upstream-config";

/** The text of an embeddings input as logged and scored (token arrays are not text). */
function inputText(input: EmbeddingsRequest["input"]): string {
  if (typeof input === "string") return input;
  return input.map((v) => (typeof v === "string" ? v : "[tokens]")).join("\n");
}

/**
 * POST /embeddings through the gateway. The policy's refusals apply (disabled endpoint, blocking threshold
 * on the input text, per-user limit); its rewrites do not: a switch_model or system prompt rule is about
 * chat models, and an embedding model must stay the one whose vectors the caller stores. The vectors are
 * not logged, only their count and the usage.
 */
export async function forwardEmbeddings(params: GatewayRequest & { body: EmbeddingsRequest }): Promise<GatewayReply> {
  const { app, principal, headers, body, signal } = params;
  requireGatewayScope(principal);
  // The plan's allowance and the project's rate, before anything is spent at the provider.
  const reserved = await reserveRecord(app, principal.projectId);
  const startedAt = Date.now();
  const id = recordIdFor(headers.requestId);
  const endUserId = headers.endUserId ?? body.user;
  const prompt = inputText(body.input);
  const log = (call: Omit<GatewayCallLog, "id" | "startedAt" | "requestedModel" | "prompt">) => logGatewayCall(app, principal, headers, endUserId, reserved, { id, startedAt, requestedModel: body.model, prompt, ...call });

  const { decision } = await decideOnServer({ app, projectId: principal.projectId, environment: headers.environment, call: { model: body.model, prompt, endpoint: headers.endpoint, endUserId } });
  if (!decision.allowed) {
    log({ model: body.model, status: "blocked", enforcement: blockedBy(decision.reasons) });
    throw refusalOf(decision);
  }
  let attempt;
  try {
    const target = await resolveUpstream(app, principal.projectId, headers.environment);
    attempt = await sendWithFallback({ app, target, path: "embeddings", models: [body.model], bodyFor: (model) => JSON.stringify({ ...body, model }), signal });
  } catch (err) {
    const e = toDomainError(err);
    log({ model: body.model, status: e.code === "UPSTREAM_TIMEOUT" ? "timeout" : "error", errorMessage: e.message });
    throw err;
  }
  const { response, model } = attempt;
  const bytes = await readAnswer(response.body, signal, (errorMessage) => log({ model, status: "error", errorMessage }));
  if (response.status >= 200 && response.status < 300) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(bytes.toString("utf8"));
    } catch {
      // passed through as it came
    }
    log({ model, status: "success", summary: summarizeEmbeddings(parsed) });
  } else {
    log({ model, status: "error", errorMessage: providerErrorMessage(response.status, bytes) });
  }
  return { status: response.status, headers: replyHeaders(response.headers, id, model), body: bytes };
}
