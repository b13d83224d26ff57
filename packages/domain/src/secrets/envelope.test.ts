import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptionError, open, seal } from "./envelope";
import { createLocalKeyProvider } from "./key-provider";

describe("AES-256-GCM envelope", () => {
  const key = randomBytes(32);

  it("round-trips and uses a fresh nonce every time", () => {
    const a = seal(key, Buffer.from("sk-secret"), "ctx");
    const b = seal(key, Buffer.from("sk-secret"), "ctx");
    expect(a.equals(b)).toBe(false);
    expect(open(key, a, "ctx").toString()).toBe("sk-secret");
  });

  it("refuses another key, another context, and any flipped bit", () => {
    const sealed = seal(key, Buffer.from("value"), "secret:p:n:v1");
    expect(() => open(randomBytes(32), sealed, "secret:p:n:v1")).toThrow(DecryptionError);
    expect(() => open(key, sealed, "secret:p:n:v2")).toThrow(DecryptionError);
    for (const i of [1, 13, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[i]! ^= 1;
      expect(() => open(key, bad, "secret:p:n:v1")).toThrow(DecryptionError);
    }
    expect(() => open(key, Buffer.from([2, 0, 0]), "x")).toThrow(DecryptionError);
  });
});

describe("local key provider", () => {
  it("names KEKs by a fingerprint and unwraps with retired ones", async () => {
    const old = createLocalKeyProvider({ masterKey: "old-master-key-old-master-key-old!" });
    const rotated = createLocalKeyProvider({ masterKey: "new-master-key-new-master-key-new!", retiredMasterKeys: ["old-master-key-old-master-key-old!"] });
    expect(old.currentKekId).toMatch(/^local:[0-9a-f]{16}$/);
    expect(rotated.currentKekId).not.toBe(old.currentKekId);
    const dek = randomBytes(32);
    const { kekId, wrapped } = await old.wrap(dek, "dek:p1");
    expect(rotated.canUnwrap(kekId)).toBe(true);
    expect((await rotated.unwrap(wrapped, kekId, "dek:p1")).equals(dek)).toBe(true);
    await expect(rotated.unwrap(wrapped, kekId, "dek:p2")).rejects.toThrow(DecryptionError);
    const fresh = createLocalKeyProvider({ masterKey: "new-master-key-new-master-key-new!" });
    expect(fresh.canUnwrap(kekId)).toBe(false);
    await expect(fresh.unwrap(wrapped, kekId, "dek:p1")).rejects.toThrow(/not configured/);
  });
});
