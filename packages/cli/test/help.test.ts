import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/commands/registry";
import type { CommandSpec } from "../src/commands/types";
import { CLI_VERSION } from "../src/index";
import { runCli } from "./support/cli";

/** Help, --version and usage errors: no server involved, every answer decided by the command line alone. */
function leaves(commands: CommandSpec[], prefix: string[] = []): string[][] {
  return commands.flatMap((c) => (c.subcommands ? [[...prefix, c.name], ...leaves(c.subcommands, [...prefix, c.name])] : [[...prefix, c.name]]));
}

describe("help", () => {
  it("lists every command, the global options, the environment and the exit codes", async () => {
    const res = await runCli(["--help"]);
    expect(res).toMatchObject({ code: 0, stderr: "" });
    for (const c of COMMANDS) expect(res.stdout).toMatch(new RegExp(`^  ${c.name}\\b`, "m"));
    for (const flag of ["--url <url>", "--project <id>", "--json", "--no-color", "--version"]) expect(res.stdout).toContain(flag);
    for (const v of ["LLMGUARD_URL", "LLMGUARD_PROJECT", "LLMGUARD_TOKEN", "LLMGUARD_API_KEY", "LLMGUARD_CONFIG_DIR", "NO_COLOR"]) expect(res.stdout).toContain(v);
    for (const [code, text] of [[0, "success"], [1, "server error"], [2, "usage error"], [3, "not authenticated"], [4, "not found"], [5, "input rejected"], [6, "server unreachable"], [7, "audit verify"]] as const) {
      expect(res.stdout).toMatch(new RegExp(`^  ${code}\\s+.*${text}`, "m"));
    }
    expect((await runCli(["help"])).stdout).toBe(res.stdout);
  });

  it.each(leaves(COMMANDS).map((path) => [path.join(" "), path]))("has help for `%s`, the same through --help, -h and `help`", async (_name, path) => {
    const viaFlag = await runCli([...(path as string[]), "--help"]);
    expect(viaFlag.code).toBe(0);
    expect(viaFlag.stdout).toMatch(new RegExp(`^llmguard ${(path as string[]).join(" ")}: \\S`));
    expect(viaFlag.stdout).toContain("Usage: llmguard");
    expect((await runCli([...(path as string[]), "-h"])).stdout).toBe(viaFlag.stdout);
    expect((await runCli(["help", ...(path as string[])])).stdout).toBe(viaFlag.stdout);
  });

  it("shows a command's options, examples and exit codes", async () => {
    const res = await runCli(["help", "config", "set"]);
    expect(res.stdout).toContain("-e, --environment <name>");
    expect(res.stdout).toContain("default: development");
    expect(res.stdout).toContain("-m, --message <text>");
    expect(res.stdout).toContain("$ llmguard config set llm.model=gpt-4o");
    expect(res.stdout).toMatch(/^ {2}5\s+input rejected/m);
    const env = await runCli(["env", "export", "--help"]);
    expect(env.stdout).toContain("llm.model → LLM_MODEL");
    expect(env.stdout).toContain("dotenv  KEY=\"value\"");
  });
});

describe("--version", () => {
  it("prints the package version", async () => {
    const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(CLI_VERSION).toBe(pkg.version);
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    expect(JSON.parse((await runCli(["--version", "--json"])).stdout)).toEqual({ version: pkg.version });
  });
});

describe("usage errors exit 2 with a hint", () => {
  it.each([
    [["confg"], "Unknown command 'confg' for `llmguard`", "Did you mean 'config'?"],
    [["config", "gte"], "Unknown command 'gte' for `llmguard config`", "Did you mean 'get'?"],
    [["config", "get", "--enviroment", "x"], "Unknown option '--enviroment' for `llmguard config get`", "Did you mean --environment?"],
    [["projects", "-e", "x"], "Unknown option '-e' for `llmguard projects`", "llmguard projects --help"],
    [["config", "get", "-e"], "argument missing", "llmguard config get --help"],
    [["help", "nope"], "Unknown command 'nope'", "llmguard --help"],
    [["--url", "localhost:3000", "projects"], "is not an http(s) URL", "--url"],
    [["use"], "Missing argument", ""],
  ])("%j", async (argv, message, hint) => {
    const res = await runCli(argv as string[]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe("");
    expect(res.stderr).toContain(message);
    expect(res.stderr).toContain(hint);
  });

  it("prints the help on stderr when a command is missing", async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: llmguard <command>");
    expect(none.stderr).toContain("error: No command given");
    const group = await runCli(["secrets"]);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain("error: `llmguard secrets` needs a command: set, list, reveal, rotate, delete");
  });

  it("prints usage errors as the error envelope under --json", async () => {
    const res = await runCli(["confg", "--json"]);
    expect(res.code).toBe(2);
    expect(JSON.parse(res.stderr).error).toMatchObject({ code: "USAGE_ERROR", message: "Unknown command 'confg' for `llmguard`" });
  });
});
