import type { IncidentEvent, IncidentScope, IncidentSeverity, IncidentStatus, IncidentTrigger, RecommendedAction, RelatedRequest } from "@llmguard/domain/schemas";
import { formatCost, formatInt } from "~/components/logs/format";

// Words for the incident pages (issue 9): labels of the enums, the scope, the actor of a timeline event,
// and the evidence a detector stored, read as a list and, where it allows, as a chart.

export const SEVERITY_LABELS: Record<IncidentSeverity, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };
export const STATUS_LABELS: Record<IncidentStatus, string> = { open: "Open", acknowledged: "Acknowledged", mitigated: "Mitigated", resolved: "Resolved" };
export const TRIGGER_LABELS: Record<IncidentTrigger, string> = {
  latency: "Latency",
  error_rate: "Error rate",
  high_risk: "High risk",
  cost_spike: "Cost spike",
  anomaly: "Anomaly",
  datadog: "Datadog alert",
  manual: "Manual",
};

export const ACTION_LABELS: Record<RecommendedAction["type"], string> = {
  switch_model: "Switch model",
  increase_safety_threshold: "Increase safety threshold",
  disable_endpoint: "Disable endpoint",
  change_system_prompt: "Change system prompt",
  rate_limit_user: "Rate-limit user",
  reset_settings: "Reset settings",
};

function label<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}

export const severityLabel = (s: string) => label(SEVERITY_LABELS, s);
export const statusLabel = (s: string) => label(STATUS_LABELS, s);
export const triggerLabel = (t: string) => label(TRIGGER_LABELS, t);
export const actionLabel = (t: string) => label(ACTION_LABELS, t);

/** What an incident is about, in words: "Project", "Model gpt-4o", "End user u-7". */
export function scopeLabel(scope: IncidentScope): string {
  const value = scope.value ?? "";
  switch (scope.kind) {
    case "project":
      return "Project";
    case "manual":
      return "Manual";
    case "model":
      return value ? `Model ${value}` : "Model";
    case "endUser":
      return value ? `End user ${value}` : "End user";
    case "endpoint":
      return value ? `Endpoint ${value}` : "Endpoint";
    case "alert":
      return value ? `Alert ${value}` : "Alert";
  }
}

/** Who did it: the person's name, else their e-mail; LLMGuard itself (detection, analysis, Datadog) when there is no actor. */
export function actorLabel(actor: IncidentEvent["actor"]): string {
  if (!actor) return "LLMGuard";
  return actor.name?.trim() || actor.email || "A former member";
}

/** The status changes a status allows (the server's transitions): what the incident page offers. */
export function allowedActions(status: IncidentStatus): ("acknowledge" | "resolve" | "reopen")[] {
  switch (status) {
    case "open":
      return ["acknowledge", "resolve"];
    case "acknowledged":
      return ["resolve"];
    case "mitigated":
      return ["resolve", "reopen"];
    case "resolved":
      return ["reopen"];
  }
}

const METRIC_NAMES: Record<string, string> = {
  latencyMs: "Latency",
  riskScore: "Risk score",
  errorRatePct: "Error rate",
  costUsd: "Cost",
  volume: "Request volume",
  errorRate: "Error rate",
  p95LatencyMs: "p95 latency",
  flaggedRate: "Flagged rate",
};

/**
 * Words for the keys the detectors write, in the order the list shows them (the stored JSON does not keep
 * the detector's order): what was measured, against what, then the details.
 */
const KEY_LABELS: Record<string, string> = {
  metric: "Metric",
  value: "Value",
  maxLatencyMs: "Slowest request",
  threshold: "Threshold",
  baseline: "Baseline (7-day hourly average)",
  baselineMean: "Baseline mean",
  direction: "Direction",
  zScore: "z-score",
  sigma: "Threshold (σ)",
  slowRequests: "Slow requests",
  streak: "Streak",
  scores: "Risk scores",
  requests: "Requests in the last hour",
  errors: "Failed requests",
  minRequests: "Minimum requests",
  hoursWithTraffic: "Hours with traffic (7 days)",
  hour: "Hour",
  hourRequests: "Requests in the hour",
  baselineStdDev: "Baseline standard deviation",
  stdDevUsed: "Standard deviation used",
  minAbsoluteChange: "Minimum change",
  baselineHours: "Baseline hours",
  baselineHoursWithTraffic: "Baseline hours with traffic",
  requestIds: "Requests named",
  anomalies: "Anomalous metrics",
  openedBy: "Opened by",
};
const KEY_ORDER = Object.keys(KEY_LABELS);

