import type { RiskFactor, RiskFactorType, RiskField, RiskSpan } from "../risk.types.ts";

/**
 * One match inside one text. `label` names what was found ("e-mail address", "AWS access key AKIA…XYZW")
 * and is safe to show: detectors never put the matched secret or PII value into it.
 */
export interface Finding {
  start: number;
  end: number;
  label: string;
  /**
   * Stable snake_case id of what was found ("email", "aws_access_key"), for PII and secret findings. Ingest
   * redaction writes it into the placeholder that replaces the span: `[SECRET:aws_access_key]`, `[PII:email]`.
   */
  kind?: string;
}

export interface FieldFinding extends Finding {
  field: RiskField;
}

/** A pure detector: `detect` scans one field; `toFactor` turns the surviving findings of both fields into one factor. */
export interface Detector {
  readonly type: RiskFactorType;
  detect(text: string): Finding[];
  /** Called only with a non-empty list (after allowlist filtering). */
  toFactor(findings: readonly FieldFinding[]): RiskFactor;
}

/**
 * Bounds the work and output size on adversarial inputs: a detector stops collecting after this many
 * findings in one field. Scoring only needs "at least one"; counts in details are then lower bounds.
 */
export const MAX_FINDINGS_PER_FIELD = 200;

/** The UI highlights at most this many spans per factor. */
export const MAX_SPANS_PER_FACTOR = 50;

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function toSpans(findings: readonly FieldFinding[]): RiskSpan[] {
  const spans: RiskSpan[] = [];
  for (const f of findings) {
    if (spans.length >= MAX_SPANS_PER_FACTOR) break;
    spans.push({ field: f.field, start: f.start, end: f.end });
  }
  return spans;
}

/** "e-mail address in prompt (2); phone number in response (1)": counts per label and field, first-seen order. */
export function describeCounts(findings: readonly FieldFinding[], maxEntries = 8): string {
  // Counted per (label, field) in first-seen order, without building a key string per finding: a field
  // full of names or phone numbers has up to 200 findings.
  const slots = new Map<string, [prompt: number, response: number]>();
  const entries: { label: string; field: RiskField; n: number }[] = [];
  for (const f of findings) {
    let slot = slots.get(f.label);
    if (!slot) slots.set(f.label, (slot = [-1, -1]));
    const i = f.field === "prompt" ? 0 : 1;
    if (slot[i] < 0) {
      slot[i] = entries.length;
      entries.push({ label: f.label, field: f.field, n: 0 });
    }
    entries[slot[i]]!.n++;
  }
  const parts = entries.map((e) => `${e.label} in ${e.field} (${e.n})`);
  const shown = parts.slice(0, maxEntries).join("; ");
  return parts.length > maxEntries ? `${shown}; +${parts.length - maxEntries} more` : shown;
}

/** Distinct labels in first-seen order. */
export function distinctLabels(findings: readonly FieldFinding[]): string[] {
  return [...new Set(findings.map((f) => f.label))];
}

/** Fields (in prompt, response order) that have at least one finding: "prompt", "response" or "prompt and response". */
export function describeFields(findings: readonly FieldFinding[]): string {
  const inPrompt = findings.some((f) => f.field === "prompt");
  const inResponse = findings.some((f) => f.field === "response");
  return inPrompt && inResponse ? "prompt and response" : inPrompt ? "prompt" : "response";
}

export function matchCount(n: number): string {
  return n === 1 ? "1 match" : `${n} matches`;
}

/** Keeps details within RiskFactorSchema's bound even for long model names or keyword lists. */
export function clampDetail(detail: string, max = 300): string {
  return detail.length <= max ? detail : `${detail.slice(0, max - 1)}…`;
}

export function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}
