// A throw-away PostgreSQL database for one Playwright run, created and dropped with the PostgreSQL
// client tools (synchronous, so playwright.config.ts can create it before the webServer starts).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

export const DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

interface Server {
  args: string[];
  env: NodeJS.ProcessEnv;
}

function serverOf(adminUrl: string): Server {
  const u = new URL(adminUrl);
  const args = ["-h", decodeURIComponent(u.hostname || "127.0.0.1"), "-p", u.port || "5432", "-U", decodeURIComponent(u.username || "postgres")];
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  return { args, env };
}

/** `llmguard_e2e_<random>`: lower-case, so it needs no quoting. */
export function newDatabaseName(): string {
  return `llmguard_e2e_${randomBytes(5).toString("hex")}`;
}

/** The connection URL for `name` on the same server as `adminUrl`. */
export function databaseUrlFor(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export function createDatabaseSync(adminUrl: string, name: string): void {
  const { args, env } = serverOf(adminUrl);
  try {
    execFileSync("createdb", [...args, name], { env, stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`Could not create the e2e database ${name} (is PostgreSQL running and TEST_DATABASE_URL right?): ${stderr || String(err)}`);
  }
}

/** Drops `name`, disconnecting any session still using it; a no-op when it does not exist. */
export function dropDatabaseSync(adminUrl: string, name: string): void {
  const { args, env } = serverOf(adminUrl);
  execFileSync("dropdb", [...args, "--if-exists", "--force", name], { env, stdio: ["ignore", "pipe", "pipe"] });
}
