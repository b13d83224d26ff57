import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { chmod, mkdir, open, rename, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import type { DeliveredConfig } from "../types.js";
import { checkDelivered } from "./config-snapshot.js";

/**
 * The optional cache file of the config client: the last good delivered config (secrets included), so
 * an application can start with its config while LLMGuard is unreachable.
 *
 * - Written with mode 0600 through a temporary file in the same directory and a rename, so a reader
 *   (or a crash) never sees half a file, and the file is never readable by other users, not even briefly.
 * - Tagged with the environment and a fingerprint of the API key (a truncated SHA-256, never the key):
 *   a file written for another key or environment is "foreign" and ignored, so a shared path or a copied
 *   file never feeds one project's config into another.
 */

export const CACHE_FORMAT = "llmguard-config-cache";
export const CACHE_FORMAT_VERSION = 1;

export interface CacheFileContent {
  format: typeof CACHE_FORMAT;
  formatVersion: typeof CACHE_FORMAT_VERSION;
  environment: string;
  /** `sha256:` + the first 32 hex digits of SHA-256(apiKey). */
  keyFingerprint: string;
  savedAt: string;
  /** The ETag of `config`, when it came from GET /api/v1/config (lets the first poll be a 304). */
  etag: string | null;
  config: DeliveredConfig;
}

export type CacheReadResult =
  | { kind: "loaded"; config: DeliveredConfig; raw: string; etag: string | null }
  | { kind: "missing" }
  | { kind: "invalid"; reason: string };

export function keyFingerprint(apiKey: string): string {
  return `sha256:${createHash("sha256").update(apiKey).digest("hex").slice(0, 32)}`;
}

/** Reads the cache file synchronously (at start-up, so `get()` works right after the constructor). */
export function readCacheFile(path: string, expect: { environment: string; keyFingerprint: string }): CacheReadResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    return { kind: "invalid", reason: `it cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"})` };
  }
  let file: Partial<CacheFileContent>;
  try {
    file = JSON.parse(text) as Partial<CacheFileContent>;
  } catch {
    // Never quote the parser's message: it would quote part of the file, which holds secrets.
    return { kind: "invalid", reason: "it is not JSON (corrupt or truncated)" };
  }
  if (!file || typeof file !== "object" || file.format !== CACHE_FORMAT) return { kind: "invalid", reason: "it is not an LLMGuard config cache file" };
  if (file.formatVersion !== CACHE_FORMAT_VERSION) return { kind: "invalid", reason: `its format version ${String(file.formatVersion)} is not supported` };
  if (file.environment !== expect.environment) return { kind: "invalid", reason: `it holds another environment (${String(file.environment)})` };
  if (file.keyFingerprint !== expect.keyFingerprint) return { kind: "invalid", reason: "it was written with another API key" };
  const checked = checkDelivered(file.config);
  if (!checked.ok) return { kind: "invalid", reason: `its config is damaged: ${checked.reason}` };
  if (checked.config.environment !== expect.environment) return { kind: "invalid", reason: "its config is for another environment" };
  return { kind: "loaded", config: checked.config, raw: JSON.stringify(checked.config), etag: typeof file.etag === "string" ? file.etag : null };
}

/** Replaces the cache file atomically with mode 0600. */
export async function writeCacheFile(path: string, content: Omit<CacheFileContent, "format" | "formatVersion" | "savedAt">): Promise<void> {
  const body: CacheFileContent = { format: CACHE_FORMAT, formatVersion: CACHE_FORMAT_VERSION, savedAt: new Date().toISOString(), ...content };
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  // "wx": never follow or reuse an existing file; the mode applies from creation on.
  const handle = await open(tmp, "wx", 0o600);
  try {
    try {
      await handle.writeFile(JSON.stringify(body), "utf8");
      // A umask cannot widen 0600, but an odd filesystem might ignore the mode at creation.
      await handle.chmod(0o600).catch(() => chmod(tmp, 0o600));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}
