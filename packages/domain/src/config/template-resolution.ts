/**
 * Config templates (pure, no I/O). Inside any string value:
 *
 *   {{ key }}              the resolved value of another key of the same effective config
 *   {{ key | default }}    ... or `default` when the key is not set
 *   {{ secret:NAME }}      the value of a secret, only for callers allowed to read it
 *   \{{                    a literal "{{" (for prompts that carry their own {{placeholders}})
 *
 * A string that is exactly one reference takes the referenced value with its type (a number stays a
 * number; a default that parses as a JSON number or boolean is one). References inside longer text are
 * interpolated as text. Cycles, missing references, missing secrets and malformed templates are all
 * reported, and then nothing is resolved: the result is all or nothing.
 */

export type TemplateIssueCode = "CYCLE" | "MISSING_REFERENCE" | "MISSING_SECRET" | "INVALID_TEMPLATE";

export interface TemplateIssue {
  key: string;
  code: TemplateIssueCode;
  message: string;
}

/** How a secret reference resolves for this caller. */
export type SecretLookup = (name: string) => { kind: "value"; value: string } | { kind: "hidden" } | { kind: "missing" };

export type ResolveResult =
  | { ok: true; values: Record<string, unknown>; secretRefs: Map<string, Set<string>>; secretNames: Set<string> }
  | { ok: false; issues: TemplateIssue[]; secretRefs: Map<string, Set<string>>; secretNames: Set<string> };

type Token =
  | { kind: "text"; text: string }
  | { kind: "ref"; name: string; fallback?: string }
  | { kind: "secret"; name: string };

const REF = /^\s*(secret:)?\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:\|([\s\S]*))?$/;

/** Splits a string into text and references; `null` when it holds no template at all. */
export function parseTemplate(s: string): Token[] | null | { error: string } {
  if (!s.includes("{{")) return null;
  const tokens: Token[] = [];
  let text = "";
  let i = 0;
  let templated = false;
  while (i < s.length) {
    const open = s.indexOf("{{", i);
    if (open === -1) {
      text += s.slice(i);
      break;
    }
    if (open > 0 && s[open - 1] === "\\") {
      text += s.slice(i, open - 1) + "{{";
      i = open + 2;
      templated = true;
      continue;
    }
    const close = s.indexOf("}}", open + 2);
    if (close === -1) return { error: `"{{" at character ${open + 1} is never closed with "}}" (write \\{{ for a literal "{{")` };
    const inner = s.slice(open + 2, close);
    const m = REF.exec(inner);
    if (!m) return { error: `"{{${inner}}}" is not a reference: use {{ key }}, {{ key | default }} or {{ secret:NAME }} (write \\{{ for a literal "{{")` };
    text += s.slice(i, open);
    if (text) tokens.push({ kind: "text", text });
    text = "";
    templated = true;
    const [, secret, name, fallback] = m;
    if (secret) {
      if (fallback !== undefined) return { error: `{{ secret:${name} }} cannot have a default: a missing secret must be created, not papered over` };
      tokens.push({ kind: "secret", name: name! });
    } else {
      tokens.push({ kind: "ref", name: name!, ...(fallback !== undefined ? { fallback: unquote(fallback.trim()) } : {}) });
    }
    i = close + 2;
  }
  if (text) tokens.push({ kind: "text", text });
  return templated ? tokens : null;
}

function unquote(s: string): string {
  if (s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")))) return s.slice(1, -1);
  return s;
}

/** A whole-string default keeps JSON numbers and booleans typed; anything else is text. */
function typedDefault(s: string): unknown {
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s)) return Number(s);
  if (s === "true") return true;
  if (s === "false") return false;
  return s;
}

function asText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

const FAIL = Symbol("fail");
type Resolved = unknown | typeof FAIL;

