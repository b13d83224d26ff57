import { describe, expect, it } from "vitest";
import { GLOBAL_OPTIONS, parseCommandArgs, splitCommandWords, suggest, valueTakingFlags, type OptionSpecs } from "./args";
import { CliError, EXIT } from "./errors";

const options: OptionSpecs = {
  ...GLOBAL_OPTIONS,
  environment: { type: "string", short: "e", description: "" },
  message: { type: "string", short: "m", description: "" },
  unset: { type: "string", multiple: true, description: "" },
};
const groups: Record<string, string[]> = { config: ["get", "set"], secrets: ["set"] };
const isGroup = (w: string[]) => w.length === 0 || (w.length === 1 && w[0]! in groups);
const flags = valueTakingFlags([options]);

describe("finding the command words", () => {
  it("skips global options and their values wherever they are", () => {
    expect(splitCommandWords(["--url", "http://x", "config", "-e", "staging", "set", "a=1", "--json"], flags, isGroup)).toEqual({
      words: ["config", "set"],
      rest: ["--url", "http://x", "-e", "staging", "a=1", "--json"],
    });
  });

  it("treats words after the leaf command as arguments, and keeps everything after --", () => {
    expect(splitCommandWords(["config", "set", "set=1", "--", "--not-a-flag"], flags, isGroup)).toEqual({
      words: ["config", "set"],
      rest: ["set=1", "--", "--not-a-flag"],
    });
  });

  it("does not take a value for --name=value or boolean flags", () => {
    expect(splitCommandWords(["--url=http://x", "--json", "config", "get"], flags, isGroup).words).toEqual(["config", "get"]);
  });
});

describe("parsing options", () => {
  it("reads values, shorts and repeated options", () => {
    const { values, positionals } = parseCommandArgs(["a=1", "-e", "staging", "--unset", "x", "--unset=y", "-m", "why", "--json"], options, "llmguard config set");
    expect(positionals).toEqual(["a=1"]);
    expect(values).toMatchObject({ environment: "staging", unset: ["x", "y"], message: "why", json: true });
  });

  const fail = (args: string[]) => {
    try {
      parseCommandArgs(args, options, "llmguard config set");
    } catch (e) {
      expect((e as CliError).exitCode).toBe(EXIT.USAGE);
      return `${(e as CliError).message} | ${(e as CliError).hint}`;
    }
    throw new Error("expected a usage error");
  };

  it("reports an unknown option with the closest one and where to look", () => {
    expect(fail(["--enviroment", "x"])).toBe("Unknown option '--enviroment' for `llmguard config set` | Did you mean --environment? Run `llmguard config set --help` to see its options.");
    expect(fail(["-z"])).toContain("Unknown option '-z'");
  });

  it("reports a missing value", () => {
    expect(fail(["-e"])).toMatch(/argument missing/);
  });

  it("suggests within two edits or by prefix only", () => {
    expect(suggest("confg", ["config", "secrets"])).toBe("config");
    expect(suggest("sec", ["config", "secrets"])).toBe("secrets");
    expect(suggest("zzzzzz", ["config", "secrets"])).toBeUndefined();
  });
});
