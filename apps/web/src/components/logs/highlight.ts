/** A character range of a text to mark, with what to say about it. Offsets are UTF-16 indices, end exclusive. */
export interface MarkSpan {
  start: number;
  end: number;
  label: string;
}

/** A run of text and the labels of every span covering all of it (none: plain text). */
export interface Segment {
  text: string;
  labels: string[];
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Moves an offset that falls inside a surrogate pair to its edge, so no emoji is cut in two. */
function snap(text: string, i: number, direction: -1 | 1): number {
  if (i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i))) return i + direction;
  return i;
}

/**
 * Splits `text` into runs by the spans that cover them. Spans may arrive unsorted, overlapping, nested,
 * out of range or malformed (the scorer's output is stored JSON): bad ones are dropped, the rest are
 * clamped to the text, and where spans overlap the run carries every label.
 */
export function segmentText(text: string, spans: readonly MarkSpan[]): Segment[] {
  const len = text.length;
  const valid: MarkSpan[] = [];
  for (const s of spans) {
    if (!Number.isFinite(s.start) || !Number.isFinite(s.end)) continue;
    const start = snap(text, Math.min(Math.max(Math.floor(s.start), 0), len), -1);
    const end = snap(text, Math.min(Math.max(Math.ceil(s.end), 0), len), 1);
    if (end > start) valid.push({ start, end, label: s.label });
  }
  if (valid.length === 0) return len > 0 ? [{ text, labels: [] }] : [];

  const cuts = [...new Set([0, len, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const labels = [...new Set(valid.filter((s) => s.start <= from && s.end >= to).map((s) => s.label))];
    const prev = out[out.length - 1];
    if (prev && prev.labels.length === labels.length && prev.labels.every((l, j) => l === labels[j])) prev.text += text.slice(from, to);
    else out.push({ text: text.slice(from, to), labels });
  }
  return out;
}
