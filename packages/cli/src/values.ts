import { usageError } from "./errors.js";

/**
 * `config set key=value`: a value is JSON when it parses as JSON (`0.2`, `true`, `{"a":1}`, `"quoted"`),
 * otherwise the text itself (`gpt-4o`). With `asString` it is always the text.
 */
export function parseConfigValue(text: string, opts: { asString?: boolean } = {}): unknown {
  if (opts.asString) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,199}$/;

export function checkConfigKey(key: string): string {
  if (!KEY.test(key)) throw usageError(`'${key}' is not a config key: 1–200 letters, digits, '.', '-' or '_', starting with a letter or '_'`);
  return key;
}

/**
 * `key=value` arguments (split at the first `=`) into values to send. `key=` and `key=null` are refused:
 * null deletes a key on the server, so deleting must be asked for with `--unset key`.
 */
export function parseAssignments(args: string[], opts: { asString?: boolean } = {}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of args) {
    const eq = arg.indexOf("=");
    if (eq <= 0) throw usageError(`Expected key=value, got '${arg}'`, "Example: llmguard config set llm.model=gpt-4o llm.temperature=0.2");
    const key = checkConfigKey(arg.slice(0, eq));
    const text = arg.slice(eq + 1);
    if (text === "") throw usageError(`No value for '${key}'`, `To delete the key use --unset ${key}; for an empty string write ${key}='""'.`);
    const value = parseConfigValue(text, opts);
    if (value === null) throw usageError(`'${key}=null' would delete the key`, `Use --unset ${key} to delete it, or ${key}='"null"' for the text null.`);
    if (Object.prototype.hasOwnProperty.call(values, key)) throw usageError(`'${key}' is given twice`);
    values[key] = value;
  }
  return values;
}

/** The content of `--file`: a JSON object of keys to values, where null deletes a key. */
export function parseValuesFile(text: string, source: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw usageError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw usageError(`${source} must hold a JSON object of keys to values, e.g. {"llm.model": "gpt-4o"}`);
  for (const key of Object.keys(parsed)) checkConfigKey(key);
  return parsed as Record<string, unknown>;
}

/** Positive integer option values (`--limit`, `--from`, versions). */
export function parseIntArg(name: string, text: string, opts: { min?: number; max?: number } = {}): number {
  const min = opts.min ?? 1;
  if (!/^-?\d+$/.test(text.trim())) throw usageError(`${name} must be a whole number, got '${text}'`);
  const n = Number(text);
  if (n < min || (opts.max !== undefined && n > opts.max)) throw usageError(`${name} must be ${opts.max === undefined ? `at least ${min}` : `${min}–${opts.max}`}, got ${n}`);
  return n;
}

/** Non-negative decimal (`--grace-hours 0.5`). */
export function parseNumberArg(name: string, text: string, opts: { min: number; max: number }): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) throw usageError(`${name} must be a number, got '${text}'`);
  if (n < opts.min || n > opts.max) throw usageError(`${name} must be ${opts.min}–${opts.max}, got ${n}`);
  return n;
}
