import { randomUUID } from "node:crypto";
import type { Prisma } from "@llmguard/db";
import type { App } from "../app";
import { latestConfigVersion } from "../config/config-store";
import { findEnvironment } from "../config/environment-lookup";
import { INCIDENT_SEVERITIES, type IncidentSeverity, type IncidentTrigger } from "../incidents/incident.schema";
import { addIncidentEvent } from "../incidents/incident.service";
import { readStoredRca } from "../incidents/rca/rca.service";
import { settingOrDefault } from "../settings/settings.schema";
import { describeError, DomainError } from "../shared/errors";
import { RemediationActionSchema } from "./remediation.schema";
import { applyAction } from "./remediation.service";

/**
 * Automation (issue 10): once an incident's root-cause analysis is stored, a project that switched it on
 * has LLMGuard apply the analysis's first recommended action by itself, within the limits the project
 * set (base config, `remediation.automation.*`):
 *
 * - only incidents with a chosen trigger and at least the minimum severity;
 * - at most `maxPerHour` automatic actions per rolling hour (counted inside the config transaction,
 *   where the project's writers are serialized, so concurrent incidents cannot overshoot);
 * - written to `environment`, which may be production (or base) only with `allowProduction`.
 *
 * The action goes through the same `applyAction` as a person's (source "automatic", no author), so it is
 * versioned, audited, watched for regressions and undone like any other. An attempt the action's own
 * checks refuse is stored as a `failed` remediation with the error; a limit that holds it back only
 * writes a line on the incident's timeline.
 */

export type AutomationOutcome =
  | { status: "disabled" }
  | { status: "skipped"; reason: string }
  | { status: "applied"; remediationId: string }
  | { status: "failed"; remediationId: string; error: string };

export interface AutomationSettings {
  enabled: boolean;
  triggers: IncidentTrigger[];
  minSeverity: IncidentSeverity;
  maxPerHour: number;
  environment: string;
  allowProduction: boolean;
}

export function readAutomationSettings(values: Record<string, unknown>): AutomationSettings {
  return {
    enabled: settingOrDefault(values, "remediation.automation.enabled"),
    triggers: settingOrDefault(values, "remediation.automation.triggers"),
    minSeverity: settingOrDefault(values, "remediation.automation.minSeverity"),
    maxPerHour: settingOrDefault(values, "remediation.automation.maxPerHour"),
    environment: settingOrDefault(values, "remediation.automation.environment"),
    allowProduction: settingOrDefault(values, "remediation.automation.allowProduction"),
  };
}

const HOUR_MS = 60 * 60_000;

/** Thrown inside the transaction when the hourly budget is spent (a skip, not a failure). */
class BudgetSpent extends Error {}
/** Thrown inside the transaction when another run acted on the incident meanwhile (a quiet skip). */
class AlreadyActed extends Error {}

async function note(app: App, incidentId: string, message: string, data: Record<string, unknown>) {
  await app.db.$transaction((tx) => addIncidentEvent(tx, incidentId, { kind: "remediation_automation", message, data }));
}

