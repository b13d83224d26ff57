import { isUniqueViolation, type Db, type Prisma } from "@llmguard/db";

/**
 * The versioned configuration store (ARCHITECTURE decision 8). Every change appends an immutable version
 * holding the full snapshot of the environment and the before/after of each key it touched; the newest
 * version is the one in force. The Config & Secrets module grows this (environments, templates, restore).
 */
export type ConfigValues = Record<string, unknown>;

export interface ConfigChange {
  key: string;
  before: unknown;
  after: unknown;
}

export interface ConfigVersionView {
  version: number;
  environment: string;
  values: ConfigValues;
  changes: ConfigChange[];
  message: string | null;
  authorId: string | null;
  createdAt: Date;
}

type Tx = Prisma.TransactionClient | Db;

function toView(row: { version: number; environment: string; values: unknown; changes: unknown; message: string | null; authorId: string | null; createdAt: Date }): ConfigVersionView {
  return { ...row, values: row.values as ConfigValues, changes: row.changes as ConfigChange[] };
}

export async function latestConfigVersion(db: Tx, projectId: string, environment = "base"): Promise<ConfigVersionView | null> {
  const row = await db.configVersion.findFirst({ where: { projectId, environment }, orderBy: { version: "desc" } });
  return row ? toView(row) : null;
}

/**
 * Appends a version with `patch` applied (a null value deletes the key). Keys whose value does not change
 * are left out; a patch that changes nothing creates no version and returns null.
 */
export async function appendConfigVersion(
  tx: Prisma.TransactionClient,
  params: { projectId: string; environment?: string; patch: Record<string, unknown>; authorId: string | null; message?: string | null },
): Promise<ConfigVersionView | null> {
  const environment = params.environment ?? "base";
  const latest = await latestConfigVersion(tx, params.projectId, environment);
  const values: ConfigValues = { ...(latest?.values ?? {}) };
  const changes: ConfigChange[] = [];
  for (const [key, after] of Object.entries(params.patch)) {
    if (after === undefined) continue;
    const before = values[key] ?? null;
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    changes.push({ key, before, after });
    if (after === null) delete values[key];
    else values[key] = after;
  }
  if (changes.length === 0 && latest) return null;
  const row = await tx.configVersion.create({
    data: {
      projectId: params.projectId,
      environment,
      version: (latest?.version ?? 0) + 1,
      values: values as Prisma.InputJsonValue,
      changes: changes as unknown as Prisma.InputJsonValue,
      message: params.message ?? null,
      authorId: params.authorId,
    },
  });
  return toView(row);
}

/** Runs `fn` in a transaction, retrying when a concurrent writer took the same version number. */
export async function withVersionRetry<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await db.$transaction(fn);
    } catch (e) {
      if (i >= attempts || !isUniqueViolation(e)) throw e;
    }
  }
}

export async function listConfigVersions(db: Db, projectId: string, environment = "base", limit = 50): Promise<ConfigVersionView[]> {
  const rows = await db.configVersion.findMany({ where: { projectId, environment }, orderBy: { version: "desc" }, take: limit });
  return rows.map(toView);
}
