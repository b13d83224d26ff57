import type { Prisma } from "@llmguard/db";
import type { App } from "../app";
import { appendAudit, projectChain } from "../audit/audit.service";
import { applyPatch, appendConfigVersion, latestConfigVersion, listConfigVersions, type ConfigValues } from "../config/config-store";
import { commitConfigChange } from "../config/config.service";
import { requireProjectAccess } from "../projects/permissions";
import { notFound } from "../shared/errors";
import { userRefsByIds } from "../users/user.service";
import { DEFAULT_SETTINGS, SETTINGS_KEYS, settingOrDefault, type ProjectSettings, type SettingsVersion, type UpdateProjectSettingsInput } from "./settings.schema";

function read<K extends keyof typeof DEFAULT_SETTINGS>(values: ConfigValues, key: K): (typeof DEFAULT_SETTINGS)[K] {
  return (values[key] ?? DEFAULT_SETTINGS[key]) as (typeof DEFAULT_SETTINGS)[K];
}

/** The first version of a new project's settings: the defaults, authored by its creator. */
export async function initProjectSettings(tx: Prisma.TransactionClient, params: { projectId: string; authorId: string }) {
  const { "llm.model": model, "guard.riskThreshold": threshold, "limits.requestsPerMinute": rpm, "llm.systemPrompt": prompt } = DEFAULT_SETTINGS;
  await appendConfigVersion(tx, {
    projectId: params.projectId,
    patch: { "llm.model": model, "guard.riskThreshold": threshold, "limits.requestsPerMinute": rpm, "llm.systemPrompt": prompt },
    authorId: params.authorId,
    message: "Initial settings",
  });
}

/** The values of the newest settings version with defaults filled in (for the ingest hot path). */
export async function readSettingsValues(db: App["db"], projectId: string) {
  const latest = await latestConfigVersion(db, projectId);
  const values = latest?.values ?? {};
  return {
    version: latest?.version ?? 0,
    model: read(values, "llm.model"),
    riskThreshold: read(values, "guard.riskThreshold"),
    requestsPerMinute: read(values, "limits.requestsPerMinute"),
    blockedKeywords: read(values, "guard.blockedKeywords"),
    allowlist: read(values, "guard.allowlist"),
    redaction: settingOrDefault(values, "guard.redaction"),
    priceOverrides: read(values, "pricing.overrides"),
    detection: {
      latencyMs: read(values, "detection.latencyMs"),
      errorRatePct: read(values, "detection.errorRatePct"),
      minRequests: read(values, "detection.minRequests"),
      highRiskScore: read(values, "detection.highRiskScore"),
      highRiskStreak: read(values, "detection.highRiskStreak"),
      costSpikePct: read(values, "detection.costSpikePct"),
      anomalySigma: read(values, "detection.anomalySigma"),
      disabledRules: [...read(values, "detection.disabledRules")],
    },
  };
}

/** Requirement 8.3: the settings in force (the newest version). */
export async function getProjectSettings(params: { app: App; userId: string; projectId: string }): Promise<ProjectSettings> {
  const { app, projectId } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId, action: "settings.read" });
  const [project, latest] = await Promise.all([
    app.db.project.findUnique({ where: { id: projectId }, select: { name: true, updatedAt: true } }),
    latestConfigVersion(app.db, projectId),
  ]);
  if (!project) throw notFound("Project");
  const values = latest?.values ?? {};
  return {
    projectId,
    name: project.name,
    preferredModel: read(values, "llm.model"),
    safetyThreshold: read(values, "guard.riskThreshold"),
    rateLimit: read(values, "limits.requestsPerMinute"),
    systemPrompt: read(values, "llm.systemPrompt"),
    blockedKeywords: read(values, "guard.blockedKeywords"),
    allowlist: read(values, "guard.allowlist"),
    redaction: settingOrDefault(values, "guard.redaction"),
    priceOverrides: read(values, "pricing.overrides"),
    version: latest?.version ?? 0,
    updatedAt: latest && latest.createdAt > project.updatedAt ? latest.createdAt : project.updatedAt,
  };
}

/**
 * Requirement 8.4: validates and records the change as a new immutable version; the newest version is in
 * force for every later request. Renaming the project is audited with it.
 */
export async function updateProjectSettings(params: { app: App; userId: string; input: UpdateProjectSettingsInput; ip?: string | null }): Promise<ProjectSettings> {
  const { app, userId, input } = params;
  await requireProjectAccess({ db: app.db, userId, projectId: input.projectId, action: "settings.update" });
  const patch: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(SETTINGS_KEYS)) {
    const v = input[field as keyof typeof SETTINGS_KEYS];
    if (v !== undefined) patch[key] = v;
  }
  let renamed = false;
  await commitConfigChange(app, {
    projectId: input.projectId,
    environment: "base",
    authorId: userId,
    message: input.message,
    ip: params.ip,
    audit: { action: "settings.updated" },
    compute: (current) => applyPatch(current, patch),
    before: async (tx) => {
      if (input.name === undefined) return;
      const before = await tx.project.findUniqueOrThrow({ where: { id: input.projectId }, select: { name: true } });
      if (before.name === input.name) return;
      await tx.project.update({ where: { id: input.projectId }, data: { name: input.name } });
      await appendAudit(tx, projectChain(input.projectId), { action: "project.renamed", actorId: userId, projectId: input.projectId, targetType: "project", targetId: input.projectId, ip: params.ip, metadata: { before: before.name, after: input.name } });
      renamed = true;
    },
  });
  // commitConfigChange announces config changes; a rename alone still refreshes cached project state.
  if (renamed) await app.invalidate({ kind: "settings", projectId: input.projectId });
  return getProjectSettings({ app, userId, projectId: input.projectId });
}

/** The settings history, newest first, with author and changed keys. */
export async function listSettingsHistory(params: { app: App; userId: string; projectId: string }): Promise<SettingsVersion[]> {
  const { app, projectId } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId, action: "settings.read" });
  const versions = await listConfigVersions(app.db, projectId);
  const authors = await userRefsByIds(app.db, versions.map((v) => v.authorId));
  return versions.map((v) => ({
    version: v.version,
    createdAt: v.createdAt,
    message: v.message,
    author: v.authorId ? (authors.get(v.authorId) ?? null) : null,
    changes: v.changes,
  }));
}