/** "maxLatencyMs" → "Max latency ms", "alert_cycle_key" → "Alert cycle key". */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

const ms = (n: number) => `${formatInt(n)} ms`;
const pct = (n: number) => `${Number(n.toFixed(1))}%`;
const num = (n: number) => (Number.isInteger(n) ? formatInt(n) : String(Number(n.toPrecision(4))));

/** How a metric's values read: ms, a percentage, dollars, a count. */
function metricFormat(metric: string): (n: number) => string {
  switch (metric) {
    case "latencyMs":
    case "p95LatencyMs":
      return ms;
    case "errorRatePct":
    case "errorRate":
    case "flaggedRate":
      return pct;
    case "costUsd":
      return formatCost;
    case "volume":
      return (n) => `${num(n)} requests`;
    default:
      return num;
  }
}

export interface EvidenceItem {
  key: string;
  label: string;
  /** Plain text, or `json` for nested values shown as code. */
  value: string;
  json?: boolean;
}

function asNumber(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** Known keys in KEY_LABELS order, then the others as stored; a Datadog alert's fields as stored. */
function orderedEntries(trigger: IncidentTrigger, evidence: Record<string, unknown>): [string, unknown][] {
  const entries = Object.entries(evidence);
  if (trigger === "datadog") return entries;
  const rank = (key: string) => {
    const i = KEY_ORDER.indexOf(key);
    return i === -1 ? KEY_ORDER.length : i;
  };
  return entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => rank(a[0]) - rank(b[0]) || i - j).map(([e]) => e);
}

/**
 * The evidence as a readable list: known keys get words and units (from the metric) in a fixed order,
 * anything else its humanized key and its value; nested values stay JSON.
 */
export function evidenceItems(trigger: IncidentTrigger, evidence: Record<string, unknown>): EvidenceItem[] {
  const metric = typeof evidence.metric === "string" ? evidence.metric : "";
  const fmt = metricFormat(metric);
  const items: EvidenceItem[] = [];
  for (const [key, raw] of orderedEntries(trigger, evidence)) {
    if (raw === null || raw === undefined || raw === "") continue;
    if (trigger === "manual" && key === "openedBy") continue; // a user id: the timeline names the person
    const label = trigger === "datadog" ? humanizeKey(key) : (KEY_LABELS[key] ?? humanizeKey(key));
    const n = asNumber(raw);
    let value: string | undefined;
    if (trigger !== "datadog" && key === "metric" && typeof raw === "string") value = METRIC_NAMES[raw] ? `${METRIC_NAMES[raw]} (${raw})` : raw;
    else if (key === "requestIds" && Array.isArray(raw)) value = `${formatInt(raw.length)} (listed under related requests)`;
    else if (n !== undefined && trigger !== "datadog") value = numberValue(trigger, metric, key, n, fmt);
    else if (typeof raw === "string") value = raw;
    else if (typeof raw === "number") value = num(raw);
    else if (typeof raw === "boolean") value = raw ? "Yes" : "No";
    else if (Array.isArray(raw) && raw.every((x) => typeof x === "string" || typeof x === "number")) value = raw.length === 0 ? "None" : raw.map((x) => (typeof x === "number" ? num(x) : x)).join(", ");
    if (value !== undefined) items.push({ key, label, value });
    else items.push({ key, label, value: JSON.stringify(raw, null, 2), json: true });
  }
  return items;
}

