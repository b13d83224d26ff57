/**
 * Text is made safe once, at the edge (ARCHITECTURE decision 13). PostgreSQL cannot store U+0000 in
 * text nor `\u0000` or unpaired surrogate escapes in jsonb, and LLM and tool output does contain them.
 * Every entry point (REST bodies, queries and path values, tRPC inputs, next-auth credentials, webhooks)
 * passes what it parsed through `safeJson`, which replaces each NUL and each lone UTF-16 surrogate with
 * U+FFFD (the Unicode replacement character) — in keys as well as values — so a record is kept, not
 * refused, and nothing the database would reject gets past the adapter. The group commit still isolates
 * a row the database refuses for any other reason.
 */
export const REPLACEMENT_CHARACTER = "\uFFFD";

/** True when `s` holds nothing the database refuses (the common case: no allocation). */
export function isSafeText(s: string): boolean {
  return s.isWellFormed() && !s.includes("\u0000");
}

/** `s` with NUL and lone surrogates replaced by U+FFFD; the same string when there are none. */
export function safeText(s: string): string {
  if (isSafeText(s)) return s;
  return s.toWellFormed().replaceAll("\u0000", REPLACEMENT_CHARACTER);
}

/**
 * Deepest nesting of objects and arrays an entry point accepts. Services walk values recursively
 * (JSON.stringify for size checks, template resolution), and thousands of levels would overflow the
 * stack: such input is refused here with a 400, once, instead of failing deep inside as a 500.
 */
export const MAX_JSON_DEPTH = 64;

export class JsonTooDeepError extends Error {
  constructor() {
    super(`JSON is nested deeper than ${MAX_JSON_DEPTH} levels`);
    this.name = "JsonTooDeepError";
  }
}

/**
 * A parsed JSON value with every string (and object key) made safe. Values without such characters
 * come back as the same objects, so the ingest path pays one scan per string and no copies. Nesting
 * deeper than MAX_JSON_DEPTH throws JsonTooDeepError (the adapters answer VALIDATION_FAILED).
 */
export function safeJson<T>(value: T, depth = 0): T {
  if (typeof value === "string") return safeText(value) as T;
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_JSON_DEPTH) throw new JsonTooDeepError();
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i] as unknown;
      const s = safeJson(v, depth + 1);
      if (s !== v) (out ??= value.slice())[i] = s;
    }
    return (out ?? value) as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value; // Dates, Buffers: not JSON text
  let out: Record<string, unknown> | undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries) {
    const sk = safeText(k);
    const sv = safeJson(v, depth + 1);
    if (sk !== k || sv !== v) {
      out ??= { ...(value as Record<string, unknown>) };
      if (sk !== k) delete out[k];
      out[sk] = sv;
    }
  }
  return (out ?? value) as T;
}
