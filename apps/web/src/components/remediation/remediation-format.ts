import {
  PROTECTED_BUILTIN_ENVIRONMENTS,
  REMEDIATION_TYPES,
  roleAllows,
  type ApplyRemediationInputSchema,
  type EnforcementOutcome,
  type EnvironmentView,
  type ProjectRoleName,
  type RemediationSource,
  type RemediationStatus,
  type RemediationType,
  type RemediationWatch,
} from "@llmguard/domain/schemas";
import type { z } from "zod";

// Words and form state of the remediation UI (issue 10): labels, a one-line summary of an action's
// parameters, the apply form's fields per action type and its mapping to and from `parameters`, the
// values of a config change, the keys of a rollback conflict, and who may apply where.

export { REMEDIATION_TYPES };

export const REMEDIATION_TYPE_LABELS: Record<RemediationType, string> = {
  switch_model: "Switch model",
  increase_safety_threshold: "Increase safety threshold",
  disable_endpoint: "Disable endpoint",
  change_system_prompt: "Change system prompt",
  rate_limit_user: "Rate-limit user",
  reset_settings: "Reset settings",
};

export const REMEDIATION_STATUS_LABELS: Record<RemediationStatus, string> = { applied: "Applied", failed: "Failed", rolled_back: "Rolled back", expired: "Expired" };
export const REMEDIATION_SOURCE_LABELS: Record<RemediationSource, string> = { manual: "Manual", recommended: "Recommended", automatic: "Automatic" };
export const ENFORCEMENT_LABELS: Record<EnforcementOutcome, string> = { blocked: "Blocked", modified: "Modified", would_block: "Would block" };

function label<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}

export const remediationTypeLabel = (t: string) => label(REMEDIATION_TYPE_LABELS, t);
export const remediationStatusLabel = (s: string) => label(REMEDIATION_STATUS_LABELS, s);
export const remediationSourceLabel = (s: string) => label(REMEDIATION_SOURCE_LABELS, s);
export const enforcementLabel = (o: string) => label(ENFORCEMENT_LABELS, o);

export function isRemediationType(value: string): value is RemediationType {
  return (REMEDIATION_TYPES as readonly string[]).includes(value);
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : typeof v === "number" ? String(v) : undefined);

/** A long text cut to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * What an action does, in one line: "gpt-4o → gpt-4o-mini on /chat", "Block risk ≥ 60", "/chat",
 * "“You are…” on /chat", "user-7: 10 requests/min for 30 min", "Project settings to their defaults".
 */
export function parametersSummary(type: string, parameters: Record<string, unknown>): string {
  const p = parameters;
  switch (type) {
    case "switch_model": {
      const to = str(p.to) ?? "?";
      const from = str(p.from);
      const endpoint = str(p.endpoint);
      return `${from ? `${from} → ` : "Any model → "}${to}${endpoint ? ` on ${endpoint}` : ""}`;
    }
    case "increase_safety_threshold":
      return `Block risk ≥ ${str(p.threshold) ?? "?"}`;
    case "disable_endpoint":
      return str(p.endpoint) ?? "?";
    case "change_system_prompt": {
      const prompt = typeof p.prompt === "string" ? p.prompt.replace(/\s+/g, " ").trim() : "";
      const endpoint = str(p.endpoint);
      return `${prompt ? `“${truncate(prompt, 60)}”` : "Empty prompt"}${endpoint ? ` on ${endpoint}` : ""}`;
    }
    case "rate_limit_user": {
      const minutes = str(p.durationMinutes);
      return `${str(p.endUserId) ?? "?"}: ${str(p.requestsPerMinute) ?? "?"} requests/min${minutes ? ` for ${minutes} min` : ""}`;
    }
    case "reset_settings":
      return "Project settings to their defaults";
    default: {
      const pairs = Object.entries(p).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
      return pairs.length ? truncate(pairs.join(", "), 120) : "—";
    }
  }
}

// ---- the apply form

export interface ParameterField {
  /** The key in `parameters`. */
  name: string;
  label: string;
  kind: "text" | "int" | "textarea";
  required: boolean;
  placeholder?: string;
  hint?: string;
}

/**
 * The fields of each action type's parameters (the server's RemediationActionSchema decides what is
 * valid; this only says what to ask). rate_limit_user's own `durationMinutes` is the form's Duration.
 */