export async function automateRemediation(params: { app: App; incidentId: string; now?: Date }): Promise<AutomationOutcome> {
  const { app, incidentId } = params;
  const incident = await app.db.incident.findUnique({ where: { id: incidentId } });
  if (!incident) return { status: "skipped", reason: "the incident no longer exists" };
  const settings = readAutomationSettings((await latestConfigVersion(app.db, incident.projectId))?.values ?? {});
  if (!settings.enabled) return { status: "disabled" };

  // Filters the project chose are quiet: an incident automation is not meant for gets no timeline line.
  const trigger = incident.trigger as IncidentTrigger;
  if (!settings.triggers.includes(trigger)) return { status: "skipped", reason: `automation does not act on ${trigger} incidents` };
  if (INCIDENT_SEVERITIES.indexOf(incident.severity) < INCIDENT_SEVERITIES.indexOf(settings.minSeverity)) {
    return { status: "skipped", reason: `severity ${incident.severity} is below the minimum ${settings.minSeverity}` };
  }
  if (incident.status === "resolved") return { status: "skipped", reason: "the incident is resolved" };
  // Jobs run at least once: a retried step must not act on the same incident twice.
  if ((await app.db.remediation.count({ where: { incidentId, source: "automatic" } })) > 0) return { status: "skipped", reason: "automation already acted on this incident" };

  const skip = async (reason: string): Promise<AutomationOutcome> => {
    await note(app, incidentId, `Automation did not act: ${reason}.`, { reason });
    return { status: "skipped", reason };
  };
  const rca = readStoredRca(incident.rca);
  const recommended = rca?.recommendedActions[0];
  if (!recommended) return skip(rca ? "the analysis recommends no action" : "there is no root-cause analysis yet");
  const { environment } = settings;
  if ((environment === "production" || environment === "base") && !settings.allowProduction) {
    return skip(`automatic actions may change ${environment} only when remediation.automation.allowProduction is true`);
  }
  try {
    await findEnvironment(app.db, incident.projectId, environment);
  } catch {
    return skip(`the environment "${environment}" does not exist`);
  }

  const automation = { trigger, severity: incident.severity, reason: recommended.reason };
  const parsed = RemediationActionSchema.safeParse({ type: recommended.type, parameters: recommended.parameters });
  if (!parsed.success) {
    return recordFailure(app, incident, recommended.type, recommended.parameters, environment, automation, new DomainError("VALIDATION_FAILED", `The recommended ${recommended.type} has invalid parameters: ${parsed.error.issues[0]?.message ?? "invalid"}`));
  }
  const action = parsed.data;
  try {
    const remediation = await applyAction(app, {
      incident,
      action,
      environment: action.type === "reset_settings" ? "base" : environment,
      source: "automatic",
      actorId: null,
      metadata: { automation },
      check: async (tx) => {
        if ((await tx.remediation.count({ where: { incidentId, source: "automatic" } })) > 0) throw new AlreadyActed();
        const since = new Date((params.now ?? new Date()).getTime() - HOUR_MS);
        const used = await tx.remediation.count({ where: { projectId: incident.projectId, source: "automatic", status: { not: "failed" }, appliedAt: { gte: since } } });
        if (used >= settings.maxPerHour) throw new BudgetSpent(`${used} automatic actions in the last hour already (remediation.automation.maxPerHour is ${settings.maxPerHour})`);
      },
    });
    app.logger.info({ incidentId, projectId: incident.projectId, remediationId: remediation.id, type: action.type }, "automatic remediation applied");
    return { status: "applied", remediationId: remediation.id };
  } catch (err) {
    if (err instanceof BudgetSpent) return skip(err.message);
    if (err instanceof AlreadyActed) return { status: "skipped", reason: "automation already acted on this incident" };
    if (describeError(err).status >= 500) throw err; // the database: let the job retry
    return recordFailure(app, incident, action.type, action.parameters, environment, automation, err);
  }
}

/** A refused attempt stays visible: a `failed` remediation holding the error, and a timeline line. */
async function recordFailure(
  app: App,
  incident: { id: string; projectId: string },
  type: string,
  parameters: unknown,
  environment: string,
  automation: Record<string, unknown>,
  err: unknown,
): Promise<AutomationOutcome> {
  const d = describeError(err);
  const error = { code: d.code, message: err instanceof Error ? err.message : d.message };
  const row = await app.db.$transaction(async (tx) => {
    const created = await tx.remediation.create({
      data: {
        id: randomUUID(),
        projectId: incident.projectId,
        incidentId: incident.id,
        type,
        parameters: (parameters ?? {}) as Prisma.InputJsonValue,
        environment,
        status: "failed",
        source: "automatic",
        appliedAt: new Date(),
        metadata: { changes: [], automation, error } as Prisma.InputJsonValue,
      },
    });
    await addIncidentEvent(tx, incident.id, {
      kind: "remediation_failed",
      message: `Automatic ${type} failed: ${error.message}`,
      data: { remediationId: created.id, type, code: error.code },
    });
    return created;
  });
  app.logger.warn({ incidentId: incident.id, projectId: incident.projectId, type, code: error.code }, "automatic remediation failed");
  return { status: "failed", remediationId: row.id, error: error.message };
}
