/**
 * How the config editor turns text into a value and back. A value is JSON: what the user types is
 * sent typed when it parses as JSON (42, true, ["a"], {"a":1}, "quoted"), otherwise as the string it
 * is; "Treat as text" sends it as a string regardless.
 */

export type ParsedValue = { ok: true; value: unknown; kind: ValueKind } | { ok: false; message: string };
export type ValueKind = "string" | "number" | "boolean" | "array" | "object";

export function kindOf(value: unknown): ValueKind {
  if (Array.isArray(value)) return "array";
  if (value !== null && typeof value === "object") return "object";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  return "string";
}

export function parseEditorText(text: string, forceString: boolean): ParsedValue {
  if (forceString) return { ok: true, value: text, kind: "string" };
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: text, kind: "string" };
  try {
    const value: unknown = JSON.parse(trimmed);
    if (value === null) return { ok: false, message: "null is not a value: use “Remove” to delete a key, or tick “Treat as text” to store the word null." };
    return { ok: true, value, kind: kindOf(value) };
  } catch {
    return { ok: true, value: text, kind: "string" };
  }
}

/** The editor text for a stored value, and whether it must be kept as text to round-trip. */
export function toEditorText(value: unknown): { text: string; forceString: boolean } {
  if (typeof value === "string") {
    // Compare values, not kinds: the text "\"quoted\"" parses as a string too, but as a different one.
    const parsed = parseEditorText(value, false);
    return { text: value, forceString: !parsed.ok || parsed.value !== value };
  }
  return { text: JSON.stringify(value, null, 2) ?? "", forceString: false };
}

/** Strings as they are, everything else as pretty-printed JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value, null, 2) ?? String(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
