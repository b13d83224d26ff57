import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Db } from "./client";
import { migrateDeploy } from "./migrate.mjs";
import { repoRoot } from "./paths.mjs";

/**
 * Throw-away PostgreSQL databases, the one implementation for every test and tool that needs one:
 * vitest (a template database migrated once per run by the global setup; each test file gets a copy
 * with CREATE DATABASE ... TEMPLATE, which takes tens of milliseconds), the smoke suite and Playwright
 * (apps/web/e2e/database.ts, synchronous because playwright.config.ts creates its database while it
 * loads) and the benchmarks (bench/src/lib/pg.ts).
 *
 * Importable outside vitest (Playwright's config loader, tsx): vitest and the Prisma client are only
 * loaded by the functions that need them.
 */
export { repoRoot };

/** The local PostgreSQL server of these machines and CI (trust authentication). */
export const DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** The server test databases are created on: TEST_DATABASE_URL (CI provides one), else the local default. */
export const serverUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;

/** `<prefix>_<random hex>`: lower-case letters, digits and underscores, so it needs no quoting anywhere. */
export function newDatabaseName(prefix = "llmguard_test"): string {
  return quotableName(`${prefix}_${randomBytes(5).toString("hex")}`);
}

/** The connection URL for database `name` on the same server as `adminUrl`. */
export function databaseUrlFor(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function quotableName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a throw-away database name: ${JSON.stringify(name)}`);
  return name;
}

const createStatement = (name: string, template?: string) =>
  `CREATE DATABASE "${quotableName(name)}"${template ? ` TEMPLATE "${quotableName(template)}"` : ""}`;
// FORCE ends the sessions still connected (a server under test, a pool that was not closed).
const dropStatement = (name: string) => `DROP DATABASE IF EXISTS "${quotableName(name)}" WITH (FORCE)`;

function hostOf(adminUrl: string): string {
  try {
    const u = new URL(adminUrl);
    return `${u.hostname || "localhost"}${u.port ? `:${u.port}` : ""}`;
  } catch {
    return "the database server";
  }
}

async function runAdmin(adminUrl: string, sql: string, what: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  try {
    await c.connect();
    await c.query(sql);
  } catch (err) {
    throw new Error(`Could not ${what} on ${hostOf(adminUrl)} (is PostgreSQL running and TEST_DATABASE_URL right?): ${(err as Error).message}`, { cause: err });
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * The same statement, synchronously, through `psql` (PostgreSQL's client tools; no event loop needed):
 * for callers that cannot wait, such as playwright.config.ts while it loads and exit handlers.
 */
function runAdminSync(adminUrl: string, sql: string, what: string): void {
  try {
    execFileSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", adminUrl, "-c", sql], { stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`Could not ${what} on ${hostOf(adminUrl)} (is PostgreSQL running and TEST_DATABASE_URL right?): ${stderr || String(err)}`, { cause: err });
  }
}

/** Creates database `name` (optionally as a copy of `template`) on the server of `adminUrl`. */
export async function createDatabase(adminUrl: string, name: string, opts: { template?: string } = {}): Promise<void> {
  await runAdmin(adminUrl, createStatement(name, opts.template), `create the database ${name}`);
}

/** Drops `name`, disconnecting any session still using it; a no-op when it does not exist. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await runAdmin(adminUrl, dropStatement(name), `drop the database ${name}`);
}

/** createDatabase, synchronously (needs `psql` on PATH). */
export function createDatabaseSync(adminUrl: string, name: string, opts: { template?: string } = {}): void {
  runAdminSync(adminUrl, createStatement(name, opts.template), `create the database ${name}`);
}

/** dropDatabase, synchronously (needs `psql` on PATH). */
export function dropDatabaseSync(adminUrl: string, name: string): void {
  runAdminSync(adminUrl, dropStatement(name), `drop the database ${name}`);
}

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Drops the database (FORCE); later calls do nothing. */
  drop: () => Promise<void>;
}

/** A new, empty (or `template`-copied) database `<prefix>_<random>` on `adminUrl` (default: serverUrl). */
export async function createScratchDatabase(opts: { adminUrl?: string; prefix?: string; template?: string } = {}): Promise<ScratchDatabase> {
  const adminUrl = opts.adminUrl ?? serverUrl;
  const name = newDatabaseName(opts.prefix);
  await createDatabase(adminUrl, name, { template: opts.template });
  let dropped: Promise<void> | undefined;
  return { name, url: databaseUrlFor(adminUrl, name), drop: () => (dropped ??= dropDatabase(adminUrl, name)) };
}

/** Creates and migrates the template database; `drop` removes it at the end of the run. */
export async function setupTemplateDatabase(): Promise<{ name: string; drop: () => Promise<void> }> {
  const template = await createScratchDatabase({ prefix: `llmguard_tpl_${process.pid}` });
  try {
    await migrateDeploy({ target: { kind: "postgres", url: template.url } });
  } catch (err) {
    await template.drop().catch(() => undefined);
    throw err;
  }
  return { name: template.name, drop: template.drop };
}

export interface TestDatabase {
  db: Db;
  url: string;
  drop: () => Promise<void>;
}

/** A fresh, migrated database for one test file (a copy of the run's template database). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { inject } = await import("vitest");
  const template = inject("templateDatabase");
  if (!template) throw new Error("No template database: add @llmguard/db/vitest-global-setup to vitest globalSetup.");
  const scratch = await createScratchDatabase({ template });
  const { createPrisma } = await import("./client");
  const db = await createPrisma({ kind: "postgres", url: scratch.url, poolMax: 5 });
  return {
    db,
    url: scratch.url,
    drop: async () => {
      await db.$disconnect();
      await scratch.drop();
    },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/**
 * A TCP proxy in front of a test database, so a test can make PostgreSQL unreachable for one client
 * (`cut()`: drops every connection and refuses new ones) and bring it back (`restore()`).
 */
export async function startDatabaseProxy(databaseUrl: string): Promise<{ url: string; cut: () => void; restore: () => void; close: () => Promise<void> }> {
  const net = await import("node:net");
  const target = new URL(databaseUrl);
  const sockets = new Set<import("node:net").Socket>();
  let accepting = true;
  const proxy = net.createServer((client) => {
    if (!accepting) return client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  const url = new URL(databaseUrl);
  url.host = `127.0.0.1:${(proxy.address() as import("node:net").AddressInfo).port}`;
  return {
    url: url.toString(),
    cut() {
      accepting = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      accepting = true;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => r());
      }),
  };
}
