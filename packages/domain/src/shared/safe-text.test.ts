import { describe, expect, it } from "vitest";
import { isSafeText, JsonTooDeepError, safeJson, safeText } from "./safe-text";

describe("safe text at the edge", () => {
  it("replaces NUL and lone surrogates with U+FFFD and keeps paired surrogates (emoji)", () => {
    expect(safeText("a\u0000b")).toBe("a\uFFFDb");
    expect(safeText("x\uD800y")).toBe("x\uFFFDy");
    expect(safeText("x\uDC00")).toBe("x\uFFFD");
    expect(safeText("ok 😀")).toBe("ok 😀");
    expect(isSafeText("ok 😀")).toBe(true);
    expect(isSafeText("\u0000")).toBe(false);
  });

  it("makes every string of a parsed body safe, keys included, at any depth", () => {
    const body = JSON.parse('{"prompt":"p\\u0000","metadata":{"k\\u0000":["\\ud800", 1, null, {"deep":"\\udfff"}]},"n":3}');
    expect(safeJson(body)).toEqual({ prompt: "p\uFFFD", metadata: { "k\uFFFD": ["\uFFFD", 1, null, { deep: "\uFFFD" }] }, n: 3 });
    // the result is storable text: no NUL, well-formed, and JSON.stringify emits no \u0000 or lone surrogate escape
    expect(JSON.stringify(safeJson(body))).not.toMatch(/\\u0000|\\ud[89a-f][0-9a-f]{2}/i);
  });

  it("returns clean values as the very same objects (no copy on the hot path)", () => {
    const body = { prompt: "hello", metadata: { a: ["b"] } };
    expect(safeJson(body)).toBe(body);
    expect(safeJson(body).metadata).toBe(body.metadata);
  });

  it("refuses nesting deeper than 64 levels instead of letting a service overflow the stack", () => {
    const nest = (n: number): unknown => (n === 0 ? "x" : { a: nest(n - 1) });
    expect(() => safeJson(nest(64))).not.toThrow();
    expect(() => safeJson(nest(65))).toThrow(JsonTooDeepError);
    expect(() => safeJson(JSON.parse("[".repeat(5000) + "]".repeat(5000)))).toThrow(JsonTooDeepError);
  });
});
