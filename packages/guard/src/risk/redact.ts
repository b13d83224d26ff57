import type { FieldFinding } from "./detectors/detector.ts";
import type { RiskAnalysis } from "./risk.service.ts";
import type { RiskFactor, RiskField, RiskSpan } from "./risk.types.ts";

/**
 * What ingest replaces before a prompt and response are stored (project setting `guard.redaction`):
 * nothing, detected secrets (the default), or secrets and personal data.
 */
export const REDACTION_MODES = ["off", "secrets", "secrets+pii"] as const;
export type RedactionMode = (typeof REDACTION_MODES)[number];

export interface RedactedRecord {
  prompt: string;
  response: string;
  /** The factors with their spans moved onto the redacted text (a span inside a redacted value covers its placeholder). */
  factors: RiskFactor[];
  /** How many values were replaced. */
  redactions: number;
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** `[SECRET:aws_access_key]`, `[PII:email]`: the kind only, never a part of the value. */
export function placeholderFor(f: FieldFinding, secret: boolean): string {
  const kind = (f.kind ?? (secret ? "secret" : "pii")).replace(/[^a-z0-9_]/gi, "_").toLowerCase();
  return `[${secret ? "SECRET" : "PII"}:${kind}]`;
}

function replacementsFor(field: RiskField, analysis: RiskAnalysis, mode: RedactionMode): Replacement[] {
  const picked = analysis.sensitive
    .filter((f) => f.field === field)
    .map((f) => ({ f, secret: analysis.secretFindings.has(f) }))
    .filter(({ secret }) => secret || mode === "secrets+pii")
    .sort((a, b) => a.f.start - b.f.start || b.f.end - a.f.end);
  const out: Replacement[] = [];
  for (const { f, secret } of picked) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end); // overlapping values become one placeholder, the first one's
      continue;
    }
    out.push({ start: f.start, end: f.end, text: placeholderFor(f, secret) });
  }
  return out;
}

function apply(text: string, reps: readonly Replacement[]): string {
  if (reps.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const r of reps) {
    parts.push(text.slice(at, r.start), r.text);
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** Maps an offset of the original text onto the redacted one; inside a replaced value it snaps to the placeholder's start or end. */
function mapOffset(p: number, reps: readonly Replacement[], isEnd: boolean): number {
  let delta = 0;
  for (const r of reps) {
    if (p <= r.start) break;
    if (p < r.end) return r.start + delta + (isEnd ? r.text.length : 0);
    delta += r.text.length - (r.end - r.start);
  }
  return p + delta;
}

function mapSpans(spans: RiskSpan[] | undefined, byField: Record<RiskField, Replacement[]>): RiskSpan[] | undefined {
  if (!spans) return spans;
  return spans.map((s) => {
    const reps = byField[s.field];
    if (reps.length === 0) return s;
    return { field: s.field, start: mapOffset(s.start, reps, false), end: mapOffset(s.end, reps, true) };
  });
}

/**
 * Replaces the detected secrets (and, in "secrets+pii" mode, personal data) of a record by typed
 * placeholders, after scoring: the score and factors are those of the original text, the spans point into
 * the redacted one, and no replaced value survives anywhere in the output.
 */
export function redactRecord(record: { prompt: string; response: string }, analysis: RiskAnalysis, mode: RedactionMode): RedactedRecord {
  const factors = analysis.result.factors;
  if (mode === "off" || analysis.sensitive.length === 0) return { prompt: record.prompt, response: record.response, factors, redactions: 0 };
  const byField: Record<RiskField, Replacement[]> = {
    prompt: replacementsFor("prompt", analysis, mode),
    response: replacementsFor("response", analysis, mode),
  };
  const redactions = byField.prompt.length + byField.response.length;
  if (redactions === 0) return { prompt: record.prompt, response: record.response, factors, redactions: 0 };
  return {
    prompt: apply(record.prompt, byField.prompt),
    response: apply(record.response, byField.response),
    factors: factors.map((f) => (f.spans ? { ...f, spans: mapSpans(f.spans, byField) } : f)),
    redactions,
  };
}
