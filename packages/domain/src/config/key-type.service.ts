import type { Prisma } from "@llmguard/db";
import type { App } from "../app";
import { appendAudit, projectChain } from "../audit/audit.service";
import { requireProjectAccess } from "../projects/permissions";
import { DomainError, notFound } from "../shared/errors";
import { latestVersionsByEnvironment } from "./config-store";
import { typeIssues } from "./config-validation";
import { BUILTIN_KEY_TYPES, compileKeyType, KeyTypeSpecSchema, type KeyTypeView, type SetKeyTypeInput } from "./key-type.schema";

const BUILTIN_DESCRIPTIONS: Record<string, string> = {
  "llm.model": "Preferred model (string, 1–100 characters)",
  "guard.riskThreshold": "Risk score at or above which a request is flagged (integer 0–100)",
  "limits.requestsPerMinute": "Ingested records per minute (integer ≥ 1)",
  "llm.systemPrompt": "System prompt (string, up to 20,000 characters)",
  "guard.blockedKeywords": "Words that add risk points (array of strings)",
  "guard.allowlist": "Phrases that never count toward risk (array of strings)",
  "guard.redaction": "Replaced before prompts and responses are stored: off, secrets or secrets+pii",
  "pricing.overrides": "USD per 1K tokens by model ({ input, output })",
  "detection.latencyMs": "A request slower than this (ms) opens a latency incident (default 5000)",
  "detection.errorRatePct": "Error rate over the last hour (%) that opens an incident (default 10)",
  "detection.minRequests": "Requests in that hour before the error rate counts (default 20)",
  "detection.highRiskScore": "Risk score above which a request counts toward a high-risk streak (default 80)",
  "detection.highRiskStreak": "Consecutive high-risk requests that open an incident (default 3)",
  "detection.costSpikePct": "Current hour's cost above the 7-day hourly average (%) that opens an incident (default 50)",
  "detection.anomalySigma": "Standard deviations from the 7-day baseline that the hourly check calls an anomaly (default 3)",
  "detection.disabledRules": "Detection rules switched off: latency, error_rate, high_risk, cost_spike, anomaly",
  "rca.model": "OpenAI model of the root-cause analysis (empty = the server's OPENAI_RCA_MODEL)",
  "rca.baseUrl": "OpenAI-compatible base URL, used with the project's OPENAI_API_KEY secret only (empty = the server's)",
  "integrations.datadog.onRecovered": "What a Datadog Recovered alert does to its incident: mitigate or resolve (default mitigate)",
  "notifications.email.minSeverity": "Lowest incident severity e-mailed to the owner and admins: off, low, medium, high, critical (default high)",
  "notifications.slack.minSeverity": "Lowest incident severity posted to the NOTIFY_SLACK_WEBHOOK_URL secret: off, low, medium, high, critical (default off)",
  "notifications.webhook.minSeverity": "Lowest incident severity posted, signed, to the NOTIFY_WEBHOOK_URL secret: off, low, medium, high, critical (default off)",
  "remediation.automation.enabled": "Apply the root-cause analysis's first recommended action automatically (default false)",
  "remediation.automation.triggers": "Incident triggers automation acts on (default latency, error_rate, high_risk, cost_spike)",
  "remediation.automation.minSeverity": "Lowest incident severity automation acts on: low, medium, high, critical (default high)",
  "remediation.automation.maxPerHour": "Automatic actions per rolling hour at most (default 3)",
  "remediation.automation.environment": "Environment automatic actions are written to (default production)",
  "remediation.automation.allowProduction": "Whether automatic actions may change production or base (default false)",
  "remediation.verifyMinutes": "Minutes to watch the incident's metric after an action before judging it (default 15)",
  "remediation.verifyMarginPct": "How much worse (%) the metric must get after an action to roll it back automatically (default 20)",
  "gateway.upstream.baseUrl": "OpenAI-compatible API the gateway forwards calls to (default https://api.openai.com/v1)",
  "gateway.upstream.secret": "Name of the secret holding the upstream's API key (default OPENAI_API_KEY)",
  "gateway.timeoutMs": "Milliseconds the gateway waits for the upstream's answer, per attempt (default 60000)",
  "gateway.fallbackModels": "Models the gateway tries in order when the upstream answers 429 or 5xx (default none)",
};

