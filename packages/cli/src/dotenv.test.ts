import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "./errors";
import { checkPrefix, quoteDotenv, quoteShell, renderEnv, toEnvName, toEnvValue, toEnvVariables } from "./dotenv";

describe("environment variable names", () => {
  it.each([
    ["llm.model", "LLM_MODEL"],
    ["openai.apiKey", "OPENAI_APIKEY"],
    ["db-url", "DB_URL"],
    ["a..b--c", "A_B_C"],
    ["feature.flags.v2", "FEATURE_FLAGS_V2"],
    ["_private", "_PRIVATE"],
    ["guard.riskThreshold", "GUARD_RISKTHRESHOLD"],
  ])("maps %s to %s", (key, name) => {
    expect(toEnvName(key)).toBe(name);
  });

  it("puts the prefix first, as given", () => {
    expect(toEnvName("llm.model", "APP_")).toBe("APP_LLM_MODEL");
  });

  it("refuses a prefix that is not a valid variable start", () => {
    expect(() => checkPrefix("1APP")).toThrow(CliError);
    expect(() => checkPrefix("APP-")).toThrow(/--prefix/);
    expect(checkPrefix("")).toBe("");
    expect(checkPrefix("_APP_")).toBe("_APP_");
  });
});

describe("values", () => {
  it("keeps strings and writes everything else as JSON", () => {
    expect(toEnvValue("gpt-4o")).toBe("gpt-4o");
    expect(toEnvValue(0.2)).toBe("0.2");
    expect(toEnvValue(false)).toBe("false");
    expect(toEnvValue({ a: [1, "x"] })).toBe('{"a":[1,"x"]}');
    expect(toEnvValue(["a", "b"])).toBe('["a","b"]');
  });

  it("sorts the variables by name", () => {
    expect(toEnvVariables({ "z.last": 1, "a.first": "x", "m.mid": true })).toEqual([
      ["A_FIRST", "x"],
      ["M_MID", "true"],
      ["Z_LAST", "1"],
    ]);
  });

  it("fails with exit 5 naming both keys when two keys map to one name", () => {
    let err: unknown;
    try {
      toEnvVariables({ "llm.model": "a", llm_model: "b", "llm-model": "c", other: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    const e = err as CliError;
    expect(e.exitCode).toBe(EXIT.REJECTED);
    expect(e.message).toContain("LLM_MODEL");
    expect(e.details).toEqual({ collisions: [{ name: "LLM_MODEL", keys: ["llm-model", "llm.model", "llm_model"] }] });
  });

  it("does not report a collision that the prefix cannot cause", () => {
    expect(toEnvVariables({ a: 1, b: 2 }, "X_")).toEqual([
      ["X_A", "1"],
      ["X_B", "2"],
    ]);
  });
});

describe("dotenv quoting", () => {
  it("double-quotes and escapes backslashes, quotes and line breaks", () => {
    expect(quoteDotenv("plain")).toBe('"plain"');
    expect(quoteDotenv('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteDotenv("C:\\path\\n")).toBe('"C:\\\\path\\\\n"');
    expect(quoteDotenv("line1\nline2\r\n")).toBe('"line1\\nline2\\r\\n"');
    expect(quoteDotenv("")).toBe('""');
    expect(quoteDotenv("it's $HOME # not a comment")).toBe("\"it's $HOME # not a comment\"");
  });

  it("renders one KEY=\"value\" line per variable", () => {
    expect(renderEnv([["A", "1"], ["B", "x y"]], "dotenv")).toBe('A="1"\nB="x y"\n');
  });

  it("round-trips through a dotenv reader that unescapes \\\\, \\\" and \\n", () => {
    const tricky = 'pa"ss\\word\nnext line $HOME `x`';
    const line = `K=${quoteDotenv(tricky)}`;
    const inner = line.slice(3, -1);
    const read = inner.replace(/\\(["\\nr])/g, (_m, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : c));
    expect(read).toBe(tricky);
  });
});

describe("shell quoting", () => {
  it("single-quotes, writing ' as '\\''", () => {
    expect(quoteShell("plain")).toBe("'plain'");
    expect(quoteShell("it's")).toBe("'it'\\''s'");
    expect(renderEnv([["A", "x"]], "shell")).toBe("export A='x'\n");
  });

  it("gives the exact value back when sourced by /bin/sh", () => {
    const tricky = "it's \"quoted\" $HOME `id` \\n\nsecond line; rm -rf /";
    const script = `${renderEnv([["TRICKY", tricky]], "shell")}printf %s "$TRICKY"`;
    expect(execFileSync("/bin/sh", ["-c", script], { encoding: "utf8" })).toBe(tricky);
  });
});

describe("json format", () => {
  it("is one object of names to string values", () => {
    expect(JSON.parse(renderEnv([["A", "1"], ["B", '{"x":1}']], "json"))).toEqual({ A: "1", B: '{"x":1}' });
  });
});
