import { randomUUID } from "node:crypto";
import { takeAllowance } from "../billing/usage";
import { decide, EMPTY_POLICY, type GuardPolicy } from "@llmguard/guard";
import type { App } from "../app";
import type { ApiKeyPrincipal } from "../api-keys/api-key.service";
import { estimateCostUsd } from "../pricing/price-table";
import { guardPolicyFor } from "../remediation/guard-policy";
import type { Enforcement } from "../remediation/enforcement.schema";
import { analyzeRisk, redactRecord } from "../risk";
import { DomainError, toDomainError, zodDetails } from "../shared/errors";
import { getGuardSettings, type GuardSettings } from "./guard-settings";
import { IngestRecordSchema, type IngestBatchResult, type IngestRecord, type IngestResult, type RequestSource } from "./request.schema";
import type { PreparedRow } from "./request-row";

function requireIngestScope(principal: ApiKeyPrincipal) {
  if (!principal.scopes.includes("ingest")) throw new DomainError("FORBIDDEN", "This API key does not have the ingest scope");
}

/**
 * What the guard did to the call as its client reported it; or, for a call that went through, whether an
 * active rule of the production policy would have blocked it (a client that does not enforce, an SDK
 * that had not heard of the rule yet). Per-user limits are not judged here: the client counted them.
 */
function enforcementOf(record: IngestRecord, policy: GuardPolicy, now: Date): Enforcement | null {
  if (record.enforcement) return record.enforcement;
  if (record.status === "blocked" || policy.rules.length === 0) return null;
  const d = decide(policy, { model: record.requestedModel ?? record.model, prompt: record.prompt, endpoint: record.endpoint, endUserId: record.endUserId }, { now: now.getTime() });
  if (d.allowed) return null;
  return { outcome: "would_block", reasons: d.reasons.filter((r) => r.type === "disable_endpoint" || r.type === "increase_safety_threshold") };
}

/** Scores and prices one validated record against the project's settings in force. */
export function prepareRow(record: IngestRecord, principal: ApiKeyPrincipal, settings: GuardSettings, now = new Date(), policy: GuardPolicy = EMPTY_POLICY): PreparedRow {
  const totalTokens = record.totalTokens ?? (record.promptTokens ?? 0) + (record.completionTokens ?? 0);
  // A blocked call never ran: it is scored on its prompt, without error points.
  const analysis = analyzeRisk({ prompt: record.prompt, response: record.response, model: record.model, status: record.status === "blocked" ? "success" : record.status, totalTokens }, settings.tuning);
  const risk = analysis.result;
  // Scored first, then redacted: the stored text, the search index built from it and the dashboard never
  // see a detected secret (or, in "secrets+pii" mode, personal data); spans point into the stored text.
  const stored = redactRecord({ prompt: record.prompt, response: record.response }, analysis, settings.redaction);
  return {
    projectId: principal.projectId,
    // Lower case, as PostgreSQL answers a uuid: the group commit matches its answers to rows by id.
    id: (record.id ?? randomUUID()).toLowerCase(),
    timestamp: record.timestamp ?? now,
    apiKeyId: principal.keyId,
    model: record.model,
    prompt: stored.prompt,
    response: stored.response,
    status: record.status,
    errorMessage: record.errorMessage ?? null,
    latencyMs: record.latencyMs,
    promptTokens: record.promptTokens ?? null,
    completionTokens: record.completionTokens ?? null,
    totalTokens,
    costUsd: estimateCostUsd({ model: record.model, promptTokens: record.promptTokens, completionTokens: record.completionTokens, totalTokens }, settings.prices),
    riskScore: risk.score,
    riskFactors: stored.factors,
    // requirement: flagged when the score reaches the project's safety threshold
    flagged: risk.score >= settings.riskThreshold,
    endUserId: record.endUserId ?? null,
    endpoint: record.endpoint ?? null,
    metadata: record.metadata ?? null,
    requestedModel: record.requestedModel ?? null,
    enforcement: enforcementOf(record, policy, now),
  };
}

/**
 * Requirement 3.1: validates, scores and stores one LLM call. Resolves after the row is committed
 * (group commit); a repeated client id returns the first result and stores nothing twice.
 */
