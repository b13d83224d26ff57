import { z } from "zod";
import type { IncidentSeverity } from "../../incidents/incident.schema";
import { DomainError, parseInput } from "../../shared/errors";
import { safeText } from "../../shared/safe-text";

/**
 * Reads a Datadog webhook body: the payload template of docs/incidents.md (DATADOG_PAYLOAD_TEMPLATE) or
 * Datadog's default payload (`body`, `last_updated`, `event_type`, `title`, `date`, `org`, `id`), where
 * the transition, priority and group come from the event title (`[P1] [Triggered on {host:a}] CPU high`)
 * and the monitor from its link in the body. Variable meanings: docs.datadoghq.com/integrations/webhooks.
 */

/** Datadog's $ALERT_TRANSITION values. */
export const DATADOG_TRANSITIONS = ["Triggered", "Re-Triggered", "Warn", "Re-Warn", "Renotify", "Recovered", "No Data", "Re-No Data", "Null"] as const;
export type DatadogTransition = (typeof DATADOG_TRANSITIONS)[number];

/** What a transition does: open or update the alert's incident, end it, or nothing (no data is not a failure). */
export type DatadogEffect = "open" | "recover" | "ignore";
const EFFECTS: Record<DatadogTransition, DatadogEffect> = {
  Triggered: "open",
  "Re-Triggered": "open",
  Warn: "open",
  "Re-Warn": "open",
  Renotify: "open",
  Recovered: "recover",
  "No Data": "ignore",
  "Re-No Data": "ignore",
  Null: "ignore",
};

export type DatadogPriority = "P1" | "P2" | "P3" | "P4" | "P5";

export interface DatadogAlert {
  /** $ID: the event, the same on a redelivery. */
  eventId: string;
  transition: DatadogTransition;
  effect: DatadogEffect;
  /** The incident scope value: $ALERT_CYCLE_KEY, else $ALERT_ID (with the group of a multi alert), else … */
  alertKey: string;
  alertKeySource: "alert_cycle_key" | "alert_id" | "monitor_link" | "aggreg_key" | "title";
  alertId: string | null;
  alertCycleKey: string | null;
  aggregKey: string | null;
  /** The title without Datadog's `[P1] [Triggered on {…}]` prefix. */
  title: string;
  message: string;
  priority: DatadogPriority | null;
  alertType: string | null;
  severity: IncidentSeverity;
  date: Date | null;
  link: string | null;
  tags: string[];
  metric: string | null;
  alertStatus: string | null;
  /** The group of a multi alert ($ALERT_SCOPE, or `on {…}` of the title). */
  alertScope: string | null;
  test: boolean;
}

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]).optional();

/** Both payload shapes: every field optional and scalar (tags may be a list); unknown fields are ignored. */
export const DatadogPayloadSchema = z
  .object({
    id: Scalar,
    event_id: Scalar,
    alert_id: Scalar,
    alert_cycle_key: Scalar,
    aggreg_key: Scalar,
    title: Scalar,
    event_title: Scalar,
    alert_title: Scalar,
    body: Scalar,
    event_msg: Scalar,
    alert_transition: Scalar,
    alert_priority: Scalar,
    alert_type: Scalar,
    date: Scalar,
    link: Scalar,
    tags: z.union([z.string(), z.array(z.union([z.string(), z.number()])).max(1_000), z.null()]).optional(),
    alert_metric: Scalar,
    alert_status: Scalar,
    alert_scope: Scalar,
  })
  .loose();

const LIMITS = { id: 200, title: 200, message: 10_000, text: 500, link: 2_000, tag: 200, tags: 50 } as const;

/** A field's text, or null when empty or left as an unsubstituted variable (`$ALERT_CYCLE_KEY`). */
function clean(v: unknown): string | null {
  if (v === null || v === undefined || typeof v === "boolean") return null;
  const s = safeText(String(v)).trim();
  if (s === "" || /^\$[A-Z_]+$/.test(s)) return null;
  return s;
}

