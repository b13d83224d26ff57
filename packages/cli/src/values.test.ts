import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "./errors";
import { parseAssignments, parseConfigValue, parseIntArg, parseNumberArg, parseValuesFile } from "./values";

describe("config values", () => {
  it.each([
    ["0.2", 0.2],
    ["42", 42],
    ["-1", -1],
    ["true", true],
    ["false", false],
    ['{"a":1,"b":[true]}', { a: 1, b: [true] }],
    ["[1,2]", [1, 2]],
    ['"quoted string"', "quoted string"],
    ['"42"', "42"],
    ["gpt-4o", "gpt-4o"],
    ["hello world", "hello world"],
    ["{not json", "{not json"],
    ["01234", "01234"],
    ["https://x.example/a?b=c", "https://x.example/a?b=c"],
  ])("reads %s as %j", (text, value) => {
    expect(parseConfigValue(text)).toEqual(value);
  });

  it("keeps the text with asString", () => {
    expect(parseConfigValue("42", { asString: true })).toBe("42");
    expect(parseConfigValue("true", { asString: true })).toBe("true");
  });
});

describe("key=value arguments", () => {
  it("splits at the first =, so values may contain =", () => {
    expect(parseAssignments(["db.url=postgres://h/db?sslmode=require", "n=3", "t={{ db.host }}"])).toEqual({
      "db.url": "postgres://h/db?sslmode=require",
      n: 3,
      t: "{{ db.host }}",
    });
  });

  const usage = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(CliError);
      expect((e as CliError).exitCode).toBe(EXIT.USAGE);
      return (e as CliError).message + " " + ((e as CliError).hint ?? "");
    }
    throw new Error("expected a usage error");
  };

  it("refuses arguments without a key or =", () => {
    expect(usage(() => parseAssignments(["novalue"]))).toContain("Expected key=value");
    expect(usage(() => parseAssignments(["=1"]))).toContain("Expected key=value");
  });

  it("refuses key= and key=null, pointing at --unset", () => {
    expect(usage(() => parseAssignments(["llm.model="]))).toContain("--unset llm.model");
    expect(usage(() => parseAssignments(["llm.model=null"]))).toContain("--unset llm.model");
    expect(parseAssignments(['x=""', 'y="null"'])).toEqual({ x: "", y: "null" });
  });

  it("refuses invalid keys and repeated keys", () => {
    expect(usage(() => parseAssignments(["bad key=1"]))).toContain("not a config key");
    expect(usage(() => parseAssignments(["a=1", "a=2"]))).toContain("given twice");
  });
});

describe("--file", () => {
  it("reads an object of keys to values, null deleting", () => {
    expect(parseValuesFile('{"a": 1, "b": null, "c": {"d": "e"}}', "v.json")).toEqual({ a: 1, b: null, c: { d: "e" } });
  });

  it("refuses invalid JSON, arrays and invalid keys", () => {
    expect(() => parseValuesFile("{", "v.json")).toThrow(/v.json is not valid JSON/);
    expect(() => parseValuesFile("[1]", "v.json")).toThrow(/JSON object/);
    expect(() => parseValuesFile('{"bad key": 1}', "v.json")).toThrow(/not a config key/);
  });
});

describe("numeric options", () => {
  it("parses whole numbers within bounds", () => {
    expect(parseIntArg("--limit", "5", { min: 1, max: 200 })).toBe(5);
    expect(parseIntArg("--from", "0", { min: 0 })).toBe(0);
    expect(() => parseIntArg("--limit", "0", { min: 1, max: 200 })).toThrow(/1–200/);
    expect(() => parseIntArg("--limit", "1.5")).toThrow(/whole number/);
    expect(() => parseIntArg("--limit", "abc")).toThrow(/whole number/);
  });

  it("parses decimals within bounds", () => {
    expect(parseNumberArg("--grace-hours", "0.5", { min: 0, max: 720 })).toBe(0.5);
    expect(() => parseNumberArg("--grace-hours", "721", { min: 0, max: 720 })).toThrow(/0–720/);
    expect(() => parseNumberArg("--grace-hours", "soon", { min: 0, max: 720 })).toThrow(/number/);
    expect(() => parseNumberArg("--grace-hours", "", { min: 0, max: 720 })).toThrow(/number/);
  });
});
