import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@llmguard/db";
import { createTestDatabase, startDatabaseProxy } from "@llmguard/db/testing";
import { createApp, type App } from "../app";
import { authenticateApiKey, rotateApiKey, deleteApiKey } from "../api-keys/api-key.service";
import { registerUser } from "../auth/auth.service";
import { createProject } from "../projects/project.service";
import { getGuardSettings } from "../requests/guard-settings";
import { updateProjectSettings } from "../settings/settings.service";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "../testing";
import { createInvalidationBus, INVALIDATION_CHANNEL, type Invalidation } from "./invalidation";
import { createLogger } from "./logger";

/**
 * Two instances on one database, each with its own caches: a key rotated or deleted, or settings
 * changed, through one instance stop being served from the other's cache at once (not after the TTL).
 */
let a: Awaited<ReturnType<typeof createTestApp>>;
let b: App;

beforeAll(async () => {
  a = await createTestApp();
  const db = await createPrisma({ kind: "postgres", url: a.database.url, poolMax: 2 });
  b = await createApp({ env: a.env, db, logger: a.logger, listenUrl: a.database.url });
  // Let both LISTEN connections come up.
  await new Promise((r) => setTimeout(r, 300));
});
afterAll(async () => {
  await b?.close();
  await b?.db.$disconnect();
  await a?.close();
});