export const PARAMETER_FIELDS: Record<RemediationType, ParameterField[]> = {
  switch_model: [
    { name: "to", label: "Switch to model", kind: "text", required: true, placeholder: "gpt-4o-mini" },
    { name: "from", label: "Only calls asking for model (optional)", kind: "text", required: false, placeholder: "gpt-4o", hint: "Empty: every call switches." },
    { name: "endpoint", label: "Only on endpoint (optional)", kind: "text", required: false, placeholder: "/chat" },
  ],
  increase_safety_threshold: [
    { name: "threshold", label: "Block requests with a risk score of at least", kind: "int", required: true, placeholder: "60", hint: "0–100; must be lower (stricter) than the threshold in force." },
  ],
  disable_endpoint: [{ name: "endpoint", label: "Endpoint", kind: "text", required: true, placeholder: "/chat", hint: "Calls for this endpoint are blocked before they reach the provider." }],
  change_system_prompt: [
    { name: "prompt", label: "System prompt", kind: "textarea", required: true },
    { name: "endpoint", label: "Only on endpoint (optional)", kind: "text", required: false, placeholder: "/chat" },
  ],
  rate_limit_user: [
    { name: "endUserId", label: "End user", kind: "text", required: true, placeholder: "user-123" },
    { name: "requestsPerMinute", label: "Requests per minute", kind: "int", required: true, placeholder: "10" },
  ],
  reset_settings: [],
};

/** What the apply form holds: strings as typed. */
export interface RemediationForm {
  type: RemediationType;
  /** Parameter values by name (PARAMETER_FIELDS). */
  values: Record<string, string>;
  environment: string;
  durationMinutes: string;
  note: string;
}

export type ApplyRemediationInput = z.input<typeof ApplyRemediationInputSchema>;

/** An empty form of one type. */
export function emptyForm(type: RemediationType, environment = "production"): RemediationForm {
  return { type, values: Object.fromEntries(PARAMETER_FIELDS[type].map((f) => [f.name, ""])), environment, durationMinutes: "", note: "" };
}

/**
 * A form pre-filled from an action's parameters (a recommendation): known fields as text, numbers
 * included; rate_limit_user's durationMinutes becomes the form's duration. Other keys are not asked for.
 */
export function formFromParameters(type: RemediationType, parameters: Record<string, unknown>, environment = "production"): RemediationForm {
  const form = emptyForm(type, environment);
  for (const f of PARAMETER_FIELDS[type]) {
    const v = parameters[f.name];
    if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) form.values[f.name] = String(v);
  }
  const d = parameters.durationMinutes;
  if (type === "rate_limit_user" && typeof d === "number" && Number.isFinite(d)) form.durationMinutes = String(d);
  return form;
}

/** The same values under another type: fields of the same name keep what was typed. */
export function switchType(form: RemediationForm, type: RemediationType): RemediationForm {
  const next = emptyForm(type, form.environment);
  for (const f of PARAMETER_FIELDS[type]) next.values[f.name] = form.values[f.name] ?? "";
  return { ...next, durationMinutes: form.durationMinutes, note: form.note };
}

const INT_RE = /^-?\d+$/;

/**
 * The form as remediation.create's input, or the field errors the client can tell by itself (a number
 * that is not one). Empty optional fields are left out; an empty required text is sent as typed so the
 * server's message ("endpoint is required") shows. Error keys are the server's paths: `parameters.<name>`,
 * `durationMinutes`.
 */