export async function ingestRequest(params: { app: App; principal: ApiKeyPrincipal; record: IngestRecord }): Promise<IngestResult & { duplicate: boolean }> {
  requireIngestScope(params.principal);
  return storeRecord({ ...params, source: "api" });
}

/**
 * The ingest path after authorization: plan allowance and project rate, scoring, redaction, pricing and
 * the group commit (with rollups and detection). The REST ingest route and the gateway (issue 13, which
 * authorizes with its own scope) both store through here, so their records are alike but for `source`.
 */
export async function storeRecord(params: {
  app: App;
  principal: ApiKeyPrincipal;
  record: IngestRecord;
  source: RequestSource;
  /** The allowance reserveRecord took before the call (the gateway); absent, it is taken here. */
  reserved?: { accountId: string | null };
}): Promise<IngestResult & { duplicate: boolean }> {
  const { app, principal } = params;
  const [settings, policy] = await Promise.all([getGuardSettings(app, principal.projectId), guardPolicyFor(app, principal.projectId)]);
  const accountId = params.reserved ? params.reserved.accountId : await takeRecordAllowance(app, principal.projectId, settings);
  const row = prepareRow(params.record, principal, settings, new Date(), policy);
  row.accountId = accountId;
  row.source = params.source;
  const [stored] = app.ingest.submit([row]);
  return stored!;
}

function takeRecordAllowance(app: App, projectId: string, settings: GuardSettings): Promise<string | null> {
  return takeAllowance(app, projectId, 1, (planRpm) => app.limits.perProject(Math.min(settings.requestsPerMinute, planRpm)).consume(projectId));
}

/**
 * Takes one record's plan allowance and project rate before the call it will log is made (the gateway,
 * issue 13): a project over its plan or its per-minute limit is refused before the provider is called,
 * not after (429 PLAN_LIMIT_EXCEEDED or RATE_LIMITED). Pass the result to storeRecord as `reserved`.
 */
export async function reserveRecord(app: App, projectId: string): Promise<{ accountId: string | null }> {
  const settings = await getGuardSettings(app, projectId);
  return { accountId: await takeRecordAllowance(app, projectId, settings) };
}

/**
 * Up to 500 records: each is validated on its own; valid ones are stored even when others fail, and the
 * answer lists a result per record in input order.
 */
export async function ingestBatch(params: { app: App; principal: ApiKeyPrincipal; records: unknown[] }): Promise<IngestBatchResult> {
  const { app, principal } = params;
  requireIngestScope(principal);
  const [settings, policy] = await Promise.all([getGuardSettings(app, principal.projectId), guardPolicyFor(app, principal.projectId)]);
  const parsed = params.records.map((r) => IngestRecordSchema.safeParse(r));
  const valid = parsed.filter((p) => p.success).length;
  const accountId = valid > 0 ? await takeAllowance(app, principal.projectId, valid, (planRpm) => app.limits.perProject(Math.min(settings.requestsPerMinute, planRpm)).consume(principal.projectId, valid)) : null;
  const now = new Date();
  const rows: PreparedRow[] = [];
  const slots: (number | { code: string; message: string; details: unknown })[] = parsed.map((p) => {
    if (!p.success) return { code: "VALIDATION_FAILED", message: "Invalid record", details: zodDetails(p.error) };
    const row = prepareRow(p.data, principal, settings, now, policy);
    row.accountId = accountId;
    rows.push(row);
    return rows.length - 1;
  });
  const stored = await Promise.allSettled(app.ingest.submit(rows));
  // A database outage fails the whole batch (503), so the SDK retries it, rather than per-record errors.
  const outage = stored.find((s) => s.status === "rejected" && toDomainError(s.reason).code === "SERVICE_UNAVAILABLE");
  if (outage && outage.status === "rejected") throw outage.reason;
  return {
    results: slots.map((slot, index) => {
      if (typeof slot !== "number") return { index, ok: false as const, error: slot };
      const s = stored[slot]!;
      if (s.status === "fulfilled") return { index, ok: true as const, ...s.value };
      const err = toDomainError(s.reason);
      return { index, ok: false as const, error: { code: err.code, message: err.message, details: err.details ?? null } };
    }),
  };
}
