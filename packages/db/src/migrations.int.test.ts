import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createPrisma } from "./client";
import { migrateDeploy } from "./migrate.mjs";
import { createTestDatabase, repoRoot, serverUrl } from "./testing";

const run = promisify(execFile);

describe("migrations", () => {
  it("apply to the embedded default (PGlite in a fresh data folder) and the client works on it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "llmguard-pglite-"));
    try {
      // every migration folder is applied to the fresh folder, and reported as applied
      const folders = (await readdir(path.join(repoRoot, "prisma", "migrations"))).filter((f) => /^\d{14}_/.test(f));
      expect(folders.length).toBeGreaterThan(0);
      expect((await migrateDeploy({ target: { kind: "embedded", dataDir: dir } })).applied).toBe(folders.length);
      const db = await createPrisma({ kind: "embedded", dataDir: dir });
      const user = await db.user.create({ data: { email: "embedded@example.test", passwordHash: "x" } });
      await db.project.create({ data: { name: "p", members: { create: { userId: user.id, role: "owner" } } } });
      expect(await db.projectMember.count()).toBe(1);
      await db.$disconnect();
      // applying again is a no-op, and the folder opens again once the first client has closed
      expect((await migrateDeploy({ target: { kind: "embedded", dataDir: dir } })).applied).toBe(0);
      const again = await createPrisma({ kind: "embedded", dataDir: dir });
      expect(await again.user.count()).toBe(1);
      await again.$disconnect();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("apply to PostgreSQL and match schema.prisma exactly (no drift)", async () => {
    const prismaCli = createRequire(path.join(repoRoot, "package.json")).resolve("prisma/build/index.js");
    // --exit-code: 0 = no difference, 2 = the migrations and the schema differ
    const res = await run(
      process.execPath,
      [prismaCli, "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"],
      { cwd: repoRoot, env: { ...process.env, DATABASE_URL: serverUrl } },
    ).catch((e: { code?: number; stdout?: string }) => e);
    expect((res as { code?: number }).code ?? 0, (res as { stdout?: string }).stdout).toBe(0);
    const t = await createTestDatabase();
    const tables = await t.db.$queryRaw<{ tablename: string }[]>`SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
    expect(tables.map((r) => r.tablename)).toEqual(expect.arrayContaining(["User", "Session", "Project", "ApiKey", "AuditEntry", "ConfigVersion", "_prisma_migrations"]));
    await t.drop();
  });
});
