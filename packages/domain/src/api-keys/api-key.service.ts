import type { ApiKey, Prisma } from "@llmguard/db";
import type { App } from "../app";
import { appendAudit, projectChain } from "../audit/audit.service";
import { requireProjectAccess } from "../projects/permissions";
import { DomainError, notFound } from "../shared/errors";
import { singleFlight } from "../shared/single-flight";
import { apiKeyLookupHash, generateApiKey, isWellFormedApiKey } from "./api-key.crypto";
import type { ApiKeyCreated, ApiKeyRef, ApiKeyView, CreateApiKeyInput } from "./api-key.schema";

export function toApiKeyView(k: ApiKey, now = new Date()): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    status: k.expiresAt && k.expiresAt <= now ? "expired" : "active",
    scopes: k.scopes,
    createdAt: k.createdAt,
    rotatedAt: k.rotatedAt,
    lastUsedAt: k.lastUsedAt,
    expiresAt: k.expiresAt,
  };
}

/** Creates a key inside a transaction (used by project creation too); the raw key is returned once. */
export async function insertApiKey(
  tx: Prisma.TransactionClient,
  params: { pepper: string; projectId: string; actorId: string; name: string; scopes: string[]; expiresAt?: Date | null; ip?: string | null },
): Promise<ApiKeyCreated> {
  const gen = await generateApiKey(params.pepper);
  const row = await tx.apiKey.create({
    data: {
      projectId: params.projectId,
      name: params.name,
      prefix: gen.prefix,
      keyHash: gen.keyHash,
      lookupHash: gen.lookupHash,
      scopes: params.scopes,
      expiresAt: params.expiresAt ?? null,
    },
  });
  await appendAudit(tx, projectChain(params.projectId), {
    action: "api_key.created",
    actorId: params.actorId,
    projectId: params.projectId,
    targetType: "api_key",
    targetId: row.id,
    ip: params.ip,
    metadata: { prefix: row.prefix, scopes: row.scopes, expiresAt: row.expiresAt?.toISOString() ?? null },
  });
  return { ...toApiKeyView(row), key: gen.key };
}

export async function listApiKeys(params: { app: App; userId: string; projectId: string }): Promise<ApiKeyView[]> {
  const { app } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: params.projectId, action: "apiKey.read" });
  const rows = await app.db.apiKey.findMany({ where: { projectId: params.projectId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => toApiKeyView(r));
}

/** An additional key for the project, returned once. */
export async function createApiKey(params: { app: App; userId: string; input: CreateApiKeyInput; ip?: string | null }): Promise<ApiKeyCreated> {
  const { app, input } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: input.projectId, action: "apiKey.manage" });
  return app.db.$transaction((tx) =>
    insertApiKey(tx, { pepper: app.env.API_KEY_PEPPER, projectId: input.projectId, actorId: params.userId, name: input.name, scopes: input.scopes, expiresAt: input.expiresAt, ip: params.ip }),
  );
}

async function findKey(app: App, ref: ApiKeyRef): Promise<ApiKey> {
  const key = await app.db.apiKey.findFirst({ where: { id: ref.keyId, projectId: ref.projectId } });
  if (!key) throw notFound("API key");
  return key;
}

/**
 * Requirement 2.3: a new secret for the same key id, returned once. The old secret's lookup hash is gone
 * with the update, so it stops working on the very next request.
 */
export async function rotateApiKey(params: { app: App; userId: string; ref: ApiKeyRef; ip?: string | null }): Promise<ApiKeyCreated> {
  const { app, ref } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: ref.projectId, action: "apiKey.manage" });
  await findKey(app, ref);
  const gen = await generateApiKey(app.env.API_KEY_PEPPER);
  const created = await app.db.$transaction(async (tx) => {
    const row = await tx.apiKey.update({
      where: { id: ref.keyId },
      data: { prefix: gen.prefix, keyHash: gen.keyHash, lookupHash: gen.lookupHash, rotatedAt: new Date(), lastUsedAt: null },
    });
    await appendAudit(tx, projectChain(ref.projectId), {
      action: "api_key.rotated",
      actorId: params.userId,
      projectId: ref.projectId,
      targetType: "api_key",
      targetId: row.id,
      ip: params.ip,
      metadata: { prefix: row.prefix },
    });
    return { ...toApiKeyView(row), key: gen.key };
  });
  // The old secret must fail on the very next request on every instance, not when a cache entry expires.
  await app.invalidate({ kind: "apiKey", keyId: ref.keyId });
  return created;
}