const cut = (s: string | null, n: number) => (s === null ? null : s.length > n ? s.slice(0, n) : s);

function canonicalTransition(raw: string): DatadogTransition | null {
  const k = raw.toLowerCase().replace(/[^a-z]/g, "");
  const table: Record<string, DatadogTransition> = {
    triggered: "Triggered",
    retriggered: "Re-Triggered",
    warn: "Warn",
    rewarn: "Re-Warn",
    renotify: "Renotify",
    recovered: "Recovered",
    nodata: "No Data",
    renodata: "Re-No Data",
    null: "Null",
  };
  return table[k] ?? null;
}

function canonicalPriority(raw: string | null): DatadogPriority | null {
  const m = raw ? /^p?([1-5])\b/i.exec(raw.trim()) : null;
  return m ? (`P${m[1]}` as DatadogPriority) : null;
}

interface TitleParts {
  title: string;
  transition: DatadogTransition | null;
  priority: DatadogPriority | null;
  group: string | null;
  test: boolean;
}

/** `[P2] [Triggered on {host:a}] [TEST] CPU high` → priority, transition, group and the rest. */
export function splitDatadogTitle(raw: string): TitleParts {
  const out: TitleParts = { title: raw.trim(), transition: null, priority: null, group: null, test: false };
  let rest = raw.trim();
  for (;;) {
    const m = /^\[([^\]]*)\]\s*/.exec(rest);
    if (!m) break;
    const inner = m[1]!.trim();
    const t = /^(re-?)?(triggered|warn|no data|recovered|renotify)(?:\s+on\s+(.+))?$/i.exec(inner);
    if (/^p[1-5]$/i.test(inner)) out.priority = canonicalPriority(inner);
    else if (/^test$/i.test(inner)) out.test = true;
    else if (t && !out.transition) {
      out.transition = canonicalTransition(`${t[1] ?? ""}${t[2]}`);
      if (t[3]) out.group = t[3].trim().replace(/^\{(.*)\}$/, "$1").trim() || null;
    } else break;
    rest = rest.slice(m[0].length);
  }
  out.title = rest.trim() || raw.trim();
  return out;
}

/** Datadog's `%%%` markdown fences around event text. */
function stripMarkdownFences(s: string): string {
  return s.replace(/^\s*%%%\s*\n?/, "").replace(/\n?\s*%%%\s*$/, "").trim();
}