export function toApplyInput(
  form: RemediationForm,
  incidentId: string,
  source: "manual" | "recommended",
): { ok: true; input: ApplyRemediationInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const parameters: Record<string, unknown> = {};
  for (const f of PARAMETER_FIELDS[form.type]) {
    const raw = form.values[f.name] ?? "";
    const path = `parameters.${f.name}`;
    if (f.kind === "int") {
      const t = raw.trim();
      if (t === "") {
        if (f.required) errors[path] = `${f.name} is required`;
      } else if (!INT_RE.test(t)) errors[path] = "Enter a whole number";
      else parameters[f.name] = Number(t);
    } else if (f.kind === "textarea") {
      // A system prompt keeps its own whitespace.
      if (raw !== "" || f.required) parameters[f.name] = raw;
    } else {
      const t = raw.trim();
      if (t !== "" || f.required) parameters[f.name] = t;
    }
  }
  const d = form.durationMinutes.trim();
  let durationMinutes: number | undefined;
  if (d !== "") {
    if (!INT_RE.test(d)) errors.durationMinutes = "Enter a whole number of minutes";
    else durationMinutes = Number(d);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const note = form.note.trim();
  const input = {
    incidentId,
    type: form.type,
    parameters,
    environment: form.type === "reset_settings" ? "base" : form.environment,
    source,
    ...(durationMinutes !== undefined ? { durationMinutes } : {}),
    ...(note ? { note } : {}),
  } as ApplyRemediationInput;
  return { ok: true, input };
}

/** The form's field names as the server reports them (for formErrors). */
export function formFieldPaths(type: RemediationType): string[] {
  return [...PARAMETER_FIELDS[type].map((f) => `parameters.${f.name}`), "environment", "durationMinutes", "note"];
}

// ---- results

/** Keys of a rule value (`guard.rules.<id>`) read first: what it does comes before when and why. */
const LEADING_KEYS = ["type", "parameters"];

/**
 * A changed key's value for the before/after diff: null when the key was not set; strings quoted; objects
 * as compact JSON with `type` and `parameters` first (the database returns JSON keys in its own order).
 */
export function changeValueText(value: unknown, max = 200): string | null {
  if (value === undefined || value === null) return null;
  let shown = value;
  if (typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    const rank = (k: string) => (LEADING_KEYS.includes(k) ? LEADING_KEYS.indexOf(k) : LEADING_KEYS.length);
    shown = Object.fromEntries(entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => rank(a[0]) - rank(b[0]) || i - j).map(([e]) => e));
  }
  const text = JSON.stringify(shown) ?? String(value);
  return truncate(text, max);
}

/** The keys a 409 on rollback names (`details.conflicts`): changed since the action. Empty for other errors. */
export function rollbackConflicts(err: unknown): string[] {
  if (!err || typeof err !== "object") return [];
  const data = (err as { data?: { code?: unknown; details?: { conflicts?: unknown } | null } }).data;
  if (!data || data.code !== "CONFLICT") return [];
  const conflicts = data.details?.conflicts;
  return Array.isArray(conflicts) ? conflicts.filter((k): k is string => typeof k === "string") : [];
}

