import { describe, expect, it } from "vitest";
import { EndUserAliases, maskAndTruncate, maskDeep, maskText, truncate } from "./mask";

const KEY = "sk-A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";

describe("maskText", () => {
  it("replaces secret and PII spans the risk detectors find, and keeps the rest", () => {
    expect(maskText(`mail jane.doe@acme-mail.com the key ${KEY} now`)).toBe("mail [REDACTED:pii] the key [REDACTED:secret] now");
    expect(maskText("What is the capital of France?")).toBe("What is the capital of France?");
  });

  it("masks more findings than a detector reports spans for in one scan", () => {
    const text = Array.from({ length: 70 }, (_, i) => `user${i}@acme-mail.com`).join(" ");
    expect(maskText(text)).toBe(Array.from({ length: 70 }, () => "[REDACTED:pii]").join(" "));
  });

  it("scans before truncating, so a secret across the cut is not half shown", () => {
    const text = `${"a ".repeat(240)}${KEY}`;
    const out = maskAndTruncate(text, 490);
    expect(out).not.toContain("sk-A1b2");
    expect(out).toBe(`${"a ".repeat(240)}[REDACTED:… [7 more characters]`);
  });
});

describe("truncate", () => {
  it("never cuts a surrogate pair in half", () => {
    expect(truncate("ab😀cd", 3)).toBe("ab… [4 more characters]");
    expect(truncate("short", 10)).toBe("short");
  });
});

describe("maskDeep", () => {
  it("masks every string of a JSON value and keeps numbers and keys", () => {
    expect(maskDeep({ alert: { owner: "ops@acme-mail.com", value: 3 }, tags: ["env:prod", KEY] })).toEqual({ alert: { owner: "[REDACTED:pii]", value: 3 }, tags: ["env:prod", "[REDACTED:secret]"] });
  });
});

describe("EndUserAliases", () => {
  it("aliases only ids that are PII or secrets, and maps aliases back", () => {
    const aliases = new EndUserAliases(["mallory", "eve@acme-mail.org", null, "eve@acme-mail.org", "bob@acme-mail.net"]);
    expect(aliases.size).toBe(2);
    expect(aliases.alias("mallory")).toBe("mallory");
    expect(aliases.alias("eve@acme-mail.org")).toBe("END_USER_1");
    expect(aliases.hide("from eve@acme-mail.org and bob@acme-mail.net")).toBe("from END_USER_1 and END_USER_2");
    expect(aliases.reveal("END_USER_2")).toBe("bob@acme-mail.net");
    expect(aliases.revealText("END_USER_1 then END_USER_2")).toBe("eve@acme-mail.org then bob@acme-mail.net");
  });
});

describe("maskAndTruncate", () => {
  it("counts the characters cut from a text longer than the scanned prefix", () => {
    expect(maskAndTruncate(`${KEY} ${"b".repeat(100_000)}`, 20)).toBe(`[REDACTED:secret] bb… [${100_000 - 2} more characters]`);
  });
});
