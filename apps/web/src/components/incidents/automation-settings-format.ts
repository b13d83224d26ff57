import {
  INCIDENT_SEVERITIES,
  INCIDENT_TRIGGERS,
  PROTECTED_BUILTIN_ENVIRONMENTS,
  SettingValueSchemas,
  settingOrDefault,
  type IncidentSeverity,
  type IncidentTrigger,
  type SetConfigInput,
} from "@llmguard/domain/schemas";
import type { z } from "zod";
import { errorCode, errorMessage, fieldErrors } from "~/trpc/errors";
import { TRIGGER_LABELS } from "./incident-format";

/**
 * The pure parts of the incident settings page's Automation section (issue 10): the base-config keys of
 * automation and of the regression watch, reading them (stored value, else the server's default), the
 * form's text and its validation (the ranges come from the domain's schemas, so they cannot drift), the
 * values a save sends, and the warnings the current choice deserves.
 */

/** The form's fields and the typed base-config keys they edit. */
export const AUTOMATION_KEYS = {
  enabled: "remediation.automation.enabled",
  triggers: "remediation.automation.triggers",
  minSeverity: "remediation.automation.minSeverity",
  maxPerHour: "remediation.automation.maxPerHour",
  environment: "remediation.automation.environment",
  allowProduction: "remediation.automation.allowProduction",
  verifyMinutes: "remediation.verifyMinutes",
  verifyMarginPct: "remediation.verifyMarginPct",
} as const satisfies Record<string, keyof typeof SettingValueSchemas>;

export type AutomationField = keyof typeof AUTOMATION_KEYS;
export const AUTOMATION_FIELDS = Object.keys(AUTOMATION_KEYS) as AutomationField[];

/** What people call each field (the save message and the config version's message). */
export const AUTOMATION_FIELD_LABELS: Record<AutomationField, string> = {
  enabled: "automation on/off",
  triggers: "triggers",
  minSeverity: "minimum severity",
  maxPerHour: "actions per hour",
  environment: "environment",
  allowProduction: "production and base permission",
  verifyMinutes: "watch length",
  verifyMarginPct: "rollback margin",
};

export const AUTOMATION_TRIGGERS = INCIDENT_TRIGGERS;
export const AUTOMATION_TRIGGER_LABELS: Record<IncidentTrigger, string> = TRIGGER_LABELS;

/** Triggers whose incidents have no metric LLMGuard measures: their actions are never judged or rolled back by the watch. */
export const UNMEASURED_TRIGGERS: readonly IncidentTrigger[] = ["anomaly", "datadog", "manual"];

export const AUTOMATION_SEVERITY_LABELS: Record<IncidentSeverity, string> = {
  low: "Low and above (every incident)",
  medium: "Medium and above",
  high: "High and above",
  critical: "Critical only",
};
export const AUTOMATION_SEVERITY_OPTIONS = INCIDENT_SEVERITIES.map((value) => ({ value, label: AUTOMATION_SEVERITY_LABELS[value] }));

/** The environments automation may write only with `allowProduction` (the domain checks the same two names). */
export const PRODUCTION_ENVIRONMENTS: readonly string[] = PROTECTED_BUILTIN_ENVIRONMENTS;

export interface AutomationSettings {
  enabled: boolean;
  triggers: IncidentTrigger[];
  minSeverity: IncidentSeverity;
  maxPerHour: number;
  environment: string;
  allowProduction: boolean;
  verifyMinutes: number;
  verifyMarginPct: number;
}

/** The settings as the server reads them: each stored value of the base config when valid, else its default. */
export function readAutomationSettings(entries: readonly { key: string; value: unknown }[]): AutomationSettings {
  const values = Object.fromEntries(entries.map((e) => [e.key, e.value]));
  return {
    enabled: settingOrDefault(values, AUTOMATION_KEYS.enabled),
    triggers: sortTriggers(settingOrDefault(values, AUTOMATION_KEYS.triggers)),
    minSeverity: settingOrDefault(values, AUTOMATION_KEYS.minSeverity),
    maxPerHour: settingOrDefault(values, AUTOMATION_KEYS.maxPerHour),
    environment: settingOrDefault(values, AUTOMATION_KEYS.environment),
    allowProduction: settingOrDefault(values, AUTOMATION_KEYS.allowProduction),
    verifyMinutes: settingOrDefault(values, AUTOMATION_KEYS.verifyMinutes),
    verifyMarginPct: settingOrDefault(values, AUTOMATION_KEYS.verifyMarginPct),
  };
}

