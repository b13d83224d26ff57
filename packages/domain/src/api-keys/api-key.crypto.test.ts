import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { apiKeyLookupHash, generateApiKey, isWellFormedApiKey } from "./api-key.crypto";

const PEPPER = "pepper-pepper-pepper-pepper-pepper-pepper";

describe("API key material", () => {
  it("generates lg_<12>_<32> keys with a bcrypt hash and a peppered lookup hash", async () => {
    const k = await generateApiKey(PEPPER);
    expect(isWellFormedApiKey(k.key)).toBe(true);
    expect(k.key.startsWith(`${k.prefix}_`)).toBe(true);
    expect(await bcrypt.compare(k.key, k.keyHash)).toBe(true);
    expect(k.lookupHash).toBe(apiKeyLookupHash(PEPPER, k.key));
    expect(apiKeyLookupHash("another-pepper-another-pepper-another", k.key)).not.toBe(k.lookupHash);
  });

  it("rejects malformed keys before any lookup", () => {
    for (const bad of ["", "lg_", "lg_short_key", `lg_${"a".repeat(12)}_${"b".repeat(31)}`, `xx_${"a".repeat(12)}_${"b".repeat(32)}`, `lg_${"a".repeat(12)}_${"b".repeat(32)}\n`]) {
      expect(isWellFormedApiKey(bad)).toBe(false);
    }
  });
});