function parseDate(raw: string | null): Date | null {
  if (!raw) return null;
  let ms: number;
  if (/^\d{1,16}$/.test(raw)) {
    const n = Number(raw);
    ms = n < 100_000_000_000 ? n * 1000 : n; // epoch seconds or milliseconds ($DATE is milliseconds)
  } else ms = Date.parse(raw);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

function parseTags(raw: unknown): string[] {
  const list = typeof raw === "string" ? raw.split(",") : Array.isArray(raw) ? raw.map(String) : [];
  return list
    .map((t) => clean(t))
    .filter((t): t is string => t !== null)
    .slice(0, LIMITS.tags)
    .map((t) => cut(t, LIMITS.tag)!);
}

/**
 * Severity of an alert: the monitor's priority (P1 critical, P2 high, P3 medium, P4/P5 low); without one,
 * $ALERT_TYPE (error high, warning medium, info/success low); without either, a warning transition is
 * medium and anything else that fires high.
 */
export function datadogSeverity(a: { priority: DatadogPriority | null; alertType: string | null; transition: DatadogTransition }): IncidentSeverity {
  if (a.priority) return ({ P1: "critical", P2: "high", P3: "medium", P4: "low", P5: "low" } as const)[a.priority];
  switch (a.alertType) {
    case "error":
      return "high";
    case "warning":
      return "medium";
    case "info":
    case "success":
      return "low";
  }
  return a.transition === "Warn" || a.transition === "Re-Warn" ? "medium" : "high";
}

function invalid(path: string, message: string): DomainError {
  return new DomainError("VALIDATION_FAILED", message, { details: { issues: [{ path, message, code: "custom" }] } });
}

/**
 * One Datadog delivery as an alert, or VALIDATION_FAILED (a 400: Datadog does not retry it) when the
 * body is not an object, has no event id, no recognisable transition or nothing that identifies the alert.
 * Text is made safe (NUL, lone surrogates) and cut to size here.
 */
export function parseDatadogPayload(raw: unknown): DatadogAlert {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw invalid("", "The Datadog payload must be a JSON object");
  const p = parseInput(DatadogPayloadSchema, raw);

  const eventId = clean(p.id) ?? clean(p.event_id);
  if (!eventId) throw invalid("id", "The payload has no event id: map $ID to the field id");
  if (eventId.length > LIMITS.id) throw invalid("id", `The event id is longer than ${LIMITS.id} characters`);

  const rawTitle = clean(p.title) ?? clean(p.event_title) ?? clean(p.alert_title) ?? "";
  const parts = splitDatadogTitle(rawTitle);
  const transitionField = clean(p.alert_transition);
  const transition = (transitionField ? canonicalTransition(transitionField) : null) ?? parts.transition;
  if (!transition) {
    throw invalid("alert_transition", transitionField ? `Unknown alert transition: ${cut(transitionField, 50)}` : "The payload names no alert transition: map $ALERT_TRANSITION to the field alert_transition");
  }

  const message = stripMarkdownFences(clean(p.body) ?? clean(p.event_msg) ?? "");
  const link = clean(p.link);
  const alertId = cut(clean(p.alert_id), LIMITS.id);
  const alertCycleKey = cut(clean(p.alert_cycle_key), LIMITS.id);
  const aggregKey = cut(clean(p.aggreg_key), LIMITS.id);
  const alertScope = cut(clean(p.alert_scope) ?? parts.group, LIMITS.text);
  const monitorId = /\/monitors(?:\/|#)(\d+)/.exec(`${link ?? ""} ${message}`)?.[1] ?? null;
  const title = cut(parts.title, LIMITS.title) ?? "";

  const withGroup = (id: string) => cut(alertScope ? `${id} {${alertScope}}` : id, LIMITS.title)!;
  let alertKey: string;
  let alertKeySource: DatadogAlert["alertKeySource"];
  if (alertCycleKey) [alertKey, alertKeySource] = [alertCycleKey, "alert_cycle_key"];
  else if (alertId) [alertKey, alertKeySource] = [withGroup(alertId), "alert_id"];
  else if (monitorId) [alertKey, alertKeySource] = [withGroup(monitorId), "monitor_link"];
  else if (aggregKey) [alertKey, alertKeySource] = [aggregKey, "aggreg_key"];
  else if (title) [alertKey, alertKeySource] = [withGroup(`title:${title}`), "title"];
  else throw invalid("alert_cycle_key", "Nothing identifies the alert: map $ALERT_CYCLE_KEY and $ALERT_ID to alert_cycle_key and alert_id");

  const priority = canonicalPriority(clean(p.alert_priority)) ?? parts.priority;
  const alertType = clean(p.alert_type)?.toLowerCase() ?? null;
  return {
    eventId,
    transition,
    effect: EFFECTS[transition],
    alertKey,
    alertKeySource,
    alertId: alertId ?? monitorId,
    alertCycleKey,
    aggregKey,
    title: title || `Datadog alert ${alertId ?? monitorId ?? alertKey}`,
    message: cut(message, LIMITS.message) ?? "",
    priority,
    alertType: cut(alertType, 50),
    severity: datadogSeverity({ priority, alertType, transition }),
    date: parseDate(clean(p.date)),
    link: link && /^https?:\/\//i.test(link) ? cut(link, LIMITS.link) : null,
    tags: parseTags(p.tags),
    metric: cut(clean(p.alert_metric), LIMITS.text),
    alertStatus: cut(clean(p.alert_status), LIMITS.text),
    alertScope,
    test: parts.test,
  };
}
