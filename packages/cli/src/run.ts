import { Readable } from "node:stream";
import { GLOBAL_OPTIONS, parseCommandArgs, splitCommandWords, suggest, valueTakingFlags } from "./args.js";
import { allOptionSpecs, COMMANDS } from "./commands/registry.js";
import type { CommandSpec } from "./commands/types.js";
import { Context } from "./context.js";
import { CliError, EXIT, usageError } from "./errors.js";
import { commandHelp, rootHelp } from "./help.js";
import type { RunIo } from "./io.js";
import { Output } from "./output.js";
import { Input, type InStream } from "./prompt.js";
import { CLI_VERSION } from "./version.js";

export type { RunIo } from "./io.js";

const noStdin = (): InStream => Readable.from([]);

/** Finds the commands named by `words`; an unknown word is a usage error with the closest name. */
function resolve(words: string[], commands: CommandSpec[]): CommandSpec[] {
  const path: CommandSpec[] = [];
  let choices = commands;
  for (const word of words) {
    const found = choices.find((c) => c.name === word);
    if (!found) {
      const where = path.length ? `llmguard ${path.map((c) => c.name).join(" ")}` : "llmguard";
      const close = suggest(word, choices.map((c) => c.name));
      throw usageError(`Unknown command '${word}' for \`${where}\``, `${close ? `Did you mean '${close}'? ` : ""}Run \`${where} --help\` to see the commands.`);
    }
    path.push(found);
    choices = found.subcommands ?? [];
  }
  return path;
}

const wantsHelp = (rest: string[]) => {
  const end = rest.indexOf("--");
  return (end === -1 ? rest : rest.slice(0, end)).some((t) => t === "--help" || t === "-h");
};

/**
 * The whole CLI as a function: parses argv, runs one command, and returns the exit code (never calls
 * process.exit), so tests run it in-process with their own env, stdin and output streams.
 */
export async function run(argv: string[], io: RunIo): Promise<number> {
  const env = io.env ?? {};
  const out = new Output({ stdout: io.stdout, stderr: io.stderr, env, json: argv.includes("--json"), noColor: argv.includes("--no-color") });
  try {
    const flags = valueTakingFlags([GLOBAL_OPTIONS, ...allOptionSpecs()]);
    const isGroup = (words: string[]) => {
      if (words.length === 0) return true;
      if (words[0] === "help") return false;
      let choices: CommandSpec[] | undefined = COMMANDS;
      for (const w of words) choices = choices?.find((c) => c.name === w)?.subcommands;
      return !!choices;
    };
    const { words, rest } = splitCommandWords(argv, flags, isGroup);

    if (words[0] === "help") {
      const topics = rest.filter((t) => !t.startsWith("-"));
      out.raw(topics.length ? commandHelp(resolve(topics, COMMANDS)) : rootHelp(COMMANDS));
      return EXIT.OK;
    }
    if (words.length === 0) {
      if (rest.includes("--version")) {
        if (out.json) out.data({ version: CLI_VERSION });
        else out.line(CLI_VERSION);
        return EXIT.OK;
      }
      if (wantsHelp(rest)) {
        out.raw(rootHelp(COMMANDS));
        return EXIT.OK;
      }
      parseCommandArgs(rest, GLOBAL_OPTIONS, "llmguard"); // an unknown option is reported as such
      if (rest.some((t) => !t.startsWith("-"))) throw usageError(`Unexpected argument '${rest.find((t) => !t.startsWith("-"))}'`);
      io.stderr.write(rootHelp(COMMANDS));
      throw usageError("No command given", "Run `llmguard --help` to see the commands.");
    }

    const path = resolve(words, COMMANDS);
    const cmd = path[path.length - 1]!;
    const name = `llmguard ${path.map((c) => c.name).join(" ")}`;
    if (wantsHelp(rest)) {
      out.raw(commandHelp(path));
      return EXIT.OK;
    }
    if (cmd.subcommands || !cmd.run) {
      io.stderr.write(commandHelp(path));
      throw usageError(`\`${name}\` needs a command: ${(cmd.subcommands ?? []).map((c) => c.name).join(", ")}`, `Run \`${name} --help\`.`);
    }
    const args = parseCommandArgs(rest, { ...GLOBAL_OPTIONS, ...cmd.options }, name);
    if (args.values.version) {
      out.line(CLI_VERSION);
      return EXIT.OK;
    }
    const json = args.values.json === true;
    const cmdOut = new Output({ stdout: io.stdout, stderr: io.stderr, env, json, noColor: args.values["no-color"] === true });
    const ctx = await Context.create(io, cmdOut, new Input(io.stdin ?? noStdin(), io.stderr), args, name);
    const code = await cmd.run(ctx, args);
    return typeof code === "number" ? code : EXIT.OK;
  } catch (err) {
    const failure = err instanceof CliError ? err : new CliError(`Unexpected error: ${(err as Error)?.message ?? String(err)}`, { exitCode: EXIT.ERROR, code: "INTERNAL", cause: err });
    out.error(failure);
    return failure.exitCode;
  }
}
