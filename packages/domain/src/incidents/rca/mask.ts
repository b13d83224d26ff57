import { scoreRisk } from "../../risk";

/**
 * Masking for root-cause analysis (issue 9): what leaves the server for OpenAI never carries a secret or
 * PII value the risk detectors find. Pure and synchronous.
 */

export const MASK = { secret: "[REDACTED:secret]", pii: "[REDACTED:pii]" } as const;

/** Rescans after masking when a detector hit its span cap, so a text with many findings is still masked whole. */
const MAX_MASK_ROUNDS = 5;

interface Span {
  start: number;
  end: number;
  kind: keyof typeof MASK;
}

function findSpans(text: string): { spans: Span[]; capped: boolean } {
  const result = scoreRisk({ prompt: text, response: "", model: "", status: "success", totalTokens: 0 });
  const spans: Span[] = [];
  let capped = false;
  for (const f of result.factors) {
    if (f.type !== "secret" && f.type !== "pii") continue;
    const own = (f.spans ?? []).filter((s) => s.field === "prompt");
    // The detectors report at most 50 spans per factor: more may be left to find after masking these.
    if ((f.spans?.length ?? 0) >= 50) capped = true;
    for (const s of own) spans.push({ start: s.start, end: s.end, kind: f.type });
  }
  return { spans, capped };
}

function applyMasks(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  // Secrets win over PII where they overlap (the more specific finding); overlapping spans merge.
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (s.kind === "secret") last.kind = "secret";
    } else merged.push({ ...s });
  }
  let out = "";
  let at = 0;
  for (const s of merged) {
    out += text.slice(at, s.start) + MASK[s.kind];
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * Replaces every secret and PII span the risk detectors find in `text` by a marker. The whole text is
 * scanned before any truncation, so a secret that a cut would split is still found.
 */
export function maskText(text: string): string {
  let out = text;
  for (let round = 0; round < MAX_MASK_ROUNDS; round++) {
    const { spans, capped } = findSpans(out);
    out = applyMasks(out, spans);
    if (!capped) break;
  }
  return out;
}

/** The first `max` characters (never half a surrogate pair) with a marker of what was cut. */
export function truncate(text: string, max: number, cutBefore = 0): string {
  if (text.length <= max && cutBefore === 0) return text;
  let end = Math.min(max, text.length);
  const code = text.charCodeAt(end - 1);
  if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}… [${text.length - end + cutBefore} more characters]`;
}

/**
 * Scanned text per field before truncation: far more than any secret a kept character can belong to
 * (a PEM key is a few KB), far less than the 1M characters a stored prompt may have.
 */
const MASK_SCAN_PREFIX = 65_536;

/** Masked, then truncated. */
export function maskAndTruncate(text: string, max: number): string {
  const head = text.length > MASK_SCAN_PREFIX ? text.slice(0, MASK_SCAN_PREFIX) : text;
  return truncate(maskText(head), max, text.length - head.length);
}

/** Masks (and truncates) every string inside a JSON-like value; keys are kept as they are. */
export function maskDeep(value: unknown, maxString = 500, depth = 0): unknown {
  if (typeof value === "string") return maskAndTruncate(value, maxString);
  if (depth > 6) return "[nested too deep]";
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => maskDeep(v, maxString, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value).slice(0, 100)) out[k] = maskDeep(v, maxString, depth + 1);
    return out;
  }
  return value;
}

/**
 * End-user ids that are themselves PII or secrets (an e-mail address as the id) go to OpenAI as
 * `END_USER_<n>` aliases; the answer's actions and texts are mapped back, so a recommended rate limit
 * still names the real end user.
 */
export class EndUserAliases {
  private readonly toAlias = new Map<string, string>();
  private readonly toId = new Map<string, string>();

  constructor(ids: Iterable<string | null | undefined>) {
    for (const id of ids) {
      if (!id || this.toAlias.has(id) || maskText(id) === id) continue;
      const alias = `END_USER_${this.toAlias.size + 1}`;
      this.toAlias.set(id, alias);
      this.toId.set(alias, id);
    }
  }

  get size(): number {
    return this.toAlias.size;
  }

  /** The id as OpenAI sees it. */
  alias(id: string | null): string | null {
    return id === null ? null : (this.toAlias.get(id) ?? id);
  }

  /** Replaces aliased ids inside free text (longest first, so one id inside another is not half-replaced). */
  hide(text: string): string {
    let out = text;
    for (const [id, alias] of [...this.toAlias].sort((a, b) => b[0].length - a[0].length)) out = out.split(id).join(alias);
    return out;
  }

  /** The real id for an alias (or the value unchanged). */
  reveal(value: string): string {
    return this.toId.get(value) ?? value;
  }

  /** Aliases inside free text back to the real ids. */
  revealText(text: string): string {
    // Highest number first: END_USER_12 must not be read as END_USER_1 followed by "2".
    let out = text;
    for (const [alias, id] of [...this.toId].sort((a, b) => b[0].length - a[0].length || b[0].localeCompare(a[0]))) out = out.split(alias).join(id);
    return out;
  }
}
