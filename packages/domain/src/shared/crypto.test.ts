import { describe, expect, it } from "vitest";
import { canonicalJson, randomBase62 } from "./crypto";

describe("randomBase62", () => {
  it("returns the requested length from the base62 alphabet and differs between calls", () => {
    const a = randomBase62(32);
    expect(a).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(randomBase62(32)).not.toBe(a);
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every depth so equal values serialize the same", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });
});