/** Resolves every key of an effective config. Pure: the same input always gives the same answer. */
export function resolveConfigValues(values: Record<string, unknown>, lookupSecret: SecretLookup): ResolveResult {
  const state = new Map<string, "visiting" | "done" | "failed">();
  const out: Record<string, unknown> = {};
  const issues: TemplateIssue[] = [];
  const secretRefs = new Map<string, Set<string>>();
  const secretNames = new Set<string>();
  const stack: string[] = [];
  const has = (k: string) => Object.prototype.hasOwnProperty.call(values, k);

  const resolveKey = (key: string): Resolved => {
    const st = state.get(key);
    if (st === "done") return out[key];
    if (st === "failed") return FAIL;
    if (st === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(key)), key];
      issues.push({ key, code: "CYCLE", message: `Reference cycle: ${cycle.join(" → ")}` });
      for (const k of cycle) state.set(k, "failed");
      return FAIL;
    }
    state.set(key, "visiting");
    stack.push(key);
    const v = resolveValue(values[key], key);
    stack.pop();
    if (state.get(key) === "failed" || v === FAIL) {
      state.set(key, "failed");
      return FAIL;
    }
    state.set(key, "done");
    out[key] = v;
    return v;
  };

  const resolveValue = (v: unknown, owner: string): Resolved => {
    if (typeof v === "string") return resolveString(v, owner);
    if (Array.isArray(v)) {
      const arr: unknown[] = [];
      for (const item of v) {
        const r = resolveValue(item, owner);
        if (r === FAIL) return FAIL;
        arr.push(r);
      }
      return arr;
    }
    if (v && typeof v === "object") {
      const obj: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const r = resolveValue(item, owner);
        if (r === FAIL) return FAIL;
        obj[k] = r;
      }
      return obj;
    }
    return v;
  };

  const resolveString = (s: string, owner: string): Resolved => {
    const parsed = parseTemplate(s);
    if (parsed === null) return s;
    if ("error" in parsed) {
      issues.push({ key: owner, code: "INVALID_TEMPLATE", message: `${owner}: ${parsed.error}` });
      return FAIL;
    }
    const whole = parsed.length === 1 && parsed[0]!.kind !== "text";
    const parts: unknown[] = [];
    let failed = false;
    for (const t of parsed) {
      if (t.kind === "text") {
        parts.push(t.text);
      } else if (t.kind === "ref") {
        if (!has(t.name)) {
          if (t.fallback !== undefined) parts.push(whole ? typedDefault(t.fallback) : t.fallback);
          else {
            issues.push({ key: owner, code: "MISSING_REFERENCE", message: `${owner} references {{ ${t.name} }}, which is not set (add a default with {{ ${t.name} | value }}, or write \\{{ for a literal "{{")` });
            failed = true;
          }
          continue;
        }
        const r = resolveKey(t.name);
        if (r === FAIL) failed = true;
        else parts.push(r);
      } else {
        let refs = secretRefs.get(owner);
        if (!refs) secretRefs.set(owner, (refs = new Set()));
        refs.add(t.name);
        secretNames.add(t.name);
        const found = lookupSecret(t.name);
        if (found.kind === "missing") {
          issues.push({ key: owner, code: "MISSING_SECRET", message: `${owner} references {{ secret:${t.name} }}, and there is no secret named ${t.name}` });
          failed = true;
        } else parts.push(found.kind === "value" ? found.value : `{{ secret:${t.name} }}`);
      }
    }
    if (failed) return FAIL;
    return whole ? parts[0] : parts.map(asText).join("");
  };

  for (const key of Object.keys(values).sort()) resolveKey(key);
  if (issues.length > 0) return { ok: false, issues, secretRefs, secretNames };
  return { ok: true, values: out, secretRefs, secretNames };
}

/** Secret names a value references directly (for "where is this secret used"). */
export function secretReferences(v: unknown, into = new Set<string>()): Set<string> {
  if (typeof v === "string") {
    const parsed = parseTemplate(v);
    if (parsed && !("error" in parsed)) for (const t of parsed) if (t.kind === "secret") into.add(t.name);
  } else if (Array.isArray(v)) for (const item of v) secretReferences(item, into);
  else if (v && typeof v === "object") for (const item of Object.values(v)) secretReferences(item, into);
  return into;
}

/** Secret references stay as written; a reference to a secret that does not exist is an issue. */
export function hiddenSecrets(existing: ReadonlySet<string>): SecretLookup {
  return (n) => (existing.has(n) ? { kind: "hidden" } : { kind: "missing" });
}

/** Secret references resolve to these values; any other name is missing. */
export function revealedSecrets(values: ReadonlyMap<string, { value: string }>): SecretLookup {
  return (n) => {
    const s = values.get(n);
    return s ? { kind: "value", value: s.value } : { kind: "missing" };
  };
}

/** Every secret name a set of values references (what must be loaded before resolving with values). */
export function referencedSecretNames(values: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  for (const v of Object.values(values)) secretReferences(v, names);
  return names;
}
