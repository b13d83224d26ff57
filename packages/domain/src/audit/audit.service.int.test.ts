import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app";
import { createTestApp } from "../testing";
import { appendAudit, verifyAuditChain } from "./audit.service";

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.close());

async function chainOf(n: number) {
  const chain = `test:${Math.random().toString(36).slice(2)}`;
  for (let i = 0; i < n; i++) await appendAudit(app.db, chain, { action: "settings.updated", metadata: { i } });
  return chain;
}

describe("audit chain", () => {
  it("links entries by hash and verifies an untouched chain", async () => {
    const chain = await chainOf(5);
    const rows = await app.db.auditEntry.findMany({ where: { chain }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain({ db: app.db, chain })).toEqual({ chain, ok: true, entries: 5, firstBroken: null });
  });

  it("names the first entry altered directly in the database", async () => {
    const chain = await chainOf(5);
    await app.db.$executeRaw`UPDATE "AuditEntry" SET metadata = '{"i": 99}' WHERE chain = ${chain} AND seq = 3`;
    const result = await verifyAuditChain({ db: app.db, chain });
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ seq: 3, reason: expect.stringContaining("altered") });
  });

  it("detects a removed entry and removed newest entries", async () => {
    const chain = await chainOf(4);
    await app.db.$executeRaw`DELETE FROM "AuditEntry" WHERE chain = ${chain} AND seq = 2`;
    expect((await verifyAuditChain({ db: app.db, chain })).firstBroken?.seq).toBe(3);
    const tail = await chainOf(4);
    await app.db.$executeRaw`DELETE FROM "AuditEntry" WHERE chain = ${tail} AND seq = 4`;
    expect(await verifyAuditChain({ db: app.db, chain: tail })).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
  });

  it("keeps seq gap-free under concurrent appends", async () => {
    const chain = `test:concurrent-${Date.now()}`;
    await Promise.all(Array.from({ length: 20 }, (_, i) => app.db.$transaction((tx) => appendAudit(tx, chain, { action: "auth.login", metadata: { i } }))));
    const result = await verifyAuditChain({ db: app.db, chain });
    expect(result).toMatchObject({ ok: true, entries: 20 });
  });
});
