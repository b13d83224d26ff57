import { decideOnServer } from "../remediation/guard-check.service";
import { summarizeEmbeddings } from "./completion-usage";
import { blockedBy } from "./gateway-record";
import { refusalOf, type GatewayReply, type GatewayRequest } from "./gateway-call";
import type { EmbeddingsRequest } from "./gateway.schema";
import { answeringAs, callUpstream, openLoggedCall, passWholeAnswer } from "./logged-call";

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
  const { app, principal, headers, body } = params;
  const call = await openLoggedCall(params, body.model, body.user);
  const facts = { prompt: inputText(body.input) };
  return answeringAs(call, async () => {
    const { decision } = await decideOnServer({ app, projectId: principal.projectId, environment: headers.environment, call: { model: body.model, prompt: facts.prompt, endpoint: headers.endpoint, endUserId: call.endUserId } });
    if (!decision.allowed) {
      call.log({ ...facts, model: body.model, status: "blocked", enforcement: blockedBy(decision.reasons) });
      throw refusalOf(decision);
    }
    const attempt = await callUpstream(params, call, { path: "embeddings", model: body.model, fallbacks: false, bodyFor: (model) => JSON.stringify({ ...body, model }), facts });
    return passWholeAnswer(params, call, attempt, facts, summarizeEmbeddings);
  });
}