/** Requirement 2.4: removes the key; requests with it fail at once. */
export async function deleteApiKey(params: { app: App; userId: string; ref: ApiKeyRef; ip?: string | null }): Promise<void> {
  const { app, ref } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: ref.projectId, action: "apiKey.manage" });
  const key = await findKey(app, ref);
  await app.db.$transaction(async (tx) => {
    await tx.apiKey.delete({ where: { id: key.id } });
    await appendAudit(tx, projectChain(ref.projectId), {
      action: "api_key.deleted",
      actorId: params.userId,
      projectId: ref.projectId,
      targetType: "api_key",
      targetId: key.id,
      ip: params.ip,
      metadata: { prefix: key.prefix },
    });
  });
  await app.invalidate({ kind: "apiKey", keyId: key.id });
}

export interface ApiKeyPrincipal {
  projectId: string;
  keyId: string;
  scopes: string[];
}

/** lastUsedAt is refreshed at most once a minute per key, so the hot path rarely writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

type KeyRow = { id: string; projectId: string; scopes: string[]; expiresAt: Date | null; lastUsedAt: Date | null };
/** Lookups in flight: when a cached key expires under load, its concurrent requests share one query. */
const lookupOnce = singleFlight<KeyRow | null>();

function lookupKey(app: App, lookupHash: string): Promise<KeyRow | null> {
  return lookupOnce(app, lookupHash, () =>
    app.db.apiKey.findUnique({ where: { lookupHash }, select: { id: true, projectId: true, scopes: true, expiresAt: true, lastUsedAt: true } }),
  );
}

/**
 * The cached principal of a well-formed, unexpired key, or null when it has to be looked up with
 * `authenticateApiKey`. Synchronous, for the config read path, where every await costs.
 */
export function cachedApiKeyPrincipal(app: App, key: string | null | undefined): ApiKeyPrincipal | null {
  if (!key || !isWellFormedApiKey(key)) return null;
  const cached = app.caches.apiKeys.get(apiKeyLookupHash(app.env.API_KEY_PEPPER, key));
  if (!cached || (cached.expiresAt && cached.expiresAt.getTime() <= Date.now())) return null;
  return { projectId: cached.projectId, keyId: cached.keyId, scopes: cached.scopes };
}

/**
 * Requirement 2.5: a missing key answers 401; a malformed, unknown, deleted, rotated-out or expired key
 * answers 403. One indexed lookup by keyed hash, no bcrypt per request (ARCHITECTURE decision 5), cached
 * for two seconds; rotation and deletion drop the cached entry at once on every instance (app.invalidate).
 */
export async function authenticateApiKey(params: { app: App; key: string | null | undefined }): Promise<ApiKeyPrincipal> {
  const { app, key } = params;
  if (!key) throw new DomainError("UNAUTHENTICATED", "API key required: send Authorization: Bearer lg_... or x-api-key");
  const invalid = () => new DomainError("INVALID_API_KEY", "Invalid or expired API key");
  if (!isWellFormedApiKey(key)) throw invalid();
  const lookupHash = apiKeyLookupHash(app.env.API_KEY_PEPPER, key);
  const now = new Date();
  const cached = app.caches.apiKeys.get(lookupHash);
  if (cached) {
    if (cached.expiresAt && cached.expiresAt <= now) throw invalid();
    return { projectId: cached.projectId, keyId: cached.keyId, scopes: cached.scopes };
  }
  const row = await lookupKey(app, lookupHash);
  if (!row || (row.expiresAt && row.expiresAt <= now)) throw invalid();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    row.lastUsedAt = now; // the row is shared by concurrent lookups: one of them writes
    await app.db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  app.caches.apiKeys.set(lookupHash, { projectId: row.projectId, keyId: row.id, scopes: row.scopes, expiresAt: row.expiresAt });
  return { projectId: row.projectId, keyId: row.id, scopes: row.scopes };
}
