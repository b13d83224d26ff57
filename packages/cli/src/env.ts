import { isAbsolute } from "node:path";
import { CliError, EXIT } from "./errors.js";

/**
 * The one place the CLI reads the process environment, and where what it reads is checked. bin.ts passes
 * `processEnv()` to run() (tests pass their own); before a command runs, `readEnv` validates every
 * variable below and reports all problems at once, each named, so a typo in CI fails with a message
 * instead of a confusing answer from the server later. Hand-written: the CLI has no runtime dependencies.
 * An empty variable counts as unset. Values of secrets (token, API key, password) are never echoed.
 */

/** The variables the CLI reads, after validation (undefined: unset, empty, or ignored). */
export interface CliEnv {
  /** An http(s) URL, without trailing slashes. */
  readonly LLMGUARD_URL?: string;
  /** A project id (UUID). */
  readonly LLMGUARD_PROJECT?: string;
  readonly LLMGUARD_TOKEN?: string;
  readonly LLMGUARD_API_KEY?: string;
  readonly LLMGUARD_EMAIL?: string;
  readonly LLMGUARD_PASSWORD?: string;
  /** An absolute path. */
  readonly LLMGUARD_CONFIG_DIR?: string;
  /** An absolute path; a relative one is ignored, as the XDG Base Directory spec says. */
  readonly XDG_CONFIG_HOME?: string;
  readonly HOME?: string;
  readonly NO_COLOR?: string;
}

type Parsed = { value: string | undefined } | { problem: string };
type EnvName = keyof CliEnv;

interface Variable {
  name: EnvName;
  /** The line in `llmguard --help`; variables without one are standard ones the CLI also honours. */
  help?: string;
  parse?: (value: string) => Parsed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Visible ASCII only: these go into HTTP headers, where a space or a line break would fail the request. */
const HEADER_TOKEN = /^[\x21-\x7e]+$/;

export const isUuid = (value: string) => UUID.test(value);

const quoted = (value: string) => `'${value.length > 80 ? `${value.slice(0, 79)}…` : value}'`;

function httpUrl(value: string): Parsed {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `must be an http(s) URL such as https://llmguard.example.com (got ${quoted(value)})` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { problem: `must be an http(s) URL (got ${quoted(value)})` };
  return { value: url.toString().replace(/\/+$/, "") };
}

const VARIABLES: readonly Variable[] = [
  { name: "LLMGUARD_URL", help: "server URL (like --url)", parse: httpUrl },
  {
    name: "LLMGUARD_PROJECT",
    help: "project id (like --project)",
    parse: (v) => (isUuid(v) ? { value: v } : { problem: `must be a project id, a UUID (got ${quoted(v)}); \`llmguard projects\` lists them` }),
  },
  {
    name: "LLMGUARD_TOKEN",
    help: "an access token to use instead of the saved session (CI)",
    parse: (v) => (HEADER_TOKEN.test(v) ? { value: v } : { problem: "must be one access token, without spaces, quotes or line breaks" }),
  },
  {
    name: "LLMGUARD_API_KEY",
    help: "project API key for `env export` (scopes config:read, secrets:read)",
    parse: (v) =>
      v.startsWith("lg_") && HEADER_TOKEN.test(v) ? { value: v } : { problem: "must be a project API key: lg_ followed by letters and digits, without spaces or line breaks" },
  },
  {
    name: "LLMGUARD_EMAIL",
    help: "e-mail for `login`",
    parse: (v) => (/^[^\s@]+@[^\s@]+$/.test(v.trim()) ? { value: v.trim() } : { problem: `must be an e-mail address (got ${quoted(v)})` }),
  },
  { name: "LLMGUARD_PASSWORD", help: "password for `login` (prefer --password-stdin)" },
  {
    name: "LLMGUARD_CONFIG_DIR",
    help: "where credentials.json is kept (default $XDG_CONFIG_HOME/llmguard or ~/.config/llmguard)",
    parse: (v) => (isAbsolute(v) ? { value: v } : { problem: `must be an absolute path (got ${quoted(v)})` }),
  },
  { name: "XDG_CONFIG_HOME", parse: (v) => ({ value: isAbsolute(v) ? v : undefined }) },
  { name: "HOME" },
  { name: "NO_COLOR", help: "no colors when set" },
];

/** The variables `llmguard --help` lists, with what each does. */
export const ENVIRONMENT_HELP: [string, string][] = VARIABLES.flatMap((v) => (v.help ? [[v.name, v.help] as [string, string]] : []));

/**
 * Checks the variables the CLI reads in `source` (process.env, or a test's own) and returns them
 * parsed; throws a usage error (exit 2) naming every invalid one.
 */
export function readEnv(source: Record<string, string | undefined>): CliEnv {
  const env: Partial<Record<EnvName, string>> = {};
  const issues: { path: string; message: string }[] = [];
  for (const v of VARIABLES) {
    const raw = source[v.name];
    if (raw === undefined || raw === "") continue;
    const parsed = v.parse ? v.parse(raw) : { value: raw };
    if ("problem" in parsed) issues.push({ path: v.name, message: parsed.problem });
    else if (parsed.value !== undefined) env[v.name] = parsed.value;
  }
  if (issues.length > 0) {
    const names = issues.map((i) => i.path).join(", ");
    throw new CliError(`Invalid environment variable${issues.length > 1 ? "s" : ""} ${names}`, {
      exitCode: EXIT.USAGE,
      code: "INVALID_ENVIRONMENT",
      details: { issues },
      hint: `Fix or unset ${issues.length > 1 ? "them" : "it"}; \`llmguard --help\` lists the variables the CLI reads.`,
    });
  }
  return env;
}

/** The process environment, unchecked: run() validates it with `readEnv` before a command runs. */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}
