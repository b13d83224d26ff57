import { randomBytes } from "node:crypto";
import type { Prisma } from "@llmguard/db";
import type { App } from "../app";
import { appendAudit, SYSTEM_CHAIN } from "../audit/audit.service";
import type { RewrapResult } from "./secret.schema";

type Tx = Prisma.TransactionClient | App["db"];

const context = (projectId: string) => `dek:${projectId}`;

/**
 * The project's data key (32 bytes), unwrapped by the key provider. Unwrapped keys are cached in memory
 * (AppCaches.dataKeys) only after they were read from a committed row: a key created inside a
 * transaction that rolls back must never be used again.
 */
export async function getDataKey(app: App, db: Tx, projectId: string): Promise<Buffer | null> {
  const cached = app.caches.dataKeys.get(projectId);
  if (cached) return cached;
  const row = await db.projectDataKey.findUnique({ where: { projectId } });
  if (!row) return null;
  const key = await app.keyProvider.unwrap(Buffer.from(row.wrappedKey), row.kekId, context(projectId));
  app.caches.dataKeys.set(projectId, key);
  return key;
}

/** The data key, created (random, wrapped by the current KEK) inside `tx` when the project has none. */
export async function getOrCreateDataKey(app: App, tx: Prisma.TransactionClient, projectId: string): Promise<Buffer> {
  const existing = await getDataKey(app, tx, projectId);
  if (existing) return existing;
  const key = randomBytes(32);
  const { kekId, wrapped } = await app.keyProvider.wrap(key, context(projectId));
  await tx.projectDataKey.create({ data: { projectId, kekId, wrappedKey: new Uint8Array(wrapped) } });
  return key;
}

/**
 * Key-encryption-key rotation: re-wraps every data key not under the current KEK. Secrets are not
 * re-encrypted (their data keys do not change). Run after setting the new SECRETS_MASTER_KEY and moving
 * the old one to SECRETS_MASTER_KEYS_RETIRED; once it reports no failures the old key can be dropped.
 */
export async function rewrapDataKeys(params: { app: App }): Promise<RewrapResult> {
  const { app } = params;
  const provider = app.keyProvider;
  const rows = await app.db.projectDataKey.findMany({ select: { projectId: true, kekId: true, wrappedKey: true } });
  const result: RewrapResult = { kekId: provider.currentKekId, rewrapped: 0, alreadyCurrent: 0, failed: [] };
  for (const row of rows) {
    if (row.kekId === provider.currentKekId) {
      result.alreadyCurrent++;
      continue;
    }
    try {
      const key = await provider.unwrap(Buffer.from(row.wrappedKey), row.kekId, context(row.projectId));
      const { kekId, wrapped } = await provider.wrap(key, context(row.projectId));
      // Only the row still wrapped by the old KEK is updated, so a concurrent rewrap cannot double-apply.
      const updated = await app.db.projectDataKey.updateMany({
        where: { projectId: row.projectId, kekId: row.kekId },
        data: { kekId, wrappedKey: new Uint8Array(wrapped), rewrappedAt: new Date() },
      });
      if (updated.count === 1) result.rewrapped++;
      else result.alreadyCurrent++;
    } catch (err) {
      result.failed.push({ projectId: row.projectId, reason: (err as Error).message });
    }
  }
  await appendAuditStandalone(app, result);
  return result;
}

async function appendAuditStandalone(app: App, result: RewrapResult) {
  await app.db.$transaction((tx) =>
    appendAudit(tx, SYSTEM_CHAIN, {
      action: "secrets.kek_rotated",
      targetType: "key_encryption_key",
      targetId: result.kekId,
      metadata: { rewrapped: result.rewrapped, alreadyCurrent: result.alreadyCurrent, failed: result.failed.length },
    }),
  );
}

/** How many data keys still need a KEK other than the current one (logged at start-up). */
export async function countStaleDataKeys(app: App): Promise<number> {
  return app.db.projectDataKey.count({ where: { kekId: { not: app.keyProvider.currentKekId } } });
}
