import { expectPositionals, stringOpt, type OptionSpecs, type ParsedArgs } from "../args.js";
import type { RevealedSecret, SecretMetadata } from "../api-types.js";
import type { Context } from "../context.js";
import { usageError } from "../errors.js";
import { seg } from "../http.js";
import { when } from "../output.js";
import { stripFinalNewline } from "../prompt.js";
import { parseIntArg, parseNumberArg } from "../values.js";
import type { CommandSpec } from "./types.js";

const secretsPath = (ctx: Context, name = "", rest = "") => `/api/v1/projects/${seg(ctx.projectId())}/secrets${name ? `/${seg(name)}` : ""}${rest}`;

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
function secretName(positionals: string[], usage: string): string {
  expectPositionals(positionals, 1, 1, usage);
  const name = positionals[0]!;
  if (!NAME.test(name)) throw usageError(`'${name}' is not a secret name: 1–128 letters, digits, '.', '-' or '_', starting with a letter or '_'`);
  return name;
}

const valueOptions: OptionSpecs = {
  "value-stdin": { type: "boolean", description: "Read the value from stdin (one trailing newline is removed)" },
  value: { type: "string", value: "text", description: "The value on the command line (it lands in your shell history: prefer --value-stdin)" },
};

/** The new value: stdin, --value (with a warning), or a hidden prompt on a terminal. Never echoed. */
async function readValue(ctx: Context, { values }: ParsedArgs, name: string): Promise<string> {
  const inline = stringOpt(values, "value");
  if (values["value-stdin"] && inline !== undefined) throw usageError("Pass either --value-stdin or --value, not both");
  if (values["value-stdin"]) {
    const v = stripFinalNewline(await ctx.input.readAll());
    if (!v) throw usageError("--value-stdin: stdin was empty");
    return v;
  }
  if (inline !== undefined) {
    ctx.out.warn("--value puts the secret in your shell history and the process list; prefer --value-stdin.");
    if (!inline) throw usageError("--value is empty");
    return inline;
  }
  if (ctx.input.isTTY) {
    const v = await ctx.input.secret(`Value for ${name} (hidden): `);
    if (v) return v;
  }
  throw usageError("No value", `Pipe it in: printf %s "$VALUE" | llmguard secrets ${ctx.commandName.endsWith("rotate") ? "rotate" : "set"} ${name} --value-stdin`);
}

function rotationText(s: SecretMetadata): string {
  if (!s.rotationDays) return "none";
  const due = s.rotationDueAt ? when(s.rotationDueAt) : "—";
  return `every ${s.rotationDays}d, ${s.overdue ? `OVERDUE since ${due}` : `due ${due}`}`;
}

function graceText(s: SecretMetadata): string {
  return s.inGracePeriod && s.previousExpiresAt ? `v${s.previousVersion} valid until ${when(s.previousExpiresAt)}` : "—";
}

const set: CommandSpec = {
  name: "set",
  summary: "Create a secret or replace its value at once",
  usage: "<NAME> [--value-stdin | --value <text>] [--rotation-days <n> | --no-rotation]",
  description: [
    "The value comes from stdin with --value-stdin, else from a hidden prompt on a terminal. Replacing a value",
    "this way ends the old one immediately; use `secrets rotate` for a grace period. Reference it in config",
    "as {{ secret:NAME }}.",
  ].join("\n"),
  options: {
    ...valueOptions,
    "rotation-days": { type: "string", value: "n", description: "Rotation policy: due every n days (1–3650)" },
    "no-rotation": { type: "boolean", description: "Remove the rotation policy" },
    description: { type: "string", value: "text", description: "What the secret is for" },
  },
  examples: ["printf %s \"$OPENAI_API_KEY\" | llmguard secrets set OPENAI_API_KEY --value-stdin --rotation-days 90", "llmguard secrets set DB_PASSWORD   # asks for the value"],
  async run(ctx, args) {
    const name = secretName(args.positionals, "llmguard secrets set <NAME>");
    const days = stringOpt(args.values, "rotation-days");
    if (days !== undefined && args.values["no-rotation"]) throw usageError("Pass either --rotation-days or --no-rotation, not both");
    const rotationDays = days !== undefined ? parseIntArg("--rotation-days", days, { min: 1, max: 3650 }) : args.values["no-rotation"] ? null : undefined;
    const description = stringOpt(args.values, "description");
    const value = await readValue(ctx, args, name);
    const meta = await ctx.userApi().call<SecretMetadata>("PUT", secretsPath(ctx, name), {
      auth: "user",
      body: { value, ...(rotationDays !== undefined ? { rotationDays } : {}), ...(description !== undefined ? { description } : {}) },
    });
    if (ctx.out.json) return ctx.out.data(meta);
    ctx.out.line(`Saved secret ${meta.name} (version ${meta.version}; rotation: ${rotationText(meta)}).`);
  },
};

