import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolMax?: number }
  | { kind: "embedded"; dataDir: string };

/**
 * Runtime client factory (ARCHITECTURE decision 2): a PostgreSQL server through @prisma/adapter-pg,
 * or the embedded default, PGlite in a local data folder. PGlite is one connection in one process:
 * good for trying LLMGuard, not for load.
 */
export async function createPrisma(target: DatabaseTarget): Promise<Db> {
  if (target.kind === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaClient({
      adapter: new PrismaPg({ connectionString: target.url, max: target.poolMax ?? 10 }),
    });
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
