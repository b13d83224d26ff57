import { expectPositionals, stringOpt } from "../args.js";
import type { DeliveredConfig, EffectiveConfig } from "../api-types.js";
import type { Context } from "../context.js";
import { checkPrefix, EXPORT_FORMATS, renderEnv, toEnvVariables, type ExportFormat } from "../dotenv.js";
import { CliError, EXIT, usageError } from "../errors.js";
import { seg } from "../http.js";
import { environmentOption, type CommandSpec } from "./types.js";

const SECRET_REF = /\{\{\s*secret:/;

/** The resolved values: with an API key (CI/CD) from the delivery endpoint, else as the logged-in user. */
async function resolvedValues(ctx: Context, environment: string, apiKey: string | undefined, withSecrets: boolean): Promise<{ values: Record<string, unknown>; version: number }> {
  if (apiKey) {
    const d = await ctx.keyApi(apiKey).call<DeliveredConfig>("GET", "/api/v1/config", { auth: "apiKey", query: { environment } });
    if (!d.secrets && JSON.stringify(d.values).match(SECRET_REF)) {
      ctx.out.warn("This API key has no secrets:read scope: {{ secret:NAME }} references are exported as written.");
    }
    return d;
  }
  const path = `/api/v1/projects/${seg(ctx.projectId())}/config/${seg(environment)}`;
  const eff = await ctx.userApi().call<EffectiveConfig>("GET", path, { auth: "user", query: withSecrets ? { resolveSecrets: true } : {} });
  if (eff.values === null) {
    throw new CliError(`The ${environment} config cannot be resolved`, { exitCode: EXIT.REJECTED, code: "CONFIG_UNRESOLVABLE", details: { issues: eff.issues } });
  }
  return { values: eff.values, version: eff.version };
}

export const envExport: CommandSpec = {
  name: "export",
  summary: "Print an environment's resolved config as dotenv, shell or JSON (for CI/CD)",
  usage: "[-e <environment>] [--format dotenv|shell|json] [--prefix <PREFIX_>] [--api-key <key>]",
  description: [
    "With an API key (--api-key or LLMGUARD_API_KEY; scopes config:read and secrets:read) no login is needed:",
    "this is the CI/CD path. Without one, the logged-in user's session is used; resolving secrets then needs",
    "the admin role (--no-secrets leaves {{ secret:NAME }} as written instead).",
    "",
    "Names: each key is upper-cased and every run of characters other than letters and digits becomes one",
    "`_`, after --prefix: llm.model → LLM_MODEL, openai.apiKey → OPENAI_APIKEY, db-url → DB_URL.",
    "Two keys that give the same name (llm.model and llm_model) fail with exit 5 instead of dropping one.",
    "Values: strings as they are; numbers, booleans, objects and arrays as JSON.",
    "",
    "Formats:",
    '  dotenv  KEY="value" with \\ " and line breaks escaped (\\\\ \\" \\n \\r)',
    "  shell   export KEY='value' with ' written as '\\'' (for `eval` or `source`)",
    "  json    one object of names to string values (the same as --json)",
    "The output holds secret values: write it to a private file or straight into the next step.",
  ].join("\n"),
  options: {
    ...environmentOption("production"),
    format: { type: "string", short: "f", value: "format", description: "dotenv (default), shell or json" },
    prefix: { type: "string", value: "PREFIX_", description: "Put this before every name (letters, digits, _)" },
    "api-key": { type: "string", value: "key", description: "Project API key (default: $LLMGUARD_API_KEY)" },
    "no-secrets": { type: "boolean", description: "With a user session: do not resolve secrets" },
  },
  examples: [
    "LLMGUARD_API_KEY=lg_... llmguard env export -e production --format dotenv > .env",
    "eval \"$(llmguard env export -e staging --format shell --prefix APP_)\"",
    "llmguard env export -e production --format json | jq -r .LLM_MODEL",
  ],
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, 0, 0, "llmguard env export");
    const requested = stringOpt(values, "format");
    if (requested !== undefined && !(EXPORT_FORMATS as readonly string[]).includes(requested)) {
      throw usageError(`Unknown --format '${requested}'`, `Use one of: ${EXPORT_FORMATS.join(", ")}.`);
    }
    if (ctx.out.json && requested !== undefined && requested !== "json") throw usageError(`--json conflicts with --format ${requested}`);
    const format = (requested ?? (ctx.out.json ? "json" : "dotenv")) as ExportFormat;
    const prefix = checkPrefix(stringOpt(values, "prefix") ?? "");
    const environment = stringOpt(values, "environment") ?? "production";
    const apiKey = stringOpt(values, "api-key") ?? ctx.env.LLMGUARD_API_KEY;
    const { values: config, version } = await resolvedValues(ctx, environment, apiKey, values["no-secrets"] !== true);
    const vars = toEnvVariables(config, prefix);
    ctx.out.raw(renderEnv(vars, format));
    if (!ctx.out.json) ctx.out.note(`Exported ${vars.length} variables from ${environment} (version ${version}).`);
  },
};

export const env: CommandSpec = {
  name: "env",
  summary: "Export an environment's config for CI/CD pipelines",
  subcommands: [envExport],
};