const list: CommandSpec = {
  name: "list",
  summary: "List secrets: version, rotation due or overdue, grace period, where config uses them (never values)",
  async run(ctx, { positionals }) {
    expectPositionals(positionals, 0, 0, "llmguard secrets list");
    const { secrets } = await ctx.userApi().call<{ secrets: SecretMetadata[] }>("GET", secretsPath(ctx), { auth: "user" });
    if (ctx.out.json) return ctx.out.data({ secrets });
    if (secrets.length === 0) return ctx.out.line("No secrets yet. Add one with `llmguard secrets set NAME --value-stdin`.");
    ctx.out.table(
      ["NAME", "VERSION", "ROTATION", "PREVIOUS VALUE", "USED BY"],
      secrets.map((s) => [
        s.name,
        String(s.version),
        s.overdue ? ctx.out.style("red", rotationText(s)) : rotationText(s),
        graceText(s),
        s.references.map((r) => `${r.environment}:${r.key}`).join(", ") || "—",
      ]),
    );
  },
};

const reveal: CommandSpec = {
  name: "reveal",
  summary: "Print a secret's value (recorded in the audit log)",
  usage: "<NAME> [--previous]",
  description: "When stdout is not a terminal only the value is written, with no newline, so `$(llmguard secrets reveal NAME)` works.",
  options: { previous: { type: "boolean", description: "The previous value, while its grace period lasts" } },
  examples: ["export DB_PASSWORD=\"$(llmguard secrets reveal DB_PASSWORD)\""],
  async run(ctx, { values, positionals }) {
    const name = secretName(positionals, "llmguard secrets reveal <NAME>");
    const s = await ctx.userApi().call<RevealedSecret>("POST", secretsPath(ctx, name, "/reveal"), { auth: "user" });
    if (ctx.out.json) return ctx.out.data(s);
    if (values.previous && !s.previous) throw usageError(`${name} has no previous value in a grace period`);
    const value = values.previous ? s.previous!.value : s.value;
    if (!ctx.out.stdoutIsTTY) return ctx.out.raw(value);
    ctx.out.line(value);
    if (s.previous && !values.previous) ctx.out.note(`(version ${s.version}; previous version ${s.previous.version} valid until ${when(s.previous.expiresAt)}: --previous shows it)`);
  },
};

const rotate: CommandSpec = {
  name: "rotate",
  summary: "Give a secret a new value; the previous one keeps working for a grace period",
  usage: "<NAME> [--grace-hours <h>] [--value-stdin | --value <text>]",
  description: "Applications reading config with secrets get the previous value as `previous` until the grace period ends.",
  options: { ...valueOptions, "grace-hours": { type: "string", value: "h", description: "Hours the previous value stays valid (0–720, default 24)" } },
  examples: ["printf %s \"$NEW_KEY\" | llmguard secrets rotate OPENAI_API_KEY --grace-hours 24 --value-stdin"],
  async run(ctx, args) {
    const name = secretName(args.positionals, "llmguard secrets rotate <NAME>");
    const grace = parseNumberArg("--grace-hours", stringOpt(args.values, "grace-hours") ?? "24", { min: 0, max: 720 });
    const value = await readValue(ctx, args, name);
    const meta = await ctx.userApi().call<SecretMetadata>("POST", secretsPath(ctx, name, "/rotate"), { auth: "user", body: { value, gracePeriodHours: grace } });
    if (ctx.out.json) return ctx.out.data(meta);
    ctx.out.line(`Rotated ${meta.name} to version ${meta.version}.`);
    if (meta.inGracePeriod && meta.previousExpiresAt) ctx.out.line(`Version ${meta.previousVersion} stays valid until ${when(meta.previousExpiresAt)}.`);
  },
};

const remove: CommandSpec = {
  name: "delete",
  summary: "Delete a secret (refused while config references it)",
  usage: "<NAME> [--yes]",
  description: "Asks for confirmation on a terminal; elsewhere --yes is required.",
  options: { yes: { type: "boolean", short: "y", description: "Do not ask" } },
  async run(ctx, { values, positionals }) {
    const name = secretName(positionals, "llmguard secrets delete <NAME>");
    if (!values.yes) {
      if (!ctx.input.isTTY) throw usageError(`Deleting ${name} needs --yes when stdin is not a terminal`);
      const answer = (await ctx.input.question(`Delete secret ${name}? This cannot be undone. [y/N] `))?.trim().toLowerCase();
      if (answer !== "y" && answer !== "yes") return ctx.out.line("Not deleted.");
    }
    await ctx.userApi().call("DELETE", secretsPath(ctx, name), { auth: "user" });
    if (ctx.out.json) return ctx.out.data({ ok: true, name });
    ctx.out.line(`Deleted secret ${name}.`);
  },
};

export const secrets: CommandSpec = {
  name: "secrets",
  summary: "Manage encrypted secrets (set, list, reveal, rotate, delete)",
  description: "Secret values are never printed except by `secrets reveal` and `env export`.",
  subcommands: [set, list, reveal, rotate, remove],
};
