import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, databasePool, queryRows, type Db } from "./client";
import { createScratchDatabase, type ScratchDatabase } from "./testing";

/**
 * queryRows answers alike on both paths: node-postgres' pool (PostgreSQL) and Prisma's raw query (the
 * embedded PGlite, which has no pool): arrays and numbers in, text, integers, booleans and timestamps out.
 */
const SQL = `SELECT u.v AS value, u.i::int AS i, (u.i > $2) AS big, $3::timestamptz + make_interval(secs => u.i) AS at
  FROM unnest($1::text[]) WITH ORDINALITY AS u(v, i) ORDER BY u.i`;
const params = [["a", "b", "c"], 1, "2026-01-01T00:00:00.000Z"];
const expected = [
  { value: "a", i: 1, big: false, at: new Date("2026-01-01T00:00:01.000Z") },
  { value: "b", i: 2, big: true, at: new Date("2026-01-01T00:00:02.000Z") },
  { value: "c", i: 3, big: true, at: new Date("2026-01-01T00:00:03.000Z") },
];

describe("queryRows", () => {
  let scratch: ScratchDatabase;
  let dir: string;
  let postgres: Db;
  let embedded: Db;
  beforeAll(async () => {
    scratch = await createScratchDatabase({ prefix: "llmguard_queryrows" });
    dir = await mkdtemp(path.join(tmpdir(), "llmguard-queryrows-"));
    postgres = await createPrisma({ kind: "postgres", url: scratch.url });
    embedded = await createPrisma({ kind: "embedded", dataDir: dir });
  });
  afterAll(async () => {
    await postgres?.$disconnect();
    await embedded?.$disconnect();
    await scratch?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("goes straight to the pool on PostgreSQL", async () => {
    const pool = databasePool(postgres)!;
    let queries = 0;
    const query = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof query>) => {
      queries++;
      return query(...args);
    }) as typeof pool.query;
    expect(await queryRows(postgres, SQL, params)).toEqual(expected);
    expect(queries).toBe(1);
  });

  it("goes through Prisma on the embedded database, with the same rows", async () => {
    expect(databasePool(embedded)).toBeUndefined();
    expect(await queryRows(embedded, SQL, params)).toEqual(expected);
  });
});