/** Triggers in the order the page lists them, each once. */
export function sortTriggers(triggers: readonly IncidentTrigger[]): IncidentTrigger[] {
  return AUTOMATION_TRIGGERS.filter((t) => triggers.includes(t));
}

// ---- the form

/** What the form holds: numbers as typed. */
export interface AutomationForm {
  enabled: boolean;
  triggers: IncidentTrigger[];
  minSeverity: IncidentSeverity;
  maxPerHour: string;
  environment: string;
  allowProduction: boolean;
  verifyMinutes: string;
  verifyMarginPct: string;
}

export function automationForm(s: AutomationSettings): AutomationForm {
  return { ...s, triggers: sortTriggers(s.triggers), maxPerHour: String(s.maxPerHour), verifyMinutes: String(s.verifyMinutes), verifyMarginPct: String(s.verifyMarginPct) };
}

type NumberField = "maxPerHour" | "verifyMinutes" | "verifyMarginPct";
export interface NumberRange {
  min: number;
  max: number;
  integer: boolean;
}

/** A numeric key's range as its schema declares it. */
function rangeOf(field: NumberField): NumberRange {
  const schema = SettingValueSchemas[AUTOMATION_KEYS[field]] as unknown as z.ZodNumber;
  return { min: schema.minValue ?? Number.MIN_SAFE_INTEGER, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER, integer: schema.isInt };
}

export const NUMBER_RANGES: Record<NumberField, NumberRange> = {
  maxPerHour: rangeOf("maxPerHour"),
  verifyMinutes: rangeOf("verifyMinutes"),
  verifyMarginPct: rangeOf("verifyMarginPct"),
};

const NUMBER_RE = /^-?(\d+(\.\d*)?|\.\d+)$/;
const fmt = (n: number) => n.toLocaleString("en");

function numberError(field: NumberField, text: string): { value: number } | { error: string } {
  const { min, max, integer } = NUMBER_RANGES[field];
  const expected = integer ? `a whole number from ${fmt(min)} to ${fmt(max)}` : `a number from ${fmt(min)} to ${fmt(max)}`;
  const t = text.trim();
  if (!NUMBER_RE.test(t)) return { error: `Enter ${expected}` };
  const value = Number(t);
  if ((integer && !Number.isInteger(value)) || value < min || value > max) return { error: `Enter ${expected}` };
  return { value };
}

/** config.set's `values`: the changed keys, each with a JSON value its schema accepts. */
export type AutomationValues = SetConfigInput["values"];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The form as the base-config values a save writes (only the keys that differ from what is stored), or
 * the field errors the client can tell by itself. Every value is checked against the key's own schema,
 * the one the server applies.
 */
