import type { App } from "../app";
import { withOverrides, type PriceTable } from "../pricing/price-table";
import type { DetectionSettings } from "../incidents/incident.schema";
import { compileTuning, type CompiledTuning, type RedactionMode } from "../risk";
import { readSettingsValues } from "../settings/settings.service";

/** What the ingest path enforces per project, prepared once and cached (see AppCaches). */
export interface GuardSettings {
  version: number;
  riskThreshold: number;
  requestsPerMinute: number;
  tuning: CompiledTuning;
  /** `guard.redaction`: what ingest replaces by placeholders before storing. */
  redaction: RedactionMode;
  prices: PriceTable;
  /** Incident detection thresholds (`detection.*` keys). */
  detection: DetectionSettings;
}

/**
 * The project's settings in force, from the newest settings version, through the in-memory cache that
 * the settings service invalidates on every change (requirement 8.4: applied to subsequent requests).
 */
export async function getGuardSettings(app: App, projectId: string): Promise<GuardSettings> {
  const cached = app.caches.guardSettings.get(projectId);
  if (cached) return cached;
  const v = await readSettingsValues(app.db, projectId);
  const settings: GuardSettings = {
    version: v.version,
    riskThreshold: v.riskThreshold,
    requestsPerMinute: v.requestsPerMinute,
    tuning: compileTuning({ blockedKeywords: v.blockedKeywords, allowlist: v.allowlist }),
    redaction: v.redaction,
    prices: withOverrides(v.priceOverrides),
    detection: v.detection,
  };
  app.caches.guardSettings.set(projectId, settings);
  return settings;
}
