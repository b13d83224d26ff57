import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteMigrationAdapter, pgMigrationAdapter } from "./migration-adapters";
import { createScratchDatabase, serverUrl, type ScratchDatabase } from "./testing";

/**
 * The driver adapters the Prisma CLI migrates with (prisma.config.ts), run in process against real
 * PostgreSQL and PGlite: each works around a defect of the stock adapter, and each test fails when its
 * workaround is gone. (migrations.int.test.ts runs them inside the CLI, where coverage cannot see them.)
 */
async function sql<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}
const query = (text: string) => ({ sql: text, args: [], argTypes: [] });
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error & { cause?: { kind?: string; code?: string; message?: string } });
const databases = async (prefix: string) => (await sql<{ datname: string }>(serverUrl, `SELECT datname FROM pg_database WHERE datname LIKE '${prefix}%'`)).map((r) => r.datname);

describe("pgMigrationAdapter (PostgreSQL)", () => {
  let main: ScratchDatabase;
  beforeAll(async () => {
    main = await createScratchDatabase({ prefix: "llmguard_madapter" });
  });
  afterAll(async () => main?.drop());

  it("runs a migration script whole: semicolons inside strings, functions and DO blocks survive", async () => {
    const adapter = await pgMigrationAdapter(main.url).connect();
    try {
      await adapter.executeScript(`
        CREATE TABLE "Note" ("id" serial PRIMARY KEY, "text" text NOT NULL DEFAULT 'a;b');
        CREATE FUNCTION note_count() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM "Note"); END; $$;
        DO $$ BEGIN INSERT INTO "Note" DEFAULT VALUES; INSERT INTO "Note" ("text") VALUES ('c;d'); END $$;
      `);
    } finally {
      await adapter.dispose();
    }
    expect(await sql(main.url, `SELECT "text", note_count()::int AS n FROM "Note" ORDER BY "id"`)).toEqual([
      { text: "a;b", n: 2 },
      { text: "c;d", n: 2 },
    ]);
  });

  it("applies a failing script not at all (one implicit transaction) and reports PostgreSQL's error code", async () => {
    const adapter = await pgMigrationAdapter(main.url).connect();
    let err;
    try {
      err = await failure(adapter.executeScript(`CREATE TABLE "Half" ("id" int); INSERT INTO "Half" VALUES (1 / 0);`));
    } finally {
      await adapter.dispose();
    }
    expect(err?.name).toBe("DriverAdapterError");
    expect(err?.cause).toMatchObject({ kind: "postgres", code: "22012", message: "division by zero" });
    expect(await sql(main.url, `SELECT to_regclass('"Half"') AS t`)).toEqual([{ t: null }]);
  });

  it("reads pg_catalog's internal \"char\" and name columns as text (the schema engine introspects them)", async () => {
    const adapter = await pgMigrationAdapter(main.url).connect();
    try {
      // Without the workaround adapter-pg throws "Column type 'char' could not be deserialized from the database".
      const res = await adapter.queryRaw(query(`SELECT c.relkind, c.relname, 'x'::text AS plain, ARRAY[c.relname] AS names, ARRAY['x'::text] AS plain_array FROM pg_class c WHERE c.relname = 'pg_class'`));
      expect(res.rows[0]!.slice(0, 3)).toEqual(["r", "pg_class", "x"]);
      const [relkind, relname, plain, names, plainArray] = res.columnTypes;
      expect([relkind, relname]).toEqual([plain, plain]);
      expect(names).toBe(plainArray);
    } finally {
      await adapter.dispose();
    }
  });

  it("creates a throw-away shadow database beside the main one and drops it when disposed", async () => {
    const before = await databases("prisma_migrate_shadow_db_");
    const shadow = await pgMigrationAdapter(main.url).connectToShadowDb();
    const created = (await databases("prisma_migrate_shadow_db_")).filter((d) => !before.includes(d));
    expect(created).toHaveLength(1);
    // The shadow is really another database: what is created there is not in the main one.
    await shadow.executeScript(`CREATE TABLE "OnlyInShadow" ("id" int)`);
    expect(await sql(main.url, `SELECT to_regclass('"OnlyInShadow"') AS t`)).toEqual([{ t: null }]);
    await shadow.dispose();
    expect(await databases(created[0]!)).toEqual([]);
  });

  it("wipes a dedicated shadow database before use", async () => {
    const dedicated = await createScratchDatabase({ prefix: "llmguard_madapter_shadow" });
    try {
      await sql(dedicated.url, `CREATE TABLE "Leftover" ("id" int)`);
      const shadow = await pgMigrationAdapter(main.url, dedicated.url).connectToShadowDb();
      await shadow.dispose();
      expect(await sql(dedicated.url, `SELECT to_regclass('"Leftover"') AS t, to_regnamespace('public') IS NOT NULL AS has_public`)).toEqual([{ t: null, has_public: true }]);
    } finally {
      await dedicated.drop();
    }
  });
});

describe("pgliteMigrationAdapter (embedded)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "llmguard-madapter-"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("rejects a failing migration script instead of reporting it applied, with PostgreSQL's code", async () => {
    const adapter = await pgliteMigrationAdapter(path.join(dir, "data")).connect();
    try {
      await adapter.executeScript(`CREATE TABLE "Ok" ("id" int); INSERT INTO "Ok" VALUES (1), (2);`);
      const err = await failure(adapter.executeScript(`INSERT INTO "Missing" VALUES (1);`));
      expect(err?.name).toBe("DriverAdapterError");
      expect(err?.cause).toMatchObject({ kind: "postgres", code: "42P01" });
      const res = await adapter.queryRaw(query(`SELECT count(*)::int AS n FROM "Ok"`));
      expect(res.rows).toEqual([[2]]);
    } finally {
      await adapter.dispose();
    }
  });

  it("runs a parameterless multi-statement executeRaw (how the shadow database replays migrations) and counts the rows", async () => {
    const shadow = await pgliteMigrationAdapter(path.join(dir, "unused")).connectToShadowDb();
    try {
      // PGlite prepares every statement ("cannot insert multiple commands into a prepared statement"): the
      // adapter sends a parameterless one through exec(). (The count it returns is not checked: PGlite reports
      // running totals per statement, which the adapter adds up; the schema engine ignores it.)
      await shadow.executeRaw(query(`CREATE TABLE "T" ("v" int); INSERT INTO "T" VALUES (1), (2), (3); UPDATE "T" SET "v" = "v" + 10 WHERE "v" > 1;`));
      expect((await shadow.queryRaw(query(`SELECT "v" FROM "T" ORDER BY "v"`))).rows).toEqual([[1], [12], [13]]);
      // With arguments it stays a prepared statement.
      expect(await shadow.executeRaw({ sql: `DELETE FROM "T" WHERE "v" > $1`, args: [12], argTypes: ["Int32"] as never })).toBe(1);
      const err = await failure(shadow.executeRaw(query(`SELECT 1; SELECT nope;`)));
      expect(err?.cause).toMatchObject({ kind: "postgres", code: "42703" });
    } finally {
      await shadow.dispose();
    }
  });

  it("keeps what was migrated in its data folder for the next connection", async () => {
    const data = path.join(dir, "persist");
    const first = await pgliteMigrationAdapter(data).connect();
    await first.executeScript(`CREATE TABLE "Kept" ("id" int); INSERT INTO "Kept" VALUES (7);`);
    await first.dispose();
    const second = await pgliteMigrationAdapter(data).connect();
    try {
      expect((await second.queryRaw(query(`SELECT "id" FROM "Kept"`))).rows).toEqual([[7]]);
    } finally {
      await second.dispose();
    }
  });
});
