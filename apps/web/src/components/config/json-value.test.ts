import { describe, expect, it } from "vitest";
import { formatValue, kindOf, parseEditorText, sameValue, toEditorText } from "./json-value";

const NULL_MESSAGE = "null is not a value: use “Remove” to delete a key, or tick “Treat as text” to store the word null.";

describe("parseEditorText", () => {
  it.each([
    ["42", 42, "number"],
    ["-1.5", -1.5, "number"],
    [" 42 ", 42, "number"],
    ["true", true, "boolean"],
    ["false", false, "boolean"],
    ['["a", 1]', ["a", 1], "array"],
    ['{"a": 1, "b": {"c": [true]}}', { a: 1, b: { c: [true] } }, "object"],
    ['"quoted"', "quoted", "string"],
    ['""', "", "string"],
  ])("sends %j typed, as JSON", (text, value, kind) => {
    expect(parseEditorText(text, false)).toEqual({ ok: true, value, kind });
  });

  it.each([
    ["a word", "hello"],
    ["a sentence", "Hello, {{name}}!"],
    ["an unquoted string with a colon", "a: 1"],
    ["broken JSON", '{"a": '],
    ["a number with a unit", "42px"],
    ["True in capitals", "True"],
    ["an empty text", ""],
    ["spaces only", "   "],
    ["text with surrounding spaces", "  padded  "],
  ])("keeps %s as the string typed", (_name, text) => {
    expect(parseEditorText(text, false)).toEqual({ ok: true, value: text, kind: "string" });
  });

  it("refuses null, which would delete the key", () => {
    expect(parseEditorText("null", false)).toEqual({ ok: false, message: NULL_MESSAGE });
    expect(parseEditorText("  null\n", false)).toEqual({ ok: false, message: NULL_MESSAGE });
  });

  it("sends anything as text when “Treat as text” is ticked", () => {
    expect(parseEditorText("42", true)).toEqual({ ok: true, value: "42", kind: "string" });
    expect(parseEditorText("null", true)).toEqual({ ok: true, value: "null", kind: "string" });
    expect(parseEditorText(' {"a":1} ', true)).toEqual({ ok: true, value: ' {"a":1} ', kind: "string" });
  });
});

describe("kindOf", () => {
  it.each([
    [[], "array"],
    [{}, "object"],
    [0, "number"],
    [true, "boolean"],
    ["x", "string"],
    [null, "string"],
    [undefined, "string"],
  ])("calls %j a %s", (value, kind) => {
    expect(kindOf(value)).toBe(kind);
  });
});

describe("toEditorText", () => {
  it.each([
    ["plain text", "hello", "hello", false],
    ["an empty string", "", "", false],
    ["a string that looks like a number", "42", "42", true],
    ["a string that looks like a boolean", "true", "true", true],
    ["the string null", "null", "null", true],
    ["a string that looks like a JSON string", '"quoted"', '"quoted"', true],
    ["a string that looks like JSON", '{"a":1}', '{"a":1}', true],
    ["a number", 42, "42", false],
    ["a boolean", false, "false", false],
    ["an array", ["a", 1], '[\n  "a",\n  1\n]', false],
    ["an object", { a: { b: 1 } }, '{\n  "a": {\n    "b": 1\n  }\n}', false],
  ])("shows %s", (_name, value, text, forceString) => {
    expect(toEditorText(value)).toEqual({ text, forceString });
  });

  it.each([
    "hello",
    "",
    "   ",
    " padded ",
    "42",
    "-0.5",
    "true",
    "null",
    '"quoted"',
    '""',
    "[1,2]",
    '{"a":1}',
    "line one\nline two",
    42,
    0,
    -3.25,
    true,
    false,
    [],
    ["a", 1, true, { b: [null] }],
    {},
    { nested: { list: [1, "two"], flag: false, nothing: null } },
  ])("round-trips %j through the editor unchanged", (value) => {
    const { text, forceString } = toEditorText(value);
    const parsed = parseEditorText(text, forceString);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value).toStrictEqual(value);
  });
});

describe("formatValue", () => {
  it.each([
    ["hello", "hello"],
    ["", ""],
    [undefined, ""],
    [42, "42"],
    [true, "true"],
    [null, "null"],
    [["a"], '[\n  "a"\n]'],
    [{ a: 1 }, '{\n  "a": 1\n}'],
  ])("shows %j as %j", (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe("sameValue", () => {
  it("compares values as JSON", () => {
    expect(sameValue({ a: [1, "x"] }, { a: [1, "x"] })).toBe(true);
    expect(sameValue("1", 1)).toBe(false);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(undefined, undefined)).toBe(true);
    expect(sameValue(undefined, null)).toBe(false);
  });
});
