import { describe, expect, it } from "vitest";
import { nativeRegex } from "./native-regex.ts";

describe("nativeRegex", () => {
  it("returns the same regex, reset, matching as before", () => {
    const re = /\d{3}-\d{4}/g;
    expect(nativeRegex(re)).toBe(re);
    expect(re.lastIndex).toBe(0);
    expect("call 555-1234 or 555-9876".match(re)).toEqual(["555-1234", "555-9876"]);
  });

  it("leaves sticky and non-global regexes usable at any position", () => {
    const sticky = nativeRegex(/ab/y);
    sticky.lastIndex = 2;
    expect(sticky.test("xxab")).toBe(true);
    expect(sticky.lastIndex).toBe(4);
    const plain = nativeRegex(/[^\x20-\x7e]/);
    expect(plain.test("plain ascii")).toBe(false);
    expect(plain.test("café")).toBe(true);
  });
});
