import type { Pool } from "pg";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;

/** What a PostgreSQL client's connection pool reports (node-postgres Pool's counters). */
export interface DatabasePool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { max?: number };
}

const pools = new WeakMap<Db, Pool>();

/**
 * The node-postgres pool of a client createPrisma made for PostgreSQL (undefined on the embedded
 * database, which is one connection without a pool): read by the pool gauges of /metrics, and used
 * directly by the hot paths that send their statements without Prisma's query layer: the group commit's
 * multi-row INSERT (whose thousands of array parameters Prisma would serialise and parse again), and
 * the reads of `queryRows`.
 */
export function databasePool(db: Db): Pool | undefined {
  return pools.get(db);
}

/**
 * One raw SQL statement (`$1`-style parameters) straight to node-postgres where there is a pool, else
 * through Prisma (the embedded database). For statements on hot paths: measured on a five-row read, a
 * Prisma findMany costs 0.7–0.9 ms of CPU, $queryRawUnsafe 0.3 ms, node-postgres 0.09 ms. Both return the same row objects for the types used here (text, numbers, booleans,
 * timestamps as Date); cast anything else (uuid, numeric, bigint) to text or int in the SQL.
 */
export async function queryRows<T>(db: Db, sql: string, params: unknown[]): Promise<T[]> {
  const pool = pools.get(db);
  if (pool) return (await pool.query(sql, params)).rows as T[];
  return db.$queryRawUnsafe<T[]>(sql, ...params);
}

export type DatabaseTarget =
  | {
      kind: "postgres";
      url: string;
      poolMax?: number;
      /** Told when an idle pooled connection fails (the server restarted, a proxy cut it); the pool drops it. */
      onIdleError?: (err: Error) => void;
    }
  | { kind: "embedded"; dataDir: string };

/**
 * Runtime client factory (ARCHITECTURE decision 2): a PostgreSQL server through @prisma/adapter-pg,
 * or the embedded default, PGlite in a local data folder. PGlite is one connection in one process:
 * good for trying LLMGuard, not for load.
 */
export async function createPrisma(target: DatabaseTarget): Promise<Db> {
  if (target.kind === "postgres") {
    const [{ PrismaPg }, { default: pg }] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
    // Our own Pool (the adapter would make the same one) so that its counters can be read; the adapter
    // ends it on $disconnect.
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolMax ?? 10 });
    // An idle client whose connection drops emits 'error' on the pool; Prisma listens only once it has
    // connected through the pool itself, and the group commit may be the pool's only user. The pool drops
    // the client; the next query reports an outage as usual. Without a listener the error would end the process.
    pool.on("error", (err) => target.onIdleError?.(err));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    pools.set(prisma, pool);
    // The adapter ends the pool only if Prisma ever connected through it; the group commit and the
    // search-vector lookup use the pool directly (databasePool), so a client may never have.
    const disconnect = prisma.$disconnect.bind(prisma);
    prisma.$disconnect = async () => {
      await disconnect();
      if (!pool.ended && !pool.ending) await pool.end();
    };
    return prisma;
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pglite = await PGlite.create(target.dataDir);
  // pglite-prisma-adapter 0.7.2 is typed against Prisma 7's adapter utils; same shape at runtime.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) as never });
  // The adapter's dispose() does not close PGlite, which would leave the data folder locked.
  const disconnect = prisma.$disconnect.bind(prisma);
  prisma.$disconnect = async () => {
    await disconnect();
    if (!pglite.closed) await pglite.close();
  };
  return prisma;
}
