import type { Email } from "../shared/mailer";
import type { Incident, IncidentRca } from "../incidents/incident.schema";

/**
 * What each channel says about an incident. Pure functions of the incident, its project and (when stored
 * already) its root-cause analysis: the texts hold the evidence summary and the analysis, never request
 * texts (detectors put metrics and request ids in evidence, not prompts).
 */
export interface NotificationSubject {
  incident: Incident & { evidence: Record<string, unknown>; rca: IncidentRca | null };
  project: { id: string; name: string };
  /** `${APP_URL}/projects/<projectId>/incidents/<id>` */
  link: string;
  /** A sample from the test endpoint. */
  test?: boolean;
}

const MAX_EVIDENCE_LINES = 8;
const MAX_VALUE_CHARS = 160;

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A few `key: value` lines of the evidence: scalars as they are, lists by their length, objects as short JSON. */
export function summarizeEvidence(evidence: Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(evidence)) {
    if (lines.length >= MAX_EVIDENCE_LINES) {
      lines.push(`… and ${Object.keys(evidence).length - MAX_EVIDENCE_LINES} more`);
      break;
    }
    let text: string;
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) text = value.length <= 5 && value.every((v) => typeof v === "number") ? value.join(", ") : `${value.length} item${value.length === 1 ? "" : "s"}`;
    else if (typeof value === "object") text = JSON.stringify(value);
    else text = String(value);
    lines.push(`${clip(key, 60)}: ${clip(text, MAX_VALUE_CHARS)}`);
  }
  return lines;
}

export function incidentLink(appUrl: string, projectId: string, incidentId: string): string {
  return `${appUrl.replace(/\/+$/, "")}/projects/${projectId}/incidents/${incidentId}`;
}

function severityTag(s: NotificationSubject): string {
  return `[${s.incident.severity.toUpperCase()}]`;
}

export function emailFor(s: NotificationSubject, to: string): Email {
  const { incident, project } = s;
  const evidence = summarizeEvidence(incident.evidence);
  const lines = [
    ...(s.test ? ["This is a test notification from LLMGuard: your e-mail notifications work.", ""] : []),
    `A ${incident.severity} incident opened in project ${project.name}.`,
    "",
    `Title: ${incident.title}`,
    ...(incident.description ? [`Description: ${clip(incident.description, 1_000)}`] : []),
    `Severity: ${incident.severity}`,
    `Trigger: ${incident.trigger}${incident.scope.value ? ` (${incident.scope.kind}: ${incident.scope.value})` : ""}`,
    `First seen: ${incident.firstSeenAt.toISOString()}`,
    "",
    "Evidence:",
    ...(evidence.length > 0 ? evidence.map((l) => `  ${l}`) : ["  (none recorded)"]),
    "",
    ...(incident.rca
      ? [`Root cause (${incident.rca.source} analysis): ${incident.rca.rootCause}`, `Recommended fix: ${incident.rca.recommendedFix}`]
      : ["Root cause: the analysis is still running; it appears on the incident page when stored."]),
    "",
    `Open the incident: ${s.link}`,
    "",
    `You receive this as an owner or admin of ${project.name}. The project's setting notifications.email.minSeverity chooses which incidents e-mail you.`,
  ];
  return {
    to,
    // One line: a title or project name with a line break must not start a new header.
    subject: `${s.test ? "[TEST] " : ""}${severityTag(s)} ${clip(incident.title, 150)} — ${clip(project.name, 60)}`.replace(/[\r\n]+/g, " "),
    text: lines.join("\n"),
  };
}

/** Slack's mrkdwn needs only &, < and > escaped. */
function slackEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The incoming-webhook message: `text` (the fallback and notification line) and Block Kit `blocks`. */
export function slackMessageFor(s: NotificationSubject): { text: string; blocks: unknown[] } {
  const { incident, project } = s;
  const text = `${s.test ? "[TEST] " : ""}${severityTag(s)} ${slackEscape(incident.title)} — ${slackEscape(project.name)}`;
  const evidence = summarizeEvidence(incident.evidence);
  const blocks: unknown[] = [
    { type: "section", text: { type: "mrkdwn", text: `*${text}*\n${s.test ? "This is a test notification from LLMGuard.\n" : ""}Trigger: \`${incident.trigger}\` · first seen ${incident.firstSeenAt.toISOString()}` } },
  ];
  if (evidence.length > 0) blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(`*Evidence*\n${evidence.map((l) => `• ${slackEscape(l)}`).join("\n")}`, 2_900) } });
  if (incident.rca) blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(`*Root cause* (${incident.rca.source})\n${slackEscape(incident.rca.rootCause)}`, 2_900) } });
  blocks.push({ type: "section", text: { type: "mrkdwn", text: `<${s.link}|Open the incident in LLMGuard>` } });
  return { text: `${text} ${s.link}`, blocks };
}

/** The generic webhook's JSON: `{ type: "incident.opened", incident, project }` (plus `test: true` for samples). */
export function webhookPayloadFor(s: NotificationSubject): Record<string, unknown> {
  const { incident, project } = s;
  return {
    type: "incident.opened",
    ...(s.test ? { test: true } : {}),
    incident: {
      id: incident.id,
      title: incident.title,
      description: incident.description,
      severity: incident.severity,
      status: incident.status,
      trigger: incident.trigger,
      scope: incident.scope,
      occurrences: incident.occurrences,
      firstSeenAt: incident.firstSeenAt.toISOString(),
      lastSeenAt: incident.lastSeenAt.toISOString(),
      createdAt: incident.createdAt.toISOString(),
      url: s.link,
      evidence: incident.evidence,
      rca: incident.rca ? { source: incident.rca.source, severity: incident.rca.severity, rootCause: incident.rca.rootCause, recommendedFix: incident.rca.recommendedFix } : null,
    },
    project: { id: project.id, name: project.name },
  };
}
