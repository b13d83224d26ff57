import { readFile } from "node:fs/promises";
import { expectPositionals, listOpt, stringOpt } from "../args.js";
import type { ConfigWriteResult } from "../api-types.js";
import type { Context } from "../context.js";
import { usageError } from "../errors.js";
import { cell } from "../output.js";
import { checkConfigKey, parseAssignments, parseIntArg, parseValuesFile } from "../values.js";
import { configPath } from "./config-path.js";
import { environmentOption, type CommandSpec } from "./types.js";

async function readValuesFile(ctx: Context, file: string): Promise<Record<string, unknown>> {
  if (file === "-") return parseValuesFile(await ctx.input.readAll(), "stdin");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw usageError(`Cannot read --file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseValuesFile(text, file);
}

function printWrite(ctx: Context, environment: string, res: ConfigWriteResult, verb: string): void {
  if (ctx.out.json) return ctx.out.data(res);
  if (!res.created) return ctx.out.line(`No change: ${environment} already has these values (version ${res.version}).`);
  ctx.out.line(`${verb} ${environment}: version ${res.version}${res.restoredFrom ? ` (restored from version ${res.restoredFrom})` : ""}`);
  for (const c of [...res.changes].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const before = c.before === null || c.before === undefined ? "(unset)" : cell(c.before, 80);
    const after = c.after === null || c.after === undefined ? "(unset)" : cell(c.after, 80);
    ctx.out.line(`  ${c.key}: ${before} → ${after}`);
  }
}

export const set: CommandSpec = {
  name: "set",
  summary: "Set config keys in one new version",
  usage: "<key=value>... [--unset <key>]... [--file <values.json>] [-e <environment>] [-m <message>]",
  description: [
    "Each value is read as JSON when it parses as JSON (0.2, true, {\"a\":1}, \"quoted\"), otherwise as text",
    "(gpt-4o); --string keeps every value as text. `key=` and `key=null` are refused: --unset <key> deletes the",
    "key from this environment (an override goes away and the base value shows through again).",
    "--file reads a JSON object of keys to values (null deletes; `-` reads stdin); key=value arguments win over it.",
    "Without -e the change goes to development, and the CLI says so: changing base or production needs -e.",
    "Templates such as {{ db.host }} and {{ secret:NAME }} are checked by the server: one that cannot be",
    "resolved is refused (exit 5) and nothing is stored.",
  ].join("\n"),
  options: {
    ...environmentOption("development"),
    message: { type: "string", short: "m", value: "text", description: "Why: stored with the version" },
    unset: { type: "string", multiple: true, value: "key", description: "Delete a key from this environment (repeatable)" },
    file: { type: "string", value: "path", description: "A JSON object of keys to values (`-`: stdin)" },
    string: { type: "boolean", description: "Keep every key=value value as text, never JSON" },
  },
  examples: [
    "llmguard config set llm.model=gpt-4o llm.temperature=0.2 -e staging -m 'cheaper model'",
    "llmguard config set 'feature.flags={\"search\":true}' -e production",
    "llmguard config set --unset llm.temperature -e production",
    "llmguard config set --file values.json -e staging",
  ],
  async run(ctx, { values, positionals }) {
    const given = stringOpt(values, "environment");
    const environment = given ?? "development";
    const file = stringOpt(values, "file");
    const toSet = { ...(file ? await readValuesFile(ctx, file) : {}), ...parseAssignments(positionals, { asString: values.string === true }) };
    for (const key of listOpt(values, "unset")) {
      checkConfigKey(key);
      if (positionals.some((p) => p.startsWith(`${key}=`))) throw usageError(`'${key}' is both set and unset`);
      toSet[key] = null;
    }
    if (Object.keys(toSet).length === 0) throw usageError("Nothing to set", "Usage: llmguard config set <key=value>... [--unset <key>] [-e <environment>]");
    if (!given) ctx.out.note(`environment: development (pass -e to choose another)`);
    const message = stringOpt(values, "message");
    const res = await ctx.userApi().call<ConfigWriteResult>("PUT", configPath(ctx, environment), { auth: "user", body: { values: toSet, ...(message ? { message } : {}) } });
    printWrite(ctx, environment, res, "Saved");
  },
};

export const restore: CommandSpec = {
  name: "restore",
  summary: "Restore an earlier version exactly, as a new version",
  usage: "<version> -e <environment> [-m <message>]",
  description: "History is never rewritten: the restore is itself a new version. -e is required, so a restore never lands in the wrong environment.",
  options: {
    ...environmentOption("none: required"),
    message: { type: "string", short: "m", value: "text", description: "Why: stored with the new version" },
  },
  examples: ["llmguard config history -e production", "llmguard config restore 41 -e production -m 'roll back the model change'"],
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, 1, 1, "llmguard config restore <version> -e <environment>");
    const version = parseIntArg("version", positionals[0]!);
    const environment = stringOpt(values, "environment");
    if (!environment) throw usageError("config restore needs -e <environment>", "See the versions with `llmguard config history -e <environment>`.");
    const message = stringOpt(values, "message");
    const res = await ctx.userApi().call<ConfigWriteResult>("POST", configPath(ctx, environment, "/restore"), { auth: "user", body: { version, ...(message ? { message } : {}) } });
    printWrite(ctx, environment, res, "Restored");
  },
};
