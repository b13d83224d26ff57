import { describe, expect, it } from "vitest";
import { factorName, normalizeFactors } from "./risk-factors";

describe("normalizeFactors", () => {
  it("reads stored factors with their spans", () => {
    expect(
      normalizeFactors([
        { type: "pii", points: 30, detail: "1 email address", spans: [{ field: "prompt", start: 4, end: 15 }, { field: "response", start: 0, end: 3 }] },
      ]),
    ).toEqual([{ type: "pii", points: 30, detail: "1 email address", spans: [{ field: "prompt", start: 4, end: 15 }, { field: "response", start: 0, end: 3 }] }]);
  });

  it("reads older and malformed rows defensively: defaults for missing fields, bad spans and entries dropped", () => {
    expect(normalizeFactors(null)).toEqual([]);
    expect(normalizeFactors({ type: "pii" })).toEqual([]);
    expect(
      normalizeFactors([
        "not a factor",
        null,
        [1, 2],
        { type: 7, points: "30", detail: null },
        { type: "secret", points: 40, detail: "AWS key", spans: [null, { field: "system", start: 0, end: 1 }, { field: "prompt", start: "0", end: 4 }, { field: "response", start: 2, end: 9 }] },
      ]),
    ).toEqual([
      { type: "unknown", points: 0, detail: "", spans: [] },
      { type: "secret", points: 40, detail: "AWS key", spans: [{ field: "response", start: 2, end: 9 }] },
    ]);
  });
});

describe("factorName", () => {
  it.each([
    ["pii", "Personal data (PII)"],
    ["secret", "Secret or credential"],
    ["prompt_injection", "Prompt injection"],
    ["jail-break", "Jail break"],
    ["__", "__"],
  ])("%s is shown as %s", (type, name) => {
    expect(factorName(type)).toBe(name);
  });
});
