import type { Prisma, Secret } from "@llmguard/db";
import type { App } from "../app";
import { appendAudit, projectChain } from "../audit/audit.service";
import { latestVersionsByEnvironment, takeRevision } from "../config/config-store";
import { secretReferences } from "../config/template-resolution";
import { requireProjectAccess } from "../projects/permissions";
import { DomainError, notFound } from "../shared/errors";
import { getDataKey, getOrCreateDataKey } from "./data-key";
import { open, seal } from "./envelope";
import type { RevealedSecret, RotateSecretInput, SecretMetadata, SecretRef, SetSecretInput, UpdateSecretMetadataInput } from "./secret.schema";

type Tx = Prisma.TransactionClient | App["db"];

/** Associated data of a secret's ciphertext: it decrypts only as this project's secret, name and version. */
const aad = (projectId: string, name: string, version: number) => `secret:${projectId}:${name}:v${version}`;

const DAY_MS = 86_400_000;

function toMetadata(s: Secret, references: { environment: string; key: string }[], now = new Date()): SecretMetadata {
  const rotationDueAt = s.rotationDays ? new Date(s.lastRotatedAt.getTime() + s.rotationDays * DAY_MS) : null;
  const inGrace = !!(s.previousExpiresAt && s.previousExpiresAt > now && s.previousCiphertext);
  return {
    name: s.name,
    description: s.description,
    version: s.version,
    rotationDays: s.rotationDays,
    lastRotatedAt: s.lastRotatedAt,
    rotationDueAt,
    overdue: !!rotationDueAt && rotationDueAt <= now,
    inGracePeriod: inGrace,
    previousVersion: inGrace ? s.previousVersion : null,
    previousExpiresAt: inGrace ? s.previousExpiresAt : null,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    references,
  };
}

/** Where each secret is referenced: the newest version of every environment. */
async function referencesBySecret(db: Tx, projectId: string): Promise<Map<string, { environment: string; key: string }[]>> {
  const byName = new Map<string, { environment: string; key: string }[]>();
  for (const [environment, v] of await latestVersionsByEnvironment(db, projectId)) {
    for (const [key, value] of Object.entries(v.values)) {
      for (const name of secretReferences(value)) {
        const list = byName.get(name) ?? [];
        list.push({ environment, key });
        byName.set(name, list);
      }
    }
  }
  return byName;
}

/** Names and metadata only, never values (viewers and up). */
export async function listSecrets(params: { app: App; userId: string; projectId: string }): Promise<SecretMetadata[]> {
  const { app, projectId } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId, action: "secret.list" });
  const [rows, refs] = await Promise.all([app.db.secret.findMany({ where: { projectId }, orderBy: { name: "asc" } }), referencesBySecret(app.db, projectId)]);
  return rows.map((r) => toMetadata(r, refs.get(r.name) ?? []));
}

async function encrypt(app: App, tx: Prisma.TransactionClient, projectId: string, name: string, version: number, value: string): Promise<Uint8Array<ArrayBuffer>> {
  const key = await getOrCreateDataKey(app, tx, projectId);
  return new Uint8Array(seal(key, Buffer.from(value, "utf8"), aad(projectId, name, version)));
}

async function decrypt(app: App, db: Tx, s: { projectId: string; name: string }, version: number, ciphertext: Uint8Array): Promise<string> {
  const key = await getDataKey(app, db, s.projectId);
  if (!key) throw new Error(`project ${s.projectId} has secrets but no data key`);
  return open(key, Buffer.from(ciphertext), aad(s.projectId, s.name, version)).toString("utf8");
}

/**
 * Creates a secret, or replaces its value at once (the old value stops being served; use rotate for a
 * grace period). A new value restarts the rotation clock. Admins and owners.
 */
