import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { inject } from "vitest";
import { createPrisma, type Db } from "./client";
import { migrateDeploy } from "./migrate";

/**
 * Test databases on the real PostgreSQL server at TEST_DATABASE_URL (CI provides one).
 * A template database is migrated once per run (vitest globalSetup); each test file then gets its
 * own copy with CREATE DATABASE ... TEMPLATE, which takes tens of milliseconds.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Creates and migrates the template database; `drop` removes it at the end of the run. */
export async function setupTemplateDatabase(): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `llmguard_tpl_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  await migrateDeploy({ repoRoot, databaseUrl: withDatabase(serverUrl, name) });
  return { name, drop: async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  } };
}

export interface TestDatabase {
  db: Db;
  url: string;
  drop: () => Promise<void>;
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("templateDatabase");
  if (!template) throw new Error("No template database: add @llmguard/db/vitest-global-setup to vitest globalSetup.");
  const name = `llmguard_test_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const url = withDatabase(serverUrl, name);
  const db = await createPrisma({ kind: "postgres", url, poolMax: 5 });
  return {
    db,
    url,
    drop: async () => {
      await db.$disconnect();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
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
