import { describe, expect, it } from "vitest";
import { segmentText } from "./highlight";

const seg = (text: string, ...labels: string[]) => ({ text, labels });

describe("segmentText", () => {
  it("returns the text as one plain run without spans, and nothing for an empty text", () => {
    expect(segmentText("hello", [])).toEqual([seg("hello")]);
    expect(segmentText("", [{ start: 0, end: 3, label: "pii" }])).toEqual([]);
  });

  it("marks a span in the middle of the text", () => {
    expect(segmentText("mail a@b.co now", [{ start: 5, end: 11, label: "Email" }])).toEqual([seg("mail "), seg("a@b.co", "Email"), seg(" now")]);
  });

  it("gives overlapping spans' common run both labels, whatever order the spans come in", () => {
    expect(segmentText("abcdef", [{ start: 3, end: 6, label: "y" }, { start: 1, end: 4, label: "x" }])).toEqual([seg("a"), seg("bc", "x"), seg("d", "y", "x"), seg("ef", "y")]);
  });

  it("merges adjacent runs with the same labels and names a label once", () => {
    expect(
      segmentText("abcdef", [
        { start: 0, end: 2, label: "x" },
        { start: 2, end: 4, label: "x" },
        { start: 0, end: 4, label: "x" },
      ]),
    ).toEqual([seg("abcd", "x"), seg("ef")]);
  });

  it("drops malformed spans and clamps the others to the text", () => {
    expect(
      segmentText("abcdef", [
        { start: Number.NaN, end: 3, label: "nan" },
        { start: 4, end: 2, label: "backwards" },
        { start: 3, end: 3, label: "empty" },
        { start: -5, end: 2, label: "before" },
        { start: 4, end: 99, label: "after" },
      ]),
    ).toEqual([seg("ab", "before"), seg("cd"), seg("ef", "after")]);
  });

  it("widens fractional offsets to whole characters", () => {
    expect(segmentText("abcdef", [{ start: 1.5, end: 2.2, label: "x" }])).toEqual([seg("a"), seg("bc", "x"), seg("def")]);
  });

  it("never cuts an emoji (a surrogate pair) in two", () => {
    // "a😀b": the emoji is UTF-16 units 1 and 2.
    expect(segmentText("a😀b", [{ start: 2, end: 3, label: "x" }])).toEqual([seg("a"), seg("😀", "x"), seg("b")]);
    expect(segmentText("a😀b", [{ start: 0, end: 2, label: "x" }])).toEqual([seg("a😀", "x"), seg("b")]);
  });
});
