import { compilePolicy, GUARD_RULE_KEY_PREFIX, ruleKey, type GuardRuleValue } from "@llmguard/guard";
import type { ConfigValues } from "../config/config-store";
import { DomainError } from "../shared/errors";
import { DEFAULT_SETTINGS, SETTINGS_KEYS } from "../settings/settings.schema";
import type { RemediationAction } from "./remediation.schema";

/**
 * What an action writes, as a config patch (null deletes a key). Pure: the service runs it inside the
 * config transaction on the environment's current values, so the checks below see the latest state.
 *
 * - The five enforcement actions each add one rule key, `guard.rules.<remediation id>` (see the guard
 *   package): actions never overwrite each other and a rollback removes exactly its own key.
 * - reset_settings puts the project settings (the settings page's keys) back to their defaults.
 */
export function planRemediation(
  action: RemediationAction,
  ctx: { id: string; incidentId: string; appliedAt: Date; expiresAt: Date | null; current: ConfigValues; effective: ConfigValues },
): Record<string, unknown> {
  if (action.type === "reset_settings") {
    // Keys that already read as their default (set to it, or never set) are left alone.
    const changed = Object.values(SETTINGS_KEYS).filter((key) => JSON.stringify(ctx.effective[key] ?? DEFAULT_SETTINGS[key]) !== JSON.stringify(DEFAULT_SETTINGS[key]));
    return Object.fromEntries(changed.map((key) => [key, DEFAULT_SETTINGS[key]]));
  }
  if (action.type === "increase_safety_threshold") {
    const current = blockingThreshold(ctx.effective, ctx.appliedAt.getTime());
    if (action.parameters.threshold >= current.value) {
      throw new DomainError("VALIDATION_FAILED", `threshold must be stricter (lower) than the ${current.source} ${current.value}`, {
        details: { issues: [{ path: "parameters.threshold", message: `Must be below ${current.value}`, code: "too_big" }], current: current.value },
      });
    }
  }
  const { durationMinutes: _duration, ...parameters } = action.parameters as Record<string, unknown>;
  const value: GuardRuleValue = {
    type: action.type,
    parameters,
    appliedAt: ctx.appliedAt.toISOString(),
    expiresAt: ctx.expiresAt?.toISOString() ?? null,
    incidentId: ctx.incidentId,
  };
  return { [ruleKey(ctx.id)]: value };
}

/**
 * The threshold a stricter one must beat: the lowest active blocking threshold of the environment, or the
 * project's flagging threshold (`guard.riskThreshold`) when nothing blocks yet.
 */
export function blockingThreshold(effective: ConfigValues, now: number): { value: number; source: string } {
  const policy = compilePolicy(Object.fromEntries(Object.entries(effective).filter(([k]) => k.startsWith(GUARD_RULE_KEY_PREFIX))));
  let lowest: number | null = null;
  for (const rule of policy.rules) {
    if (rule.type !== "increase_safety_threshold") continue;
    if (rule.expiresAt !== null && Date.parse(rule.expiresAt) <= now) continue;
    lowest = lowest === null ? rule.parameters.threshold : Math.min(lowest, rule.parameters.threshold);
  }
  if (lowest !== null) return { value: lowest, source: "blocking threshold in force" };
  const flag = effective["guard.riskThreshold"];
  return { value: typeof flag === "number" ? flag : DEFAULT_SETTINGS["guard.riskThreshold"], source: "safety threshold" };
}

/** One line for the timeline and the config version's message. */
export function describeAction(action: RemediationAction): string {
  const p = action.parameters as Record<string, unknown>;
  switch (action.type) {
    case "switch_model":
      return `switch model to ${String(p.to)}${p.from ? ` for calls asking for ${String(p.from)}` : ""}${p.endpoint ? ` on ${String(p.endpoint)}` : ""}`;
    case "increase_safety_threshold":
      return `block requests scoring ${String(p.threshold)} or more`;
    case "disable_endpoint":
      return `disable endpoint ${String(p.endpoint)}`;
    case "change_system_prompt":
      return `change the system prompt${p.endpoint ? ` of ${String(p.endpoint)}` : ""}`;
    case "rate_limit_user":
      return `limit end user ${String(p.endUserId)} to ${String(p.requestsPerMinute)} requests per minute`;
    case "reset_settings":
      return "reset the project settings to their defaults";
  }
}
