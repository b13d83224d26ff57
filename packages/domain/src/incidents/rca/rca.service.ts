import type { Prisma } from "@llmguard/db";
import { z } from "zod";
import type { App } from "../../app";
import { latestConfigVersion } from "../../config/config-store";
import { requireProjectAccess } from "../../projects/permissions";
import { loadSecretValues } from "../../secrets/secret.service";
import { settingOrDefault } from "../../settings/settings.schema";
import { notFound, type DomainError } from "../../shared/errors";
import { IncidentRcaSchema, type IncidentRca } from "../incident.schema";
import { relatedRequests, toIncident } from "../incident.service";
import { heuristicRca, rcaSignals, type RcaIncident, type RcaRequest, type RcaSettings } from "./heuristic-rca";
import { EndUserAliases, maskAndTruncate } from "./mask";
import { answerToRca, buildRcaMessages, classifyOpenAiError, requestOpenAiRca, RCA_TEXT_CHARS, type OpenAiRcaConfig, type OpenAiRcaFailureKind } from "./openai-rca";

/**
 * Root-cause analysis of an incident (issue 9). When an incident opens, the job layer calls
 * `analyzeIncident` (inline default) or, on Inngest, one `attemptOpenAiAnalysis` per step with
 * `rcaRetryDelayMs` sleeps between them and `storeHeuristicAnalysis` as the last step. Either way the
 * analysis is stored on the incident with an `rca` timeline event; the newest analysis wins.
 *
 * What reaches OpenAI: the incident and up to 20 related requests, their texts masked (secret and PII
 * spans of the risk detectors) and truncated. The key is the project's secret OPENAI_API_KEY, else the
 * server's; without either the analysis is the heuristic one, without any HTTP call.
 */

/** The secret a project stores its own OpenAI key under (Config & Secrets). */
export const RCA_SECRET_NAME = "OPENAI_API_KEY";
/** Related requests an analysis reads. */
export const RCA_MAX_REQUESTS = 20;
/** Attempts at OpenAI before the heuristic analysis takes over. */
export const RCA_MAX_ATTEMPTS = 3;
export const RCA_BASE_DELAY_MS = 1_000;
export const RCA_MAX_DELAY_MS = 30_000;

/** What the stored JSON holds (createdAt as an ISO string): parse stored analyses with this. */
export const StoredIncidentRcaSchema = IncidentRcaSchema.extend({ createdAt: z.coerce.date() });