async function eventually(fn: () => Promise<boolean>, ms = 1000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

async function project() {
  const user = await registerUser({ app: a, input: { email: uniqueEmail(), password: TEST_PASSWORD } });
  const created = await createProject({ app: a, userId: user.id, input: { name: "multi-instance" } });
  return { userId: user.id, projectId: created.project.id, keyId: created.apiKey.id, key: created.apiKey.key };
}

describe("cross-instance invalidation", () => {
  it("a key rotated on one instance is refused by the other at once, although it was cached there", async () => {
    const p = await project();
    expect((await authenticateApiKey({ app: b, key: p.key })).keyId).toBe(p.keyId);
    await rotateApiKey({ app: a, userId: p.userId, ref: { projectId: p.projectId, keyId: p.keyId } });
    const refused = await eventually(async () => authenticateApiKey({ app: b, key: p.key }).then(() => false, () => true), 500);
    expect(refused).toBe(true);
  });

  it("a key deleted on one instance is refused by the other at once", async () => {
    const p = await project();
    await authenticateApiKey({ app: b, key: p.key });
    await deleteApiKey({ app: a, userId: p.userId, ref: { projectId: p.projectId, keyId: p.keyId } });
    expect(await eventually(async () => authenticateApiKey({ app: b, key: p.key }).then(() => false, () => true), 500)).toBe(true);
  });

  it("concurrent requests share one settings read; a read begun before an invalidation is neither joined nor cached", async () => {
    const p = await project();
    b.caches.guardSettings.delete(p.projectId);
    const reads = Array.from({ length: 20 }, () => getGuardSettings(b, p.projectId));
    expect(new Set(reads).size).toBe(1);
    await Promise.all(reads);
    b.caches.guardSettings.delete(p.projectId);
    const stale = getGuardSettings(b, p.projectId);
    b.caches.guardSettings.delete(p.projectId); // a settings change lands while that read is in flight
    const fresh = getGuardSettings(b, p.projectId);
    expect(fresh).not.toBe(stale);
    const staleValue = await stale;
    const freshValue = await fresh;
    expect(b.caches.guardSettings.get(p.projectId)).toBe(freshValue);
    expect(b.caches.guardSettings.get(p.projectId)).not.toBe(staleValue);
  });

  it("settings changed on one instance are in force on the other at once", async () => {
    const p = await project();
    expect((await getGuardSettings(b, p.projectId)).riskThreshold).toBe(70);
    await updateProjectSettings({ app: a, userId: p.userId, input: { projectId: p.projectId, safetyThreshold: 15 } });
    expect(await eventually(async () => (await getGuardSettings(b, p.projectId)).riskThreshold === 15, 500)).toBe(true);
  });
});

/** A debug-level logger whose lines the test reads back. */
function capturingLogger() {
  const lines: { level: number; msg: string; code?: string; err?: unknown }[] = [];
  const logger = createLogger({ level: "debug", destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  const at = (level: number) => lines.filter((l) => l.level === level);
  return { logger, lines, warns: () => at(40), debugs: () => at(20), infos: () => at(30) };
}

async function listening(db: App["db"]): Promise<boolean> {
  return eventually(async () => {
    const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query = ${`LISTEN "${INVALIDATION_CHANNEL}"`}`;
    return rows[0]!.n > 0n;
  }, 5000);
}

describe("invalidation listener outages (issue 8)", () => {
  it("a database dropped under the listener is one warn line without a stack; the retries that follow are debug", async () => {
    const database = await createTestDatabase();
    const log = capturingLogger();
    const bus = createInvalidationBus({ db: database.db, listenUrl: database.url, logger: log.logger, apply: () => undefined, applyAll: () => undefined });
    try {
      expect(await listening(database.db)).toBe(true);
      await database.drop(); // DROP DATABASE ... WITH (FORCE): 57P01 for the listener, then 3D000 on every reconnect
      expect(await eventually(async () => log.debugs().filter((l) => l.code === "3D000").length >= 2, 10_000)).toBe(true);
    } finally {
      await bus.close();
    }
    expect(log.warns()).toHaveLength(1);
    expect(log.warns()[0]).toMatchObject({ code: "57P01", msg: "invalidation listener lost its database connection; reconnecting" });
    expect(log.lines.filter((l) => "err" in l || JSON.stringify(l).includes("stack"))).toEqual([]);
  });

  it("after a real outage the listener reconnects, clears the caches, logs once each way and receives notifications again", async () => {
    const proxy = await startDatabaseProxy(a.database.url);
    const log = capturingLogger();
    const applied: Invalidation[] = [];
    let clearedAll = 0;
    const bus = createInvalidationBus({
      db: a.db,
      listenUrl: proxy.url,
      logger: log.logger,
      apply: (msg) => void applied.push(msg),
      applyAll: () => void clearedAll++,
    });
    const notify = (msg: Invalidation) => a.db.$executeRaw`SELECT pg_notify(${INVALIDATION_CHANNEL}, ${JSON.stringify(msg)})`;
    try {
      expect(await listening(a.db)).toBe(true);
      proxy.cut();
      expect(await eventually(async () => log.debugs().length >= 2, 10_000)).toBe(true);
      expect(clearedAll).toBe(0);
      proxy.restore();
      expect(await eventually(async () => clearedAll === 1, 10_000)).toBe(true);
      await notify({ kind: "settings", projectId: "after-outage" });
      expect(await eventually(async () => applied.some((m) => m.kind === "settings" && m.projectId === "after-outage"))).toBe(true);
    } finally {
      await bus.close();
      await proxy.close();
    }
    expect(log.warns().map((l) => l.msg)).toEqual(["invalidation listener lost its database connection; reconnecting"]);
    expect(log.infos().map((l) => l.msg)).toEqual(["invalidation listener reconnected; caches cleared"]);
    expect(log.lines.filter((l) => "err" in l)).toEqual([]);
  });

  it("an unexpected listener error keeps its stack", async () => {
    const log = capturingLogger();
    // A syntactically valid URL the server refuses for a reason that is not an outage: a role that does not exist.
    const u = new URL(a.database.url);
    u.username = "llmguard_no_such_role";
    const bus = createInvalidationBus({ db: a.db, listenUrl: u.toString(), logger: log.logger, apply: () => undefined, applyAll: () => undefined });
    try {
      expect(await eventually(async () => log.warns().length === 1, 5000)).toBe(true);
    } finally {
      await bus.close();
    }
    expect(log.warns()[0]).toMatchObject({ msg: "invalidation listener error; reconnecting", err: { code: "28000" } });
    expect(JSON.stringify(log.warns()[0])).toContain("stack");
  });
});
