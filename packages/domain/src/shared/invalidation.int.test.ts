import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@llmguard/db";
import { createApp, type App } from "../app";
import { authenticateApiKey, rotateApiKey, deleteApiKey } from "../api-keys/api-key.service";
import { registerUser } from "../auth/auth.service";
import { createProject } from "../projects/project.service";
import { getGuardSettings } from "../requests/guard-settings";
import { updateProjectSettings } from "../settings/settings.service";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "../testing";

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

  it("settings changed on one instance are in force on the other at once", async () => {
    const p = await project();
    expect((await getGuardSettings(b, p.projectId)).riskThreshold).toBe(70);
    await updateProjectSettings({ app: a, userId: p.userId, input: { projectId: p.projectId, safetyThreshold: 15 } });
    expect(await eventually(async () => (await getGuardSettings(b, p.projectId)).riskThreshold === 15, 500)).toBe(true);
  });
});
