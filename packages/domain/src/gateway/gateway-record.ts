import { randomUUID } from "node:crypto";
import type { GuardDecision, GuardReason } from "@llmguard/guard";
import type { ApiKeyPrincipal } from "../api-keys/api-key.service";
import type { App } from "../app";
import type { Enforcement } from "../remediation/enforcement.schema";
import { storeRecord } from "../requests/ingest.service";
import { TEXT_MAX_CHARS, type IngestRecord } from "../requests/request.schema";
import { sha256Hex } from "../shared/crypto";
import type { CompletionSummary } from "./completion-usage";
import type { GatewayHeaders } from "./gateway.schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The id a gateway call is logged under. `x-llmguard-request-id` makes logging idempotent: a UUID is used
 * as it is; any other text is hashed into one, so a client retrying with the same id logs the call once
 * (records are unique per project and id; the group commit keeps the first).
 */
export function recordIdFor(requestId: string | undefined): string {
  if (!requestId) return randomUUID();
  if (UUID.test(requestId)) return requestId.toLowerCase();
  const h = sha256Hex(`llmguard-gateway-request-id\u0000${requestId}`);
  // Version 8 (custom) and the RFC 4122 variant, so it is a valid UUID.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What the guard did to a call that went ahead: the rewrites (model, system prompt), if any. */
export function modificationsOf(decision: GuardDecision): Enforcement | undefined {
  const rewrites = decision.reasons.filter((r) => r.type === "switch_model" || r.type === "change_system_prompt");
  return rewrites.length > 0 ? { outcome: "modified", reasons: rewrites } : undefined;
}

export function blockedBy(reasons: GuardReason[]): Enforcement {
  return { outcome: "blocked", reasons: reasons.slice(0, 20) };
}

export interface GatewayCallLog {
  id: string;
  startedAt: number;
  /** When the call ended (the log itself is written after the reply). */
  endedAt: number;
  prompt: string;
  /** The model the call went to (after a switch_model rule or a fallback). */
  model: string;
  /** The model the client asked for. */
  requestedModel: string;
  status: IngestRecord["status"];
  summary?: CompletionSummary;
  errorMessage?: string;
  enforcement?: Enforcement;
}

/**
 * Logs a gateway call through the ingest path SDK traffic uses (storeRecord: allowance, scoring,
 * redaction, pricing, group commit with rollups and detection), marked `source: gateway`, counting
 * against the allowance reserveRecord took before the call. The answer to
 * the client never waits for it (the group commit's latency stays out of the gateway's), and a failure
 * here (database down, plan exhausted) is logged, never turned into a failed LLM call.
 */
export function logGatewayCall(app: App, principal: ApiKeyPrincipal, headers: GatewayHeaders, endUserId: string | undefined, reserved: { accountId: string | null }, call: GatewayCallLog): void {
  const s = call.summary;
  const record: IngestRecord = {
    id: call.id,
    prompt: call.prompt.slice(0, TEXT_MAX_CHARS),
    response: (s?.text ?? "").slice(0, TEXT_MAX_CHARS),
    model: call.model,
    latencyMs: Math.max(0, Math.round(call.endedAt - call.startedAt)),
    status: call.status,
    ...(s?.promptTokens !== undefined ? { promptTokens: s.promptTokens } : {}),
    ...(s?.completionTokens !== undefined ? { completionTokens: s.completionTokens } : {}),
    ...(s?.totalTokens !== undefined ? { totalTokens: s.totalTokens } : {}),
    ...(call.errorMessage ? { errorMessage: call.errorMessage.slice(0, 10_000) } : {}),
    ...(endUserId ? { endUserId } : {}),
    ...(headers.endpoint ? { endpoint: headers.endpoint } : {}),
    ...(call.requestedModel !== call.model ? { requestedModel: call.requestedModel } : {}),
    ...(call.enforcement ? { enforcement: call.enforcement as IngestRecord["enforcement"] } : {}),
    ...(headers.metadata ? { metadata: headers.metadata } : {}),
    timestamp: new Date(call.startedAt),
  };
  storeRecord({ app, principal, record, source: "gateway", reserved }).catch((err: unknown) => {
    app.logger.warn({ err, projectId: principal.projectId, requestId: call.id }, "gateway call could not be logged");
  });
}