/** The stored analysis of an incident row, or null (none yet, or not readable). */
export function readStoredRca(value: unknown): IncidentRca | null {
  const parsed = StoredIncidentRcaSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export interface RcaAttemptFailure {
  attempt: number;
  kind: OpenAiRcaFailureKind;
  error: string;
  status: number | null;
}

export type OpenAiAttemptResult =
  | { status: "stored"; rca: IncidentRca }
  /** No key in the project's secrets nor the server's environment: go straight to the heuristic. */
  | { status: "no_key" }
  | { status: "failed"; failure: RcaAttemptFailure; retryable: boolean; retryAfterMs: number | null };

export interface RcaRetryOptions {
  /** Default RCA_MAX_ATTEMPTS. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How to wait between attempts (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * How long to wait after failed attempt `attempt` (1-based): the server's Retry-After when it sent one,
 * else exponential backoff from `baseDelayMs`; never more than `maxDelayMs`.
 */
export function rcaRetryDelayMs(attempt: number, retryAfterMs: number | null, opts: { baseDelayMs?: number; maxDelayMs?: number } = {}): number {
  const max = opts.maxDelayMs ?? RCA_MAX_DELAY_MS;
  if (retryAfterMs !== null) return Math.min(max, Math.max(0, retryAfterMs));
  return Math.min(max, (opts.baseDelayMs ?? RCA_BASE_DELAY_MS) * 2 ** Math.max(0, attempt - 1));
}

interface RcaContext {
  incidentId: string;
  projectId: string;
  incident: RcaIncident & { description: string };
  evidence: Record<string, unknown>;
  requests: RcaRequest[];
  settings: RcaSettings;
  aliases: EndUserAliases;
  openai: (OpenAiRcaConfig & { keySource: "project" | "server" }) | null;
}


function riskFactorTypes(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((f) => (f && typeof f === "object" ? (f as { type?: unknown }).type : null)).filter((t): t is string => typeof t === "string");
}

async function projectKey(app: App, projectId: string): Promise<string | null> {
  try {
    const v = (await loadSecretValues(app, app.db, projectId, [RCA_SECRET_NAME])).get(RCA_SECRET_NAME)?.value.trim();
    return v ? v : null;
  } catch (e) {
    app.logger.warn({ projectId, err: (e as Error).message }, "root-cause analysis: the project's OpenAI key could not be decrypted");
    return null;
  }
}

async function loadContext(app: App, incidentId: string): Promise<RcaContext> {
  const row = await app.db.incident.findUnique({ where: { id: incidentId } });
  if (!row) throw notFound("Incident");
  const incident = toIncident(row);
  const related = await relatedRequests(app, row, RCA_MAX_REQUESTS);
  const [texts, config, ownKey] = await Promise.all([
    related.length > 0
      ? app.db.llmRequest.findMany({
          where: { projectId: row.projectId, id: { in: related.map((r) => r.id) } },
          select: { id: true, prompt: true, response: true, errorMessage: true, riskFactors: true, costUsd: true, totalTokens: true },
        })
      : Promise.resolve([]),
    latestConfigVersion(app.db, row.projectId),
    projectKey(app, row.projectId),
  ]);
  const byId = new Map(texts.map((t) => [t.id, t]));
  const requests: RcaRequest[] = related.map((r) => {
    const t = byId.get(r.id);
    return {
      id: r.id,
      timestamp: r.timestamp,
      model: r.model,
      endpoint: r.endpoint,
      endUserId: r.endUserId,
      status: r.status as RcaRequest["status"],
      latencyMs: r.latencyMs,
      riskScore: r.riskScore,
      riskFactors: riskFactorTypes(t?.riskFactors),
      errorMessage: t?.errorMessage ? maskAndTruncate(t.errorMessage, 500) : null,
      costUsd: t?.costUsd === null || t?.costUsd === undefined ? null : Number(t.costUsd),
      totalTokens: t?.totalTokens ?? 0,
      prompt: maskAndTruncate(t?.prompt ?? "", RCA_TEXT_CHARS),
      response: maskAndTruncate(t?.response ?? "", RCA_TEXT_CHARS),
    };
  });
  const values = config?.values ?? {};
  const settings: RcaSettings = {
    preferredModel: settingOrDefault(values, "llm.model"),
    riskThreshold: settingOrDefault(values, "guard.riskThreshold"),
    systemPrompt: settingOrDefault(values, "llm.systemPrompt"),
  };
  const env = app.env;
  const key = ownKey ?? env.OPENAI_API_KEY ?? null;
  // A project's base URL only ever receives the project's own key, never the server's.
  const baseURL = (ownKey ? settingOrDefault(values, "rca.baseUrl") : "") || env.OPENAI_BASE_URL;
  const model = settingOrDefault(values, "rca.model") || env.OPENAI_RCA_MODEL;
  return {
    incidentId: row.id,
    projectId: row.projectId,
    incident: { ...incident, description: row.description },
    evidence: row.evidence && typeof row.evidence === "object" && !Array.isArray(row.evidence) ? (row.evidence as Record<string, unknown>) : {},
    requests,
    settings,
    aliases: new EndUserAliases([...requests.map((r) => r.endUserId), incident.scope.kind === "endUser" ? incident.scope.value : null]),
    openai: key ? { apiKey: key, baseURL, model, timeoutMs: env.OPENAI_TIMEOUT_MS, keySource: ownKey ? "project" : "server" } : null,
  };
}

async function store(app: App, ctx: RcaContext, rca: IncidentRca, actorId: string | null, extra: Record<string, unknown>): Promise<IncidentRca> {
  const json = JSON.parse(JSON.stringify(rca)) as Prisma.InputJsonValue;
  await app.db.$transaction(async (tx) => {
    const updated = await tx.incident.updateMany({ where: { id: ctx.incidentId }, data: { rca: json } });
    if (updated.count === 0) throw notFound("Incident");
    await tx.incidentEvent.create({
      data: {
        incidentId: ctx.incidentId,
        kind: "rca",
        message: `Root-cause analysis (${rca.source})`,
        actorId,
        data: { source: rca.source, ...(rca.model ? { model: rca.model } : {}), severity: rca.severity, actions: rca.recommendedActions.map((a) => a.type), ...extra } as Prisma.InputJsonValue,
      },
    });
  });
  app.logger.info({ incidentId: ctx.incidentId, projectId: ctx.projectId, source: rca.source, model: rca.model }, "root-cause analysis stored");
  return rca;
}

async function attemptWith(app: App, ctx: RcaContext, attempt: number, previous: RcaAttemptFailure[], actorId: string | null): Promise<OpenAiAttemptResult> {
  if (!ctx.openai) return { status: "no_key" };
  const { keySource, ...config } = ctx.openai;
  const { messages, systemPromptShown } = buildRcaMessages({ incident: ctx.incident, evidence: ctx.evidence, requests: ctx.requests, settings: ctx.settings, signals: rcaSignals(ctx.requests), aliases: ctx.aliases });
  let answered: Awaited<ReturnType<typeof requestOpenAiRca>>;
  try {
    answered = await requestOpenAiRca({ config, messages });
  } catch (e) {
    const err = classifyOpenAiError(e);
    const failure: RcaAttemptFailure = { attempt, kind: err.kind, error: err.message, status: err.status };
    app.logger.warn({ incidentId: ctx.incidentId, projectId: ctx.projectId, attempt, kind: err.kind, status: err.status, retryable: err.retryable }, "root-cause analysis: OpenAI attempt failed");
    return { status: "failed", failure, retryable: err.retryable, retryAfterMs: err.retryAfterMs };
  }
  // Storing is outside the try: a database error is not an OpenAI failure to retry.
  const rca = answerToRca(answered.answer, { model: config.model, settings: ctx.settings, aliases: ctx.aliases, systemPromptShown });
  rca.metadata = { ...rca.metadata, analyzedRequests: ctx.requests.length, attempts: attempt, keySource, ...(answered.responseModel ? { responseModel: answered.responseModel } : {}), ...(previous.length > 0 ? { failedAttempts: previous } : {}) };
  return { status: "stored", rca: await store(app, ctx, rca, actorId, { attempts: attempt }) };
}

async function heuristicWith(app: App, ctx: RcaContext, reason: "no_api_key" | "openai_failed", failures: RcaAttemptFailure[], actorId: string | null): Promise<IncidentRca> {
  const rca = heuristicRca({ incident: ctx.incident, evidence: ctx.evidence, requests: ctx.requests, settings: ctx.settings });
  rca.metadata = { ...rca.metadata, fallbackReason: reason, ...(failures.length > 0 ? { failedAttempts: failures } : {}) };
  return store(app, ctx, rca, actorId, { ...(reason === "openai_failed" ? { fallbackReason: reason, attempts: failures.length } : { fallbackReason: reason }) });
}

/**
 * One OpenAI attempt for an incident (a job step): on success the analysis is stored and returned;
 * on failure nothing is stored and the result says whether to retry and after how long at least
 * (`rcaRetryDelayMs`). `previousFailures` (the failed steps before it) are recorded with a success.
 * Throws NOT_FOUND when the incident is gone.
 */
export async function attemptOpenAiAnalysis(params: { app: App; incidentId: string; attempt: number; previousFailures?: RcaAttemptFailure[]; actorId?: string | null }): Promise<OpenAiAttemptResult> {
  const ctx = await loadContext(params.app, params.incidentId);
  return attemptWith(params.app, ctx, params.attempt, params.previousFailures ?? [], params.actorId ?? null);
}

/** Stores the heuristic analysis (no key, or after the OpenAI attempts failed) and returns it. */
export async function storeHeuristicAnalysis(params: { app: App; incidentId: string; reason: "no_api_key" | "openai_failed"; failures?: RcaAttemptFailure[]; actorId?: string | null }): Promise<IncidentRca> {
  const ctx = await loadContext(params.app, params.incidentId);
  return heuristicWith(params.app, ctx, params.reason, params.failures ?? [], params.actorId ?? null);
}

/**
 * The whole analysis in one call (the inline job runner, and reruns): up to `maxAttempts` OpenAI
 * attempts with backoff (Retry-After honoured), a non-retryable failure (bad key, unknown model) ends
 * them at once, then the heuristic. Stores the result on the incident and returns it.
 */
export async function analyzeIncident(params: { app: App; incidentId: string; actorId?: string | null; retry?: RcaRetryOptions }): Promise<IncidentRca> {
  const { app, retry = {} } = params;
  const actorId = params.actorId ?? null;
  const maxAttempts = Math.max(1, retry.maxAttempts ?? RCA_MAX_ATTEMPTS);
  const sleep = retry.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const ctx = await loadContext(app, params.incidentId);
  if (!ctx.openai) return heuristicWith(app, ctx, "no_api_key", [], actorId);
  const failures: RcaAttemptFailure[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const result = await attemptWith(app, ctx, attempt, failures, actorId);
    if (result.status === "stored") return result.rca;
    if (result.status === "no_key") break;
    failures.push(result.failure);
    if (!result.retryable || attempt === maxAttempts) break;
    await sleep(rcaRetryDelayMs(attempt, result.retryAfterMs, retry));
  }
  return heuristicWith(app, ctx, "openai_failed", failures, actorId);
}

/**
 * Issue 9: a developer (or above) runs the analysis again; the new one replaces the stored analysis and
 * goes on the timeline with its author. Another project's incident answers 404.
 */
export async function rerunAnalysis(params: { app: App; userId: string; incidentId: string; retry?: RcaRetryOptions }): Promise<IncidentRca> {
  const { app, userId, incidentId } = params;
  const row = await app.db.incident.findUnique({ where: { id: incidentId }, select: { projectId: true } });
  if (!row) throw notFound("Incident");
  try {
    await requireProjectAccess({ db: app.db, userId, projectId: row.projectId, action: "incident.update" });
  } catch (e) {
    if ((e as DomainError).code === "NOT_FOUND") throw notFound("Incident");
    throw e;
  }
  return analyzeIncident({ app, incidentId, actorId: userId, retry: params.retry });
}
