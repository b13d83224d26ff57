import type { Db, Prisma } from "@llmguard/db";
import { canonicalJson, sha256Hex } from "../shared/crypto";
import type { AuditAction, AuditEntryView, AuditVerification } from "./audit.schema";

/** Hash of "no previous entry": the prevHash of every chain's first entry. */
export const GENESIS_HASH = "0".repeat(64);

type Tx = Prisma.TransactionClient | Db;

export interface AuditEvent {
  action: AuditAction;
  actorId?: string | null;
  projectId?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  /** Never put a secret, password or token here. */
  metadata?: Record<string, unknown>;
}

export const userChain = (userId: string) => `user:${userId}`;
export const projectChain = (projectId: string) => `project:${projectId}`;
export const SYSTEM_CHAIN = "system";

interface HashedFields {
  chain: string;
  seq: number;
  prevHash: string;
  action: string;
  actorId: string | null;
  projectId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  metadata: unknown;
  createdAt: Date;
}

export function hashAuditEntry(e: HashedFields): string {
  return sha256Hex(
    canonicalJson({
      chain: e.chain,
      seq: e.seq,
      prevHash: e.prevHash,
      action: e.action,
      actorId: e.actorId,
      projectId: e.projectId,
      targetType: e.targetType,
      targetId: e.targetId,
      ip: e.ip,
      metadata: e.metadata,
      createdAt: e.createdAt.toISOString(),
    }),
  );
}

/**
 * Appends one entry to `chain` inside the caller's transaction, so the event and its audit entry commit
 * together. The head row's upsert takes a row lock until the transaction ends: appends to one chain are
 * serialized, seq has no gaps and prevHash is always the hash of seq - 1.
 */
export async function appendAudit(tx: Tx, chain: string, event: AuditEvent): Promise<void> {
  const head = await tx.auditChainHead.upsert({
    where: { chain },
    create: { chain, seq: 1, hash: GENESIS_HASH },
    update: { seq: { increment: 1 } },
  });
  const fields: HashedFields = {
    chain,
    seq: head.seq,
    prevHash: head.hash,
    action: event.action,
    actorId: event.actorId ?? null,
    projectId: event.projectId ?? null,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    ip: event.ip ?? null,
    metadata: JSON.parse(canonicalJson(event.metadata ?? {})) as unknown,
    createdAt: new Date(),
  };
  const hash = hashAuditEntry(fields);
  await tx.auditEntry.create({ data: { ...fields, metadata: fields.metadata as Prisma.InputJsonValue, hash } });
  await tx.auditChainHead.update({ where: { chain }, data: { hash } });
}

/** Recomputes a chain from its first entry and reports the first altered, removed or re-linked entry. */
export async function verifyAuditChain(params: { db: Db; chain: string }): Promise<AuditVerification> {
  const { db, chain } = params;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let cursor = 0;
  const PAGE = 1000;
  for (;;) {
    const rows = await db.auditEntry.findMany({ where: { chain, seq: { gt: cursor } }, orderBy: { seq: "asc" }, take: PAGE });
    for (const row of rows) {
      count++;
      const broken = (reason: string): AuditVerification => ({ chain, ok: false, entries: count, firstBroken: { seq: row.seq, id: row.id.toString(), reason } });
      if (row.seq !== expectedSeq) return broken(`expected seq ${expectedSeq}, found ${row.seq} (an entry was removed)`);
      if (row.prevHash !== prevHash) return broken("prevHash does not match the previous entry");
      if (hashAuditEntry(row) !== row.hash) return broken("entry content does not match its hash (altered)");
      prevHash = row.hash;
      expectedSeq++;
      cursor = row.seq;
    }
    if (rows.length < PAGE) break;
  }
  const head = await db.auditChainHead.findUnique({ where: { chain } });
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prevHash)) {
    return { chain, ok: false, entries: count, firstBroken: { seq: expectedSeq, id: "", reason: "the newest entries were removed" } };
  }
  return { chain, ok: true, entries: count, firstBroken: null };
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  targetType?: string;
  from?: Date;
  to?: Date;
}

function auditWhere(chain: string, q: AuditQuery): Prisma.AuditEntryWhereInput {
  return {
    chain,
    ...(q.action ? { action: q.action.endsWith(".") ? { startsWith: q.action } : q.action } : {}),
    ...(q.actorId ? { actorId: q.actorId } : {}),
    ...(q.targetType ? { targetType: q.targetType } : {}),
    ...(q.from || q.to ? { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } : {}),
  };
}

const toAuditView = (r: { id: bigint; metadata: unknown } & Omit<AuditEntryView, "id" | "metadata">): AuditEntryView => ({ ...r, id: r.id.toString(), metadata: r.metadata as Record<string, unknown> });

export async function listAuditEntries(params: { db: Db; chain: string; limit?: number; beforeSeq?: number } & AuditQuery): Promise<AuditEntryView[]> {
  const where = auditWhere(params.chain, params);
  const rows = await params.db.auditEntry.findMany({
    where: { ...where, ...(params.beforeSeq ? { seq: { lt: params.beforeSeq } } : {}) },
    orderBy: { seq: "desc" },
    take: Math.min(params.limit ?? 50, 200),
  });
  return rows.map(toAuditView);
}

/** Every matching entry, oldest first, a page at a time (for the JSON Lines export). */
export async function* iterateAuditEntries(params: { db: Db; chain: string } & AuditQuery): AsyncGenerator<AuditEntryView> {
  const where = auditWhere(params.chain, params);
  let after = 0;
  for (;;) {
    const rows = await params.db.auditEntry.findMany({ where: { ...where, seq: { gt: after } }, orderBy: { seq: "asc" }, take: 1000 });
    for (const r of rows) yield toAuditView(r);
    if (rows.length < 1000) return;
    after = rows[rows.length - 1]!.seq;
  }
}
