import { CliError, EXIT, usageError } from "./errors.js";

/**
 * `env export`: config keys become environment variable names and values become strings, then one of
 * three formats. Pure functions, so the mapping and the quoting are unit-tested on their own.
 */

export const EXPORT_FORMATS = ["dotenv", "shell", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `llm.model` → `LLM_MODEL`: uppercase, every run of characters other than A–Z and 0–9 becomes one `_`. */
export function toEnvName(key: string, prefix = ""): string {
  return prefix + key.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}

const PREFIX = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkPrefix(prefix: string): string {
  if (prefix !== "" && !PREFIX.test(prefix)) throw usageError(`--prefix must be letters, digits and '_', not starting with a digit (got '${prefix}')`);
  return prefix;
}

/** Strings as they are; numbers, booleans, objects and arrays as JSON. */
export function toEnvValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The variables for a config, sorted by name. Two keys that map to one name (`llm.model` and `llm_model`)
 * would silently drop one value, so that fails with exit 5 naming both.
 */
export function toEnvVariables(values: Record<string, unknown>, prefix = ""): [string, string][] {
  const byName = new Map<string, { key: string; value: string }>();
  const collisions: { name: string; keys: string[] }[] = [];
  for (const key of Object.keys(values).sort()) {
    const name = toEnvName(key, prefix);
    const seen = byName.get(name);
    if (seen) {
      const c = collisions.find((x) => x.name === name);
      if (c) c.keys.push(key);
      else collisions.push({ name, keys: [seen.key, key] });
      continue;
    }
    byName.set(name, { key, value: toEnvValue(values[key]) });
  }
  if (collisions.length > 0) {
    const list = collisions.map((c) => `${c.name} ← ${c.keys.join(", ")}`).join("; ");
    throw new CliError(`Config keys collide as environment variable names: ${list}`, {
      exitCode: EXIT.REJECTED,
      code: "ENV_NAME_COLLISION",
      details: { collisions },
      hint: "Rename one of the keys, or export with --format json of the raw config (`llmguard config get --json`).",
    });
  }
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, v]) => [name, v.value]);
}

/** dotenv double-quoted: `\` `"` and line breaks escaped (`\n`, `\r`), as dotenv, python-dotenv and Compose read them. */
export function quoteDotenv(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r")}"`;
}

/** POSIX shell single quotes: everything literal; a `'` closes, adds an escaped quote and reopens. */
export function quoteShell(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

export function renderEnv(vars: [string, string][], format: ExportFormat): string {
  if (format === "json") return `${JSON.stringify(Object.fromEntries(vars), null, 2)}\n`;
  const line = format === "dotenv" ? ([n, v]: [string, string]) => `${n}=${quoteDotenv(v)}` : ([n, v]: [string, string]) => `export ${n}=${quoteShell(v)}`;
  return vars.map((v) => `${line(v)}\n`).join("");
}