/** Built-in types (the project settings) and the project's declared ones. */
export async function listKeyTypes(params: { app: App; userId: string; projectId: string }): Promise<KeyTypeView[]> {
  const { app, projectId } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId, action: "config.read" });
  const rows = await app.db.configKeyType.findMany({ where: { projectId }, orderBy: { key: "asc" } });
  return [
    ...Object.keys(BUILTIN_KEY_TYPES).map((key) => ({ key, spec: null, builtin: true, description: BUILTIN_DESCRIPTIONS[key] ?? "", updatedAt: null })),
    ...rows.map((r) => ({ key: r.key, spec: KeyTypeSpecSchema.parse(r.spec), builtin: false, description: r.description, updatedAt: r.updatedAt })),
  ];
}

/**
 * Declares (or changes) a key's type. Refused while a stored value of the key, in any environment, does
 * not fit it: a type never makes existing config invalid.
 */
export async function setKeyType(params: { app: App; userId: string; input: SetKeyTypeInput; ip?: string | null }): Promise<KeyTypeView> {
  const { app, userId, input } = params;
  await requireProjectAccess({ db: app.db, userId, projectId: input.projectId, action: "configType.manage" });
  const schema = compileKeyType(input.spec);
  const row = await app.db.$transaction(async (tx) => {
    await tx.project.update({ where: { id: input.projectId }, data: { configRevision: { increment: 0 } } }); // lock: no config write races the check
    const issues = [];
    for (const [environment, v] of await latestVersionsByEnvironment(tx, input.projectId)) {
      if (!Object.prototype.hasOwnProperty.call(v.values, input.key)) continue;
      for (const i of typeIssues({ [input.key]: v.values[input.key] }, new Map([[input.key, schema]]))) issues.push({ ...i, path: `${environment}.${input.key}`, message: `${environment}: ${i.message}` });
    }
    if (issues.length > 0) throw new DomainError("VALIDATION_FAILED", `Stored values of ${input.key} do not fit this type: ${issues[0]!.message}`, { details: { issues } });
    const saved = await tx.configKeyType.upsert({
      where: { projectId_key: { projectId: input.projectId, key: input.key } },
      create: { projectId: input.projectId, key: input.key, spec: input.spec as Prisma.InputJsonValue, description: input.description, updatedById: userId },
      update: { spec: input.spec as Prisma.InputJsonValue, description: input.description, updatedById: userId },
    });
    await appendAudit(tx, projectChain(input.projectId), { action: "config_type.updated", actorId: userId, projectId: input.projectId, targetType: "config_key", targetId: input.key, ip: params.ip, metadata: { key: input.key, spec: input.spec } });
    return saved;
  });
  return { key: row.key, spec: input.spec, builtin: false, description: row.description, updatedAt: row.updatedAt };
}

export async function deleteKeyType(params: { app: App; userId: string; projectId: string; key: string; ip?: string | null }): Promise<void> {
  const { app, userId, projectId, key } = params;
  await requireProjectAccess({ db: app.db, userId, projectId, action: "configType.manage" });
  if (key in BUILTIN_KEY_TYPES) throw new DomainError("FORBIDDEN", `${key} has a built-in type`);
  await app.db.$transaction(async (tx) => {
    const row = await tx.configKeyType.findUnique({ where: { projectId_key: { projectId, key } } });
    if (!row) throw notFound(`Type of ${key}`);
    await tx.configKeyType.delete({ where: { projectId_key: { projectId, key } } });
    await appendAudit(tx, projectChain(projectId), { action: "config_type.deleted", actorId: userId, projectId, targetType: "config_key", targetId: key, ip: params.ip, metadata: { key } });
  });
}
