import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@llmguard/db";
import { createApp, type App } from "../app";
import { registerUser } from "../auth/auth.service";
import { verifyAuditChain, SYSTEM_CHAIN } from "../audit/audit.service";
import { createProject } from "../projects/project.service";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "../testing";
import { countStaleDataKeys, rewrapDataKeys } from "./data-key";
import { revealSecret, setSecret } from "./secret.service";

/**
 * Key-encryption-key rotation: secrets written under master key A stay readable after the operator
 * switches to B (A retired), rewrapping moves every data key to B without touching a single secret
 * ciphertext, and afterwards A can be dropped entirely.
 */
const A = "master-key-A-master-key-A-master-key-A";
const B = "master-key-B-master-key-B-master-key-B";
let first: Awaited<ReturnType<typeof createTestApp>>;
const others: App[] = [];

beforeAll(async () => {
  first = await createTestApp({ SECRETS_MASTER_KEY: A });
});
afterAll(async () => {
  for (const o of others) {
    await o.close();
    await o.db.$disconnect();
  }
  await first?.close();
});

async function instance(masterKey: string, retired: string[] = []): Promise<App> {
  const db = await createPrisma({ kind: "postgres", url: first.database.url, poolMax: 2 });
  const app = await createApp({ env: { ...first.env, SECRETS_MASTER_KEY: masterKey, SECRETS_MASTER_KEYS_RETIRED: retired }, db, logger: first.logger });
  others.push(app);
  return app;
}

describe("key-encryption-key rotation", () => {
  it("re-wraps data keys only; secrets stay readable before, during and after", async () => {
    const user = await registerUser({ app: first, input: { email: uniqueEmail(), password: TEST_PASSWORD } });
    const projects = [];
    for (let i = 0; i < 3; i++) {
      const { project } = await createProject({ app: first, userId: user.id, input: { name: `kek ${i}` } });
      await setSecret({ app: first, userId: user.id, input: { projectId: project.id, name: "TOKEN", value: `value-${i}` } });
      projects.push(project.id);
    }
    const before = await first.db.secret.findMany({ where: { projectId: { in: projects } }, orderBy: { projectId: "asc" } });

    // The operator sets B and retires A; nothing is re-wrapped yet, and everything still reads.
    const during = await instance(B, [A]);
    expect(await countStaleDataKeys(during)).toBe(3);
    for (const [i, projectId] of projects.entries()) {
      expect((await revealSecret({ app: during, userId: user.id, ref: { projectId, name: "TOKEN" } })).value).toBe(`value-${i}`);
    }

    const result = await rewrapDataKeys({ app: during });
    expect(result).toMatchObject({ kekId: during.keyProvider.currentKekId, rewrapped: 3, failed: [] });
    expect(await countStaleDataKeys(during)).toBe(0);
    expect((await rewrapDataKeys({ app: during })).rewrapped).toBe(0); // idempotent

    // Secret ciphertexts did not change: only the data keys were re-wrapped.
    const after = await first.db.secret.findMany({ where: { projectId: { in: projects } }, orderBy: { projectId: "asc" } });
    expect(after.map((s) => Buffer.from(s.ciphertext).toString("hex"))).toEqual(before.map((s) => Buffer.from(s.ciphertext).toString("hex")));

    // A is gone for good: an instance with only B reads everything; one with only A cannot.
    const onlyB = await instance(B);
    for (const [i, projectId] of projects.entries()) {
      expect((await revealSecret({ app: onlyB, userId: user.id, ref: { projectId, name: "TOKEN" } })).value).toBe(`value-${i}`);
    }
    const onlyA = await instance(A);
    await expect(revealSecret({ app: onlyA, userId: user.id, ref: { projectId: projects[0]!, name: "TOKEN" } })).rejects.toThrow(/not configured/);
    // The rotation itself is on the system audit chain, which still verifies.
    expect(await verifyAuditChain({ db: first.db, chain: SYSTEM_CHAIN })).toMatchObject({ ok: true });
  });

  it("gives every project its own data key (cryptographic isolation between tenants)", async () => {
    const user = await registerUser({ app: first, input: { email: uniqueEmail(), password: TEST_PASSWORD } });
    const ids = [];
    for (let i = 0; i < 2; i++) {
      const { project } = await createProject({ app: first, userId: user.id, input: { name: `iso ${i}` } });
      await setSecret({ app: first, userId: user.id, input: { projectId: project.id, name: "S", value: "same" } });
      ids.push(project.id);
    }
    const keys = await first.db.projectDataKey.findMany({ where: { projectId: { in: ids } } });
    expect(keys).toHaveLength(2);
    expect(Buffer.from(keys[0]!.wrappedKey).equals(Buffer.from(keys[1]!.wrappedKey))).toBe(false);
    // Project 0's ciphertext under project 1's row does not decrypt (different key and context).
    const s0 = await first.db.secret.findFirstOrThrow({ where: { projectId: ids[0]! } });
    await first.db.secret.updateMany({ where: { projectId: ids[1]! }, data: { ciphertext: s0.ciphertext } });
    first.caches.dataKeys.clear();
    await expect(revealSecret({ app: first, userId: user.id, ref: { projectId: ids[1]!, name: "S" } })).rejects.toThrow(/decryption failed/);
  });
});
