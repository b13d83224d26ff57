import { audit } from "./audit.js";
import { login, logout, whoami } from "./auth.js";
import { config } from "./config.js";
import { env } from "./env-export.js";
import { projects, use } from "./projects.js";
import { secrets } from "./secrets.js";
import type { CommandSpec } from "./types.js";

/** Every command, in the order `llmguard --help` lists them. */
export const COMMANDS: CommandSpec[] = [login, logout, whoami, projects, use, config, secrets, env, audit];

/** Every option spec in the tree (to find the command words before the command is known). */
export function allOptionSpecs(commands: CommandSpec[] = COMMANDS): NonNullable<CommandSpec["options"]>[] {
  return commands.flatMap((c) => [...(c.options ? [c.options] : []), ...allOptionSpecs(c.subcommands ?? [])]);
}