export async function setSecret(params: { app: App; userId: string; input: SetSecretInput; ip?: string | null }): Promise<SecretMetadata> {
  const { app, userId, input } = params;
  const { projectId, name } = input;
  await requireProjectAccess({ db: app.db, userId, projectId, action: "secret.write" });
  const row = await app.db.$transaction(async (tx) => {
    await takeRevision(tx, projectId, { secrets: true });
    const existing = await tx.secret.findUnique({ where: { projectId_name: { projectId, name } } });
    const version = (existing?.version ?? 0) + 1;
    const ciphertext = await encrypt(app, tx, projectId, name, version, input.value);
    const now = new Date();
    const saved = existing
      ? await tx.secret.update({
          where: { id: existing.id },
          data: {
            version,
            ciphertext,
            previousVersion: null,
            previousCiphertext: null,
            previousExpiresAt: null,
            lastRotatedAt: now,
            updatedById: userId,
            ...(input.rotationDays !== undefined ? { rotationDays: input.rotationDays } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
          },
        })
      : await tx.secret.create({
          data: { projectId, name, version, ciphertext, lastRotatedAt: now, rotationDays: input.rotationDays ?? null, description: input.description ?? "", createdById: userId, updatedById: userId },
        });
    await appendAudit(tx, projectChain(projectId), {
      action: existing ? "secret.updated" : "secret.created",
      actorId: userId,
      projectId,
      targetType: "secret",
      targetId: name,
      ip: params.ip,
      metadata: { name, version, rotationDays: saved.rotationDays },
    });
    return saved;
  });
  await app.invalidate({ kind: "config", projectId });
  return toMetadata(row, (await referencesBySecret(app.db, projectId)).get(name) ?? []);
}

/**
 * Changes a secret's rotation policy or description. The value, its version and the rotation clock stay
 * as they are (setting a policy is not a rotation). Admins and owners.
 */
export async function updateSecretMetadata(params: { app: App; userId: string; input: UpdateSecretMetadataInput; ip?: string | null }): Promise<SecretMetadata> {
  const { app, userId, input } = params;
  await requireProjectAccess({ db: app.db, userId, projectId: input.projectId, action: "secret.write" });
  const row = await app.db.$transaction(async (tx) => {
    const existing = await findSecret(tx, input);
    const saved = await tx.secret.update({
      where: { id: existing.id },
      data: {
        ...(input.rotationDays !== undefined ? { rotationDays: input.rotationDays } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updatedById: userId,
      },
    });
    await appendAudit(tx, projectChain(input.projectId), {
      action: "secret.updated",
      actorId: userId,
      projectId: input.projectId,
      targetType: "secret",
      targetId: input.name,
      ip: params.ip,
      metadata: { name: input.name, version: saved.version, rotationDays: saved.rotationDays, metadataOnly: true },
    });
    return saved;
  });
  return toMetadata(row, (await referencesBySecret(app.db, input.projectId)).get(input.name) ?? []);
}

async function findSecret(db: Tx, ref: SecretRef): Promise<Secret> {
  const row = await db.secret.findUnique({ where: { projectId_name: { projectId: ref.projectId, name: ref.name } } });
  if (!row) throw notFound("Secret");
  return row;
}

/**
 * Rotation with a grace period: the new value is current at once, and the previous one is still served
 * as `previous` until the grace period ends, so consumers switch without downtime. Rotating again during
 * a grace period ends the older one (only one previous value is kept).
 */
export async function rotateSecret(params: { app: App; userId: string; input: RotateSecretInput; ip?: string | null }): Promise<SecretMetadata> {
  const { app, userId, input } = params;
  const { projectId, name } = input;
  await requireProjectAccess({ db: app.db, userId, projectId, action: "secret.write" });
  await findSecret(app.db, input);
  const row = await app.db.$transaction(async (tx) => {
    await takeRevision(tx, projectId, { secrets: true });
    const existing = await findSecret(tx, input);
    const version = existing.version + 1;
    const now = new Date();
    const graceMs = Math.round(input.gracePeriodHours * 3_600_000);
    const saved = await tx.secret.update({
      where: { id: existing.id },
      data: {
        version,
        ciphertext: await encrypt(app, tx, projectId, name, version, input.value),
        previousVersion: graceMs > 0 ? existing.version : null,
        previousCiphertext: graceMs > 0 ? existing.ciphertext : null,
        previousExpiresAt: graceMs > 0 ? new Date(now.getTime() + graceMs) : null,
        lastRotatedAt: now,
        updatedById: userId,
      },
    });
    await appendAudit(tx, projectChain(projectId), {
      action: "secret.rotated",
      actorId: userId,
      projectId,
      targetType: "secret",
      targetId: name,
      ip: params.ip,
      metadata: { name, version, previousVersion: existing.version, gracePeriodHours: input.gracePeriodHours, previousExpiresAt: saved.previousExpiresAt?.toISOString() ?? null },
    });
    return saved;
  });
  await app.invalidate({ kind: "config", projectId });
  return toMetadata(row, (await referencesBySecret(app.db, projectId)).get(name) ?? []);
}

/** The value (and the previous one during a grace period): admins and owners, recorded in the audit chain. */
export async function revealSecret(params: { app: App; userId: string; ref: SecretRef; ip?: string | null }): Promise<RevealedSecret> {
  const { app, userId, ref } = params;
  await requireProjectAccess({ db: app.db, userId, projectId: ref.projectId, action: "secret.reveal" });
  const row = await findSecret(app.db, ref);
  const now = new Date();
  const value = await decrypt(app, app.db, row, row.version, row.ciphertext);
  const previous =
    row.previousCiphertext && row.previousVersion && row.previousExpiresAt && row.previousExpiresAt > now
      ? { version: row.previousVersion, value: await decrypt(app, app.db, row, row.previousVersion, row.previousCiphertext), expiresAt: row.previousExpiresAt }
      : null;
  await app.db.$transaction((tx) =>
    appendAudit(tx, projectChain(ref.projectId), {
      action: "secret.revealed",
      actorId: userId,
      projectId: ref.projectId,
      targetType: "secret",
      targetId: row.name,
      ip: params.ip,
      metadata: { name: row.name, version: row.version, previous: previous !== null },
    }),
  );
  return { name: row.name, version: row.version, value, previous };
}

/** Deletes a secret. Refused while config references it, since that config could no longer resolve. */
export async function deleteSecret(params: { app: App; userId: string; ref: SecretRef; ip?: string | null }): Promise<void> {
  const { app, userId, ref } = params;
  await requireProjectAccess({ db: app.db, userId, projectId: ref.projectId, action: "secret.write" });
  await app.db.$transaction(async (tx) => {
    await takeRevision(tx, ref.projectId, { secrets: true });
    const row = await findSecret(tx, ref);
    const references = (await referencesBySecret(tx, ref.projectId)).get(row.name) ?? [];
    if (references.length > 0) {
      throw new DomainError("CONFLICT", `Secret ${row.name} is referenced by config (${references.map((r) => `${r.environment}: ${r.key}`).join(", ")}); remove those references first`, {
        details: { references },
      });
    }
    await tx.secret.delete({ where: { id: row.id } });
    await appendAudit(tx, projectChain(ref.projectId), { action: "secret.deleted", actorId: userId, projectId: ref.projectId, targetType: "secret", targetId: row.name, ip: params.ip, metadata: { name: row.name, version: row.version } });
  });
  await app.invalidate({ kind: "config", projectId: ref.projectId });
}

export interface SecretValue {
  value: string;
  version: number;
  previous?: string;
  previousExpiresAt?: Date;
}

/** Decrypted values of the named secrets (for config delivery and resolution); missing names are absent. */
export async function loadSecretValues(app: App, db: Tx, projectId: string, names: Iterable<string>, now = new Date()): Promise<Map<string, SecretValue>> {
  const list = [...new Set(names)];
  const out = new Map<string, SecretValue>();
  if (list.length === 0) return out;
  const rows = await db.secret.findMany({ where: { projectId, name: { in: list } } });
  for (const row of rows) {
    const v: SecretValue = { value: await decrypt(app, db, row, row.version, row.ciphertext), version: row.version };
    if (row.previousCiphertext && row.previousVersion && row.previousExpiresAt && row.previousExpiresAt > now) {
      v.previous = await decrypt(app, db, row, row.previousVersion, row.previousCiphertext);
      v.previousExpiresAt = row.previousExpiresAt;
    }
    out.set(row.name, v);
  }
  return out;
}

export async function secretNames(db: Tx, projectId: string): Promise<Set<string>> {
  const rows = await db.secret.findMany({ where: { projectId }, select: { name: true } });
  return new Set(rows.map((r) => r.name));
}
