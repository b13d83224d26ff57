import bcrypt from "bcryptjs";
import { hmacSha256Hex, randomBase62 } from "../shared/crypto";

/**
 * Keys are `lg_<publicId>_<secret>`: a 12-character public id (shown as the prefix) and a 32-character
 * base62 secret (~190 random bits). See ARCHITECTURE decision 5.
 */
const KEY_PATTERN = /^lg_([0-9A-Za-z]{12})_([0-9A-Za-z]{32})$/;

/** bcrypt cost for stored key hashes: the key itself carries ~190 bits, so the cost only guards leaks. */
const KEY_BCRYPT_COST = 10;

export interface GeneratedKey {
  key: string;
  prefix: string;
  keyHash: string;
  lookupHash: string;
}

export async function generateApiKey(pepper: string): Promise<GeneratedKey> {
  const publicId = randomBase62(12);
  const key = `lg_${publicId}_${randomBase62(32)}`;
  return { key, prefix: `lg_${publicId}`, keyHash: await bcrypt.hash(key, KEY_BCRYPT_COST), lookupHash: apiKeyLookupHash(pepper, key) };
}

export function isWellFormedApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Keyed hash used to find a key in one indexed lookup; the pepper never leaves the server. */
export function apiKeyLookupHash(pepper: string, key: string): string {
  return hmacSha256Hex(pepper, key);
}
