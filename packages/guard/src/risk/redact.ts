import { MAX_FINDINGS_PER_FIELD, type Detector, type Finding } from "./detectors/detector.ts";
import { piiDetector } from "./detectors/pii.detector.ts";
import { secretDetector } from "./detectors/secrets.detector.ts";
import { foldText, unfoldRange } from "./normalize.ts";
import { fieldScansOf, MAX_SCAN_CHARS, type FieldScan, type RiskAnalysis } from "./risk.service.ts";
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

/** Windows over long texts overlap by this much, so a value that a window edge cuts is whole in the next. */
const WINDOW_OVERLAP = 32 * 1024;
/** A chunk whose scan hit the detectors' finding cap is split until its findings fit, down to this size. */
const MIN_SPLIT_CHARS = 512;

/**
 * Every finding of `detector` in `text`, unlike scoring, which only needs "at least one": the whole text
 * (not the first 200 KiB), in windows, and a chunk that reaches the detectors' cap of findings is split in
 * two (overlapping) halves and scanned again. Folded first, like scoring, with offsets in the original.
 */
function findAll(detector: Detector, text: string, from: number, to: number, out: Finding[]): void {
  const length = to - from;
  if (length > MAX_SCAN_CHARS) {
    for (let s = from; s < to; s += MAX_SCAN_CHARS - WINDOW_OVERLAP) {
      findAll(detector, text, s, Math.min(to, s + MAX_SCAN_CHARS), out);
      if (s + MAX_SCAN_CHARS >= to) break;
    }
    return;
  }
  const chunk = text.slice(from, to);
  const folded = foldText(chunk);
  const found = detector.detect(folded.text);
  if (found.length >= MAX_FINDINGS_PER_FIELD && length > MIN_SPLIT_CHARS) {
    const mid = from + (length >> 1);
    const overlap = Math.min(1024, length >> 3);
    findAll(detector, text, from, mid + overlap, out);
    findAll(detector, text, mid - overlap, to, out);
    return;
  }
  for (const f of found) {
    const r = unfoldRange(folded, f.start, f.end);
    out.push({ ...f, start: from + r.start, end: from + r.end });
  }
}

function collect(detector: Detector, text: string): Finding[] {
  const out: Finding[] = [];
  findAll(detector, text, 0, text.length, out);
  return out;
}

/** Whether one scan's findings are all findAll would find: it splits a text whose scan reached the cap. */
function complete(findings: readonly Finding[], text: string): boolean {
  return text.length <= MAX_SCAN_CHARS && (findings.length < MAX_FINDINGS_PER_FIELD || text.length <= MIN_SPLIT_CHARS);
}

/** `[SECRET:aws_access_key]`, `[PII:email]`: the kind only, never a part of the value. */
function placeholderFor(f: Finding, secret: boolean): string {
  const kind = (f.kind ?? (secret ? "secret" : "pii")).replace(/[^a-z0-9_]/gi, "_").toLowerCase();
  return `[${secret ? "SECRET" : "PII"}:${kind}]`;
}

/**
 * The replacements of one field. Not scoring's factors, on purpose: the allowlist (which silences a finding
 * for risk) does not keep a secret in storage, and nothing past the scoring cut or the finding cap escapes.
 * Only the detectors' own findings are shared, where they are exactly what this scan would find.
 */
function replacementsFor(text: string, mode: RedactionMode, scan: FieldScan | null | undefined): Replacement[] {
  if (mode === "off" || text.length === 0) return [];
  // Scoring already ran both detectors on the whole field when the field fits in its scan: those findings
  // are what findAll would compute, unless a detector hit its cap (findAll then splits the text).
  const whole = scan != null && scan.text === text;
  const secrets = whole && complete(scan.secrets, text) ? scan.secrets : collect(secretDetector, text);
  const pii = mode !== "secrets+pii" ? [] : whole && complete(scan.pii, text) ? scan.pii : collect(piiDetector, text);
  const picked = [...secrets.map((f) => ({ f, secret: true })), ...pii.map((f) => ({ f, secret: false }))].sort(
    (a, b) => a.f.start - b.f.start || b.f.end - a.f.end || Number(b.secret) - Number(a.secret),
  );
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
 * Replaces the secrets (and, in "secrets+pii" mode, personal data) of a record by typed placeholders,
 * after scoring: the score and factors are those of the original text, the spans point into the redacted
 * one, and no replaced value survives anywhere in the output.
 */
export function redactRecord(record: { prompt: string; response: string }, analysis: RiskAnalysis, mode: RedactionMode): RedactedRecord {
  const factors = analysis.result.factors;
  const scans = fieldScansOf(analysis);
  const byField: Record<RiskField, Replacement[]> = {
    prompt: replacementsFor(record.prompt, mode, scans?.prompt),
    response: replacementsFor(record.response, mode, scans?.response),
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
