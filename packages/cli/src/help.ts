import { GLOBAL_OPTIONS, type OptionSpecs } from "./args.js";
import type { CommandSpec } from "./commands/types.js";
import { ENVIRONMENT_HELP } from "./env.js";
import { EXIT_CODE_HELP } from "./errors.js";
import { CLI_VERSION } from "./version.js";

/** Help text, built from the command specs so it cannot drift from what is parsed. */

function columns(rows: [string, string][], indent = "  "): string {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `${indent}${a.padEnd(width)}  ${b}`.trimEnd()).join("\n");
}

function optionRows(options: OptionSpecs): [string, string][] {
  return Object.entries(options).map(([name, o]) => [`${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` <${o.value ?? "value"}>` : ""}`, o.description]);
}

const exitCodes = () => columns(EXIT_CODE_HELP.map(([c, t]) => [String(c), t]));

export function rootHelp(commands: CommandSpec[]): string {
  const listed: [string, string][] = commands.map((c) => [c.subcommands ? `${c.name} ${c.subcommands.map((s) => s.name).join("|")}` : c.name, c.summary]);
  return [
    `llmguard ${CLI_VERSION}: the LLMGuard command line for config, secrets, CI/CD exports and the audit log`,
    "",
    "Usage: llmguard <command> [subcommand] [arguments] [options]",
    "",
    "Commands:",
    columns([...listed, ["help [command...]", "Show help for a command"]]),
    "",
    "Global options (accepted by every command):",
    columns(optionRows(GLOBAL_OPTIONS)),
    "",
    "Environment:",
    columns(ENVIRONMENT_HELP),
    "",
    "Exit codes:",
    exitCodes(),
    "",
    "Start with `llmguard login`, then `llmguard projects` and `llmguard use <id>`.",
    "Run `llmguard help <command>` (or `llmguard <command> --help`) for a command's options.",
    "",
  ].join("\n");
}

export function commandHelp(path: CommandSpec[]): string {
  const cmd = path[path.length - 1]!;
  const name = `llmguard ${path.map((c) => c.name).join(" ")}`;
  const parts = [`${name}: ${cmd.summary}`, ""];
  if (cmd.subcommands) {
    parts.push(`Usage: ${name} <command> [arguments] [options]`, "");
    if (cmd.description) parts.push(cmd.description, "");
    parts.push("Commands:", columns(cmd.subcommands.map((s) => [s.name, s.summary])), "");
    parts.push(`Run \`llmguard help ${path.map((c) => c.name).join(" ")} <command>\` for a command's options.`, "");
    return parts.join("\n");
  }
  parts.push(`Usage: ${name}${cmd.usage ? ` ${cmd.usage}` : ""} [options]`, "");
  if (cmd.description) parts.push(cmd.description, "");
  if (cmd.options && Object.keys(cmd.options).length > 0) parts.push("Options:", columns(optionRows(cmd.options)), "");
  parts.push("Global options:", columns(optionRows(GLOBAL_OPTIONS)), "");
  if (cmd.examples?.length) parts.push("Examples:", ...cmd.examples.map((e) => `  $ ${e}`), "");
  parts.push("Exit codes:", exitCodes(), "");
  return parts.join("\n");
}
