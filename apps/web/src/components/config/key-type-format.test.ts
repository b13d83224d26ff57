import { describe, expect, it } from "vitest";
import { describeKeyType, describeSpec } from "./key-type-format";

describe("describeSpec", () => {
  it.each([
    [{ type: "string" }, "string"],
    [{ type: "string", enum: ["low", "high"] }, "string, one of: low, high"],
    [{ type: "string", minLength: 2, maxLength: 40 }, "string, 2–40 characters"],
    [{ type: "string", minLength: 8 }, "string, at least 8 characters"],
    [{ type: "string", maxLength: 100, pattern: "^gpt-" }, "string, up to 100 characters, matching /^gpt-/"],
    [{ type: "number" }, "number"],
    [{ type: "number", min: 0, max: 2 }, "number 0–2"],
    [{ type: "number", integer: true, min: 1 }, "integer ≥ 1"],
    [{ type: "number", max: 0.5 }, "number ≤ 0.5"],
    [{ type: "boolean" }, "boolean"],
    [{ type: "object" }, "object"],
    [{ type: "array" }, "array"],
    [{ type: "array", items: "string", maxItems: 10 }, "array of strings (at most 10)"],
    [{ type: "array", maxItems: 0 }, "array (at most 0)"],
  ])("%j reads %s", (spec, text) => {
    expect(describeSpec(spec as never)).toBe(text);
  });
});

describe("describeKeyType", () => {
  it("describes a declared spec, and falls back to the built-in type's description", () => {
    expect(describeKeyType({ spec: { type: "number", min: 0, max: 1 }, description: "ignored" } as never)).toBe("number 0–1");
    expect(describeKeyType({ spec: null, description: "A model name" } as never)).toBe("A model name");
  });
});
