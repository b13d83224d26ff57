import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { CliEnv } from "./env.js";
import { CliError, EXIT } from "./errors.js";

/** What `llmguard login` and `llmguard use` remember, in `<config dir>/credentials.json` (mode 0600). */
export interface Credentials {
  url: string;
  accessToken?: string;
  refreshToken?: string;
  email?: string;
  projectId?: string;
}

/** $LLMGUARD_CONFIG_DIR, else $XDG_CONFIG_HOME/llmguard, else ~/.config/llmguard. */
export function configDir(env: Pick<CliEnv, "LLMGUARD_CONFIG_DIR" | "XDG_CONFIG_HOME" | "HOME">): string {
  if (env.LLMGUARD_CONFIG_DIR) return env.LLMGUARD_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, "llmguard");
  return join(env.HOME || homedir(), ".config", "llmguard");
}

export function credentialsPath(env: Pick<CliEnv, "LLMGUARD_CONFIG_DIR" | "XDG_CONFIG_HOME" | "HOME">): string {
  return join(configDir(env), "credentials.json");
}

export async function loadCredentials(path: string): Promise<Credentials | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new CliError(`Cannot read ${path}: ${(err as Error).message}`, { exitCode: EXIT.ERROR, code: "CREDENTIALS_UNREADABLE" });
  }
  try {
    const parsed = JSON.parse(text) as Credentials;
    if (typeof parsed !== "object" || parsed === null || typeof parsed.url !== "string") throw new Error("no url");
    return parsed;
  } catch {
    throw new CliError(`${path} is not a credentials file written by llmguard`, { exitCode: EXIT.ERROR, code: "CREDENTIALS_UNREADABLE", hint: "Delete it and run `llmguard login` again." });
  }
}

/**
 * Writes atomically: a private temporary file in the same directory, flushed, then renamed over the old
 * one, so a crash or a concurrent reader never sees half a file and the tokens are never world-readable.
 */
export async function saveCredentials(path: string, creds: Credentials): Promise<void> {
  const dir = join(path, "..");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const file = await open(tmp, "wx", 0o600);
  try {
    await file.chmod(0o600); // open's mode is filtered by the umask; this is not
    await file.writeFile(`${JSON.stringify(creds, null, 2)}\n`, "utf8");
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await chmod(path, 0o600);
}

export async function deleteCredentials(path: string): Promise<void> {
  await rm(path, { force: true });
}
