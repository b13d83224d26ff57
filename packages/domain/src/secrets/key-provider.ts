import { createHash, hkdfSync } from "node:crypto";
import { open, seal } from "./envelope";

/**
 * Wraps and unwraps per-project data keys with a key-encryption key (KEK) the database never sees.
 * Asynchronous and addressed by an opaque `kekId`, so a cloud KMS (Encrypt/Decrypt with an encryption
 * context) or Vault Transit (transit/encrypt/<key> with `context`) fits the same interface; the local
 * provider below derives KEKs from master keys in the environment.
 */
export interface KeyProvider {
  /** The KEK new and re-wrapped data keys use. */
  readonly currentKekId: string;
  wrap(dataKey: Buffer, context: string): Promise<{ kekId: string; wrapped: Buffer }>;
  unwrap(wrapped: Buffer, kekId: string, context: string): Promise<Buffer>;
  /** Whether a data key wrapped by `kekId` can still be unwrapped. */
  canUnwrap(kekId: string): boolean;
}

function deriveKek(masterKey: string): { id: string; key: Buffer } {
  const key = Buffer.from(hkdfSync("sha256", Buffer.from(masterKey, "utf8"), "llmguard", "kek-v1", 32));
  // The id names the key without revealing it (a hash of the derived key, not of the master key).
  const id = `local:${createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
  return { id, key };
}

/**
 * KEKs from SECRETS_MASTER_KEY (current) and SECRETS_MASTER_KEYS_RETIRED (still accepted for unwrapping,
 * until `rewrapDataKeys` has moved every data key to the current one).
 */
export function createLocalKeyProvider(opts: { masterKey: string; retiredMasterKeys?: string[] }): KeyProvider {
  const current = deriveKek(opts.masterKey);
  const ring = new Map<string, Buffer>([[current.id, current.key]]);
  for (const k of opts.retiredMasterKeys ?? []) {
    const d = deriveKek(k);
    if (!ring.has(d.id)) ring.set(d.id, d.key);
  }
  return {
    currentKekId: current.id,
    async wrap(dataKey, context) {
      return { kekId: current.id, wrapped: seal(current.key, dataKey, `kek:${context}`) };
    },
    async unwrap(wrapped, kekId, context) {
      const kek = ring.get(kekId);
      if (!kek) throw new Error(`key-encryption key ${kekId} is not configured (add its master key to SECRETS_MASTER_KEYS_RETIRED)`);
      return open(kek, wrapped, `kek:${context}`);
    },
    canUnwrap: (kekId) => ring.has(kekId),
  };
}
