import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, databasePool, queryRows, type Db } from "./client";
import { createScratchDatabase, serverUrl, type ScratchDatabase } from "./testing";

/**
 * An idle pooled connection that the server ends (a restart, a proxy's idle timeout) makes the pool emit
 * 'error'. The process must live on, the owner must be told, and the next query must work on a new
 * connection.
 */
describe("createPrisma's pool, when an idle connection fails", () => {
  let scratch: ScratchDatabase;
  let db: Db;
  const told: Error[] = [];
  beforeAll(async () => {
    scratch = await createScratchDatabase({ prefix: "llmguard_poolerr" });
    db = await createPrisma({ kind: "postgres", url: scratch.url, onIdleError: (err) => told.push(err) });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await scratch?.drop();
  });

  it("reports it to onIdleError, drops the connection and serves the next query on a new one", async () => {
    const [first] = await queryRows<{ pid: number }>(db, "SELECT pg_backend_pid() AS pid", []);
    const pool = databasePool(db)!;
    expect(pool.idleCount).toBe(1);

    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend($1)", [first!.pid]);
    } finally {
      await admin.end();
    }
    await expect.poll(() => told.length, { timeout: 5_000 }).toBe(1);
    expect(told[0]!.message).toMatch(/terminat/i);
    expect(pool.totalCount).toBe(0);

    const [second] = await queryRows<{ pid: number }>(db, "SELECT pg_backend_pid() AS pid", []);
    expect(second!.pid).not.toBe(first!.pid);
  });
});