/** "Expires in 25 minutes" while applied; how it ended otherwise; null for a permanent action. */
export function expiryText(r: { status: RemediationStatus; expiresAt: Date | string | null }, now: number = Date.now()): string | null {
  if (!r.expiresAt) return null;
  const at = new Date(r.expiresAt).getTime();
  if (r.status === "expired") return "Expired";
  if (r.status !== "applied") return null;
  const minutes = Math.round((at - now) / 60_000);
  if (minutes <= 0) return "Expiring now";
  if (minutes < 60) return `Expires in ${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return `Expires in ${Number(hours.toFixed(1))} h`;
  return `Expires in ${Math.round(hours / 24)} days`;
}

// ---- permissions

export interface Rule {
  allowed: boolean;
  reason: string;
}

/**
 * Whether a role may apply or roll back a remediation in an environment: remediation.apply (developer)
 * and, for protected environments (base, production, protected custom ones), config.writeProtected.
 */
export function canRemediateIn(role: ProjectRoleName, env: Pick<EnvironmentView, "name" | "protected"> | undefined): Rule {
  if (!roleAllows(role, "remediation.apply")) return { allowed: false, reason: `Applying and rolling back fixes needs the developer role or higher (you are ${role}).` };
  if (!env) return { allowed: true, reason: "" };
  if (env.protected && !roleAllows(role, "config.writeProtected")) {
    return { allowed: false, reason: `${env.name} is protected: fixes there need the admin or owner role (you are ${role}).` };
  }
  return { allowed: true, reason: "" };
}

/**
 * The environment a remediation wrote to, as the project lists it; until the list is loaded (or when the
 * environment is gone), base and production count as protected, as they always are.
 */
export function environmentOf(envs: readonly Pick<EnvironmentView, "name" | "protected">[] | undefined, name: string): Pick<EnvironmentView, "name" | "protected"> {
  return envs?.find((e) => e.name === name) ?? { name, protected: (PROTECTED_BUILTIN_ENVIRONMENTS as readonly string[]).includes(name) };
}

/** The environment the apply form starts on: production when the role may write it, else the first it may. */
export function defaultEnvironment(role: ProjectRoleName, envs: readonly Pick<EnvironmentView, "name" | "protected">[]): string {
  const prod = envs.find((e) => e.name === "production");
  if (!prod || canRemediateIn(role, prod).allowed) return "production";
  return envs.find((e) => e.name !== "base" && canRemediateIn(role, e).allowed)?.name ?? "production";
}

/** The project-wide list's link for one status ("" for all). */
export function remediationsHref(projectId: string, status = ""): string {
  return `/projects/${projectId}/remediations${status ? `?status=${encodeURIComponent(status)}` : ""}`;
}

/** The config history of the environment a remediation wrote to. */
export function configHistoryHref(projectId: string, environment: string): string {
  return `/projects/${projectId}/config?${new URLSearchParams({ env: environment, view: "history" }).toString()}`;
}

// ---- the regression watch and automation

export type WatchStatus = RemediationWatch["status"];

export const WATCH_STATUS_LABELS: Record<WatchStatus, string> = {
  watching: "Watching",
  recovered: "Recovered",
  unchanged: "No clear change",
  regressed: "Regressed",
  inconclusive: "Not enough traffic",
  not_measured: "Not measured",
  stopped: "Watch ended early",
};

export type WatchTone = "blue" | "green" | "gray" | "red" | "amber";
export const WATCH_STATUS_TONES: Record<WatchStatus, WatchTone> = {
  watching: "blue",
  recovered: "green",
  unchanged: "gray",
  regressed: "red",
  inconclusive: "amber",
  not_measured: "gray",
  stopped: "gray",
};

/** A time of day, "14:05"; with the date when it is not on `now`'s day ("Jun 5, 14:05"). */
export function watchTimeText(at: Date | string, now: Date | number = Date.now(), timeZone?: string): string {
  const d = new Date(at);
  const day = new Intl.DateTimeFormat("en", { timeZone, year: "numeric", month: "short", day: "numeric" });
  const time = new Intl.DateTimeFormat("en", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
  return day.format(d) === day.format(new Date(now)) ? time : `${new Intl.DateTimeFormat("en", { timeZone, month: "short", day: "numeric" }).format(d)}, ${time}`;
}

/**
 * The words of a watch's badge: "Watching until 14:05", "Recovered", "No clear change", "Regressed —
 * rolled back" (the watch undid the action; "Regressed" alone when the action is still in force because
 * its keys changed since), "Not enough traffic", "Not measured", "Watch ended early".
 */
export function watchLabel(
  watch: Pick<RemediationWatch, "status" | "verifyAt">,
  remediationStatus: RemediationStatus,
  options: { now?: Date | number; timeZone?: string } = {},
): string {
  const status = watch.status as string;
  if (status === "watching") return watch.verifyAt ? `Watching until ${watchTimeText(watch.verifyAt, options.now, options.timeZone)}` : "Watching";
  if (status === "regressed") return remediationStatus === "rolled_back" ? "Regressed — rolled back" : "Regressed";
  return (WATCH_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export function watchTone(status: string): WatchTone {
  return (WATCH_STATUS_TONES as Record<string, WatchTone>)[status] ?? "gray";
}

/** The error of a failed attempt (`metadata.error.message`), or null. */
export function remediationErrorMessage(metadata: Record<string, unknown>): string | null {
  const error = metadata.error;
  if (!error || typeof error !== "object") return null;
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && message.trim() ? message.trim() : null;
}

/** What made automation act (`metadata.automation`): "a high-severity latency incident", or null for a person's action. */
export function automationCause(metadata: Record<string, unknown>, triggerLabel: (t: string) => string): string | null {
  const a = metadata.automation;
  if (!a || typeof a !== "object") return null;
  const { trigger, severity } = a as { trigger?: unknown; severity?: unknown };
  const what = typeof trigger === "string" && trigger ? `${triggerLabel(trigger).toLowerCase()} incident` : "incident";
  const phrase = typeof severity === "string" && severity ? `${severity}-severity ${what}` : what;
  return `${/^[aeiou]/i.test(phrase) ? "an" : "a"} ${phrase}`;
}