export function toAutomationValues(
  form: AutomationForm,
  stored: AutomationSettings,
): { ok: true; values: AutomationValues; changed: AutomationField[] } | { ok: false; errors: Partial<Record<AutomationField, string>> } {
  const errors: Partial<Record<AutomationField, string>> = {};
  const next: Record<string, unknown> = { enabled: form.enabled, triggers: sortTriggers(form.triggers), minSeverity: form.minSeverity, environment: form.environment.trim(), allowProduction: form.allowProduction };
  for (const field of ["maxPerHour", "verifyMinutes", "verifyMarginPct"] as const) {
    const res = numberError(field, form[field]);
    if ("error" in res) errors[field] = res.error;
    else next[field] = res.value;
  }
  if (next.environment === "") errors.environment = "Choose an environment";
  for (const field of AUTOMATION_FIELDS) {
    if (errors[field] || !(field in next)) continue;
    const parsed = SettingValueSchemas[AUTOMATION_KEYS[field]].safeParse(next[field]);
    if (!parsed.success) errors[field] = parsed.error.issues[0]?.message ?? "Not a valid value";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const values: AutomationValues = {};
  const changed: AutomationField[] = [];
  for (const field of AUTOMATION_FIELDS) {
    const before = field === "triggers" ? sortTriggers(stored.triggers) : stored[field];
    if (same(next[field], before)) continue;
    values[AUTOMATION_KEYS[field]] = next[field] as AutomationValues[string];
    changed.push(field);
  }
  return { ok: true, values, changed };
}

/** The config version's message: "Remediation automation: on, triggers, actions per hour". */
export function automationChangeMessage(changed: readonly AutomationField[], form: Pick<AutomationForm, "enabled">): string {
  const parts = changed.map((f) => (f === "enabled" ? (form.enabled ? "on" : "off") : AUTOMATION_FIELD_LABELS[f]));
  return `Remediation automation: ${parts.join(", ")}`;
}

/** The status line after a save. */
export function automationSavedMessage(changed: readonly AutomationField[], form: Pick<AutomationForm, "enabled">): string {
  const rest = changed.filter((f) => f !== "enabled").map((f) => AUTOMATION_FIELD_LABELS[f]);
  const lead = changed.includes("enabled") ? (form.enabled ? "automation is on" : "automation is off") : null;
  return `Saved: ${[lead, rest.length ? `${rest.join(", ")} updated` : null].filter(Boolean).join("; ")}.`;
}

/**
 * A failed save split for the form: the server's messages for a field's key (`values.<key>` or a path
 * below it, such as one trigger of the array) go next to the field; everything else is one message
 * (null when every message has its field).
 */
export function automationServerErrors(err: unknown): { fields: Partial<Record<AutomationField, string>>; form: string | null } {
  if (!err) return { fields: {}, form: null };
  const all = errorCode(err) === "VALIDATION_FAILED" ? fieldErrors(err) : {};
  if (Object.keys(all).length === 0) return { fields: {}, form: errorMessage(err) };
  const fields: Partial<Record<AutomationField, string>> = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(all)) {
    const field = AUTOMATION_FIELDS.find((f) => path === `values.${AUTOMATION_KEYS[f]}` || path.startsWith(`values.${AUTOMATION_KEYS[f]}.`));
    if (field && !fields[field]) fields[field] = message;
    else if (!field) rest.push(path ? `${path}: ${message}` : message);
  }
  return { fields, form: rest.length > 0 ? rest.join("; ") : null };
}

/**
 * What the current choice deserves a word about, before it is saved: automation that cannot act (no
 * trigger, a production environment without the permission, an environment that does not exist) and
 * triggers whose actions the watch cannot judge.
 */
export function automationWarnings(form: AutomationForm, environments: readonly string[] | undefined): string[] {
  const out: string[] = [];
  const env = form.environment.trim();
  if (form.enabled && form.triggers.length === 0) out.push("No trigger is chosen: automation will not act on any incident.");
  if (form.enabled && PRODUCTION_ENVIRONMENTS.includes(env) && !form.allowProduction) {
    out.push(`Automation writes to ${env}, which it may change only when “Allow automatic changes to production and base” is on: until then it notes on each incident that it did not act.`);
  }
  if (environments && env && !environments.includes(env)) out.push(`The environment “${env}” does not exist: automation will not act until it does or another one is chosen.`);
  const unmeasured = sortTriggers(form.triggers).filter((t) => UNMEASURED_TRIGGERS.includes(t));
  if (form.enabled && unmeasured.length > 0) {
    out.push(`${new Intl.ListFormat("en", { type: "conjunction" }).format(unmeasured.map((t) => AUTOMATION_TRIGGER_LABELS[t]))} incidents have no metric LLMGuard measures: their automatic actions are not judged by the watch, so they are never rolled back automatically.`);
  }
  return out;
}