function numberValue(trigger: IncidentTrigger, metric: string, key: string, n: number, fmt: (n: number) => string): string {
  switch (key) {
    case "threshold":
      // cost_spike's threshold is a percentage over the baseline; the others are in the metric's unit.
      if (trigger === "cost_spike") return `${pct(n)} above the baseline`;
      if (metric === "riskScore") return `Above ${formatInt(n)}`;
      return fmt(n);
    case "value":
    case "baseline":
    case "baselineMean":
    case "baselineStdDev":
    case "stdDevUsed":
    case "minAbsoluteChange":
      return fmt(n);
    case "maxLatencyMs":
      return ms(n);
    case "streak":
      return `${formatInt(n)} requests in a row`;
    case "zScore":
    case "sigma":
      return num(n);
    case "hoursWithTraffic":
    case "baselineHours":
    case "baselineHoursWithTraffic":
      return `${formatInt(n)} h`;
    default:
      return num(n);
  }
}

export type EvidenceChart =
  /** The related requests over time against the threshold (latency, high risk). */
  | { kind: "requests"; metric: "latency" | "risk"; threshold: number; points: RelatedRequest[] }
  /** The incident's value against its threshold and baseline (error rate, cost spike, anomaly). */
  | { kind: "bars"; unit: "percent" | "usd" | "ms" | "count"; bars: { label: string; value: number; detail?: string }[] };

function anomalyUnit(metric: string): "percent" | "usd" | "ms" | "count" {
  if (metric === "p95LatencyMs") return "ms";
  if (metric === "costUsd") return "usd";
  if (metric === "errorRate" || metric === "flaggedRate") return "percent";
  return "count";
}

/** What chart the evidence allows, if any. */
export function evidenceChart(trigger: IncidentTrigger, evidence: Record<string, unknown>, related: readonly RelatedRequest[]): EvidenceChart | null {
  const threshold = asNumber(evidence.threshold);
  const value = asNumber(evidence.value);
  switch (trigger) {
    case "latency":
    case "high_risk": {
      if (threshold === undefined) return null;
      const metric = trigger === "latency" ? "latency" : "risk";
      if (related.length > 0) {
        const points = [...related].sort((a, b) => new Date(a.timestamp).getTime() - new Date(b.timestamp).getTime());
        return { kind: "requests", metric, threshold, points };
      }
      const max = trigger === "latency" ? asNumber(evidence.maxLatencyMs) : undefined;
      return max === undefined ? null : { kind: "bars", unit: "ms", bars: [{ label: "Slowest request", value: max }, { label: "Threshold", value: threshold }] };
    }
    case "error_rate":
      if (value === undefined || threshold === undefined) return null;
      return { kind: "bars", unit: "percent", bars: [{ label: "Error rate, last hour", value }, { label: "Threshold", value: threshold }] };
    case "cost_spike": {
      const baseline = asNumber(evidence.baseline);
      if (value === undefined || baseline === undefined) return null;
      const bars = [
        { label: "Cost this hour", value },
        { label: "7-day hourly average", value: baseline },
      ];
      if (threshold !== undefined) bars.push({ label: `Threshold (+${pct(threshold)})`, value: baseline * (1 + threshold / 100) });
      return { kind: "bars", unit: "usd", bars };
    }
    case "anomaly": {
      const mean = asNumber(evidence.baselineMean);
      const metric = typeof evidence.metric === "string" ? evidence.metric : "";
      if (value === undefined || mean === undefined) return null;
      const bars = [
        { label: "This hour", value },
        { label: "Baseline mean", value: mean },
      ];
      const sd = asNumber(evidence.stdDevUsed);
      const sigma = asNumber(evidence.sigma);
      if (sd !== undefined && sigma !== undefined) bars.push({ label: `Threshold (mean + ${num(sigma)}σ)`, value: mean + sigma * sd });
      return { kind: "bars", unit: anomalyUnit(metric), bars };
    }
    default:
      return null;
  }
}

/** A recommended action's parameters as "name: value" pairs (nested values as compact JSON). */
export function parameterPairs(parameters: Record<string, unknown>): { name: string; value: string }[] {
  return Object.entries(parameters).map(([name, v]) => ({ name, value: typeof v === "string" ? v : JSON.stringify(v) ?? String(v) }));
}
