import { parseArgs } from "node:util";
import { usageError } from "./errors.js";

/** Argument parsing: node:util parseArgs (strict), with usage errors that say what to type instead. */

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** The placeholder in help: `--environment <name>`. */
  value?: string;
  description: string;
}
export type OptionSpecs = Record<string, OptionSpec>;

export type OptionValue = string | boolean | string[] | undefined;
export interface ParsedArgs {
  values: Record<string, OptionValue>;
  positionals: string[];
}

/** Accepted by every command (and before the command name). */
export const GLOBAL_OPTIONS: OptionSpecs = {
  url: { type: "string", value: "url", description: "LLMGuard server (default: $LLMGUARD_URL, else the URL saved at login, else http://localhost:3000)" },
  project: { type: "string", short: "p", value: "id", description: "Project id (default: $LLMGUARD_PROJECT, else the one chosen with `llmguard use`)" },
  json: { type: "boolean", description: "Machine-readable JSON on stdout (errors as the error envelope on stderr)" },
  "no-color": { type: "boolean", description: "No colors (also off when not a terminal or NO_COLOR is set)" },
  help: { type: "boolean", short: "h", description: "Show help for the command" },
  version: { type: "boolean", description: "Print the version" },
};

/** Edit distance, for "did you mean" hints. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest candidate within two edits (or one that starts with the input), if any. */
export function suggest(input: string, candidates: string[]): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = c.startsWith(input) && input.length >= 2 ? 0.5 : distance(input, c);
    if (d <= 2 && (!best || d < best.d)) best = { c, d };
  }
  return best?.c;
}

/** Options that take a value, by every spelling, so the command name can be found before the command is known. */
export function valueTakingFlags(specs: OptionSpecs[]): Set<string> {
  const flags = new Set<string>();
  for (const s of specs)
    for (const [name, o] of Object.entries(s))
      if (o.type === "string") {
        flags.add(`--${name}`);
        if (o.short) flags.add(`-${o.short}`);
      }
  return flags;
}

/**
 * Splits argv into the words that name the command (`config`, `set`) and everything else, without
 * parsing options yet: `llmguard --url http://x config -e staging set a=1` names `config set`.
 * `isGroup(words)` says whether the words so far name a command that has subcommands.
 */
export function splitCommandWords(argv: string[], valueFlags: Set<string>, isGroup: (words: string[]) => boolean): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (token.startsWith("-") && token.length > 1) {
      rest.push(token);
      if (!token.includes("=") && valueFlags.has(token) && i + 1 < argv.length) rest.push(argv[++i]!);
      continue;
    }
    if (isGroup(words)) words.push(token);
    else rest.push(token);
  }
  return { words, rest };
}

/** Parses a command's arguments strictly; unknown options and missing values are usage errors with a hint. */
export function parseCommandArgs(args: string[], options: OptionSpecs, commandName: string): ParsedArgs {
  const config = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  try {
    const { values, positionals } = parseArgs({ args, options: config, allowPositionals: true, strict: true });
    return { values: values as Record<string, OptionValue>, positionals };
  } catch (err) {
    const e = err as Error & { code?: string };
    const help = `Run \`${commandName} --help\` to see its options.`;
    if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const flag = /'([^']+)'/.exec(e.message)?.[1] ?? "?";
      const names = Object.keys(options).map((n) => `--${n}`);
      const close = flag.startsWith("--") ? suggest(flag.split("=")[0]!, names) : undefined;
      throw usageError(`Unknown option '${flag}' for \`${commandName}\``, close ? `Did you mean ${close}? ${help}` : help);
    }
    if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw usageError(e.message.replace(/\.$/, ""), help);
    throw usageError(e.message, help);
  }
}

export function stringOpt(values: ParsedArgs["values"], name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

export function listOpt(values: ParsedArgs["values"], name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

/** Checks the number of positional arguments. */
export function expectPositionals(positionals: string[], min: number, max: number, usage: string): void {
  if (positionals.length < min) throw usageError(`Missing argument: ${usage}`);
  if (positionals.length > max) throw usageError(`Unexpected argument '${positionals[max]}'`, `Usage: ${usage}`);
}
