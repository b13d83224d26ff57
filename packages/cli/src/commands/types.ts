import type { OptionSpecs, ParsedArgs } from "../args.js";
import type { Context } from "../context.js";

/** One command or command group: its help text, its options and what it does. */
export interface CommandSpec {
  name: string;
  /** One line, shown in lists. */
  summary: string;
  /** What follows the command name in the usage line, e.g. `<key=value>... [options]`. */
  usage?: string;
  description?: string;
  options?: OptionSpecs;
  examples?: string[];
  subcommands?: CommandSpec[];
  /** Returns the exit code (0 when nothing is returned). */
  run?: (ctx: Context, args: ParsedArgs) => Promise<number | void>;
}

export const environmentOption = (defaultText: string): OptionSpecs => ({
  environment: { type: "string", short: "e", value: "name", description: `Environment: base, development, staging, production or a custom one (default: ${defaultText})` },
});
