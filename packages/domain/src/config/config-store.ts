import { isUniqueViolation, type Db, type Prisma } from "@llmguard/db";

/**
 * The versioned configuration store (ARCHITECTURE decision 8), low level: no authorization, no
 * validation (config.service.ts does both). Every change appends an immutable version holding the full
 * snapshot of the environment's own keys and the before/after of each key it touched.
 *
 * Version numbers are project revisions: `takeRevision` increments Project.configRevision, which locks
 * the project row until the transaction ends, so the config writers of one project are serialized and
 * every version number is unique per project and larger than all before it, in every environment.
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
  restoredFrom: number | null;
  createdAt: Date;
}

type Tx = Prisma.TransactionClient | Db;

function toView(row: { version: number; environment: string; values: unknown; changes: unknown; message: string | null; authorId: string | null; restoredFrom: number | null; createdAt: Date }): ConfigVersionView {
  return { ...row, values: row.values as ConfigValues, changes: row.changes as ConfigChange[] };
}

export async function latestConfigVersion(db: Tx, projectId: string, environment = "base"): Promise<ConfigVersionView | null> {
  const row = await db.configVersion.findFirst({ where: { projectId, environment }, orderBy: { version: "desc" } });
  return row ? toView(row) : null;
}

/** The environment as it stood at project revision `atVersion` (the newest version ≤ it). */
export async function configVersionAt(db: Tx, projectId: string, environment: string, atVersion: number): Promise<ConfigVersionView | null> {
  const row = await db.configVersion.findFirst({ where: { projectId, environment, version: { lte: atVersion } }, orderBy: { version: "desc" } });
  return row ? toView(row) : null;
}

export async function getConfigVersion(db: Tx, projectId: string, environment: string, version: number): Promise<ConfigVersionView | null> {
  const row = await db.configVersion.findFirst({ where: { projectId, environment, version } });
  return row ? toView(row) : null;
}

/** The next project revision; locks the project row until the transaction ends. */
export async function takeRevision(tx: Prisma.TransactionClient, projectId: string, opts: { secrets?: boolean } = {}): Promise<number> {
  const row = await tx.project.update({
    where: { id: projectId },
    data: { configRevision: { increment: 1 } },
    select: { configRevision: true },
  });
  if (opts.secrets) await tx.project.update({ where: { id: projectId }, data: { secretsRevision: row.configRevision } });
  return row.configRevision;
}

/** Applies a patch (null deletes a key) to `values`; returns the new snapshot and the changes. */
export function applyPatch(values: ConfigValues, patch: Record<string, unknown>): { values: ConfigValues; changes: ConfigChange[] } {
  const next: ConfigValues = { ...values };
  const changes: ConfigChange[] = [];
  for (const [key, after] of Object.entries(patch)) {
    if (after === undefined) continue;
    const before = Object.prototype.hasOwnProperty.call(next, key) ? next[key] : null;
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    changes.push({ key, before, after });
    if (after === null) delete next[key];
    else next[key] = after;
  }
  return { values: next, changes };
}

/** The changes that turn `from` into `to` exactly (used by restore). */
export function replacementChanges(from: ConfigValues, to: ConfigValues): ConfigChange[] {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(from)) if (!Object.prototype.hasOwnProperty.call(to, key)) patch[key] = null;
  for (const [key, v] of Object.entries(to)) patch[key] = v;
  return applyPatch(from, patch).changes;
}

/**
 * Appends a version. `values` is the complete new snapshot and `changes` what differs from the previous
 * one; the caller computed both inside this transaction after `takeRevision`.
 */
export async function insertConfigVersion(
  tx: Prisma.TransactionClient,
  params: { projectId: string; environment: string; version: number; values: ConfigValues; changes: ConfigChange[]; authorId: string | null; message?: string | null; restoredFrom?: number | null },
): Promise<ConfigVersionView> {
  const row = await tx.configVersion.create({
    data: {
      projectId: params.projectId,
      environment: params.environment,
      version: params.version,
      values: params.values as Prisma.InputJsonValue,
      changes: params.changes as unknown as Prisma.InputJsonValue,
      message: params.message ?? null,
      authorId: params.authorId,
      restoredFrom: params.restoredFrom ?? null,
    },
  });
  return toView(row);
}

/** Appends a version with `patch` applied, without validation (a new project's initial settings). */
export async function appendConfigVersion(
  tx: Prisma.TransactionClient,
  params: { projectId: string; environment?: string; patch: Record<string, unknown>; authorId: string | null; message?: string | null },
): Promise<ConfigVersionView> {
  const environment = params.environment ?? "base";
  const version = await takeRevision(tx, params.projectId);
  const latest = await latestConfigVersion(tx, params.projectId, environment);
  const { values, changes } = applyPatch(latest?.values ?? {}, params.patch);
  return insertConfigVersion(tx, { projectId: params.projectId, environment, version, values, changes, authorId: params.authorId, message: params.message });
}

/** Thrown inside a transaction to roll back the revision taken for a change that changed nothing. */
export class NothingChanged extends Error {
  constructor() {
    super("nothing changed");
  }
}

/** Runs `fn` in a transaction, retrying when a concurrent writer took the same unique row. */
export async function withVersionRetry<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await db.$transaction(fn);
    } catch (e) {
      if (i >= attempts || !isUniqueViolation(e)) throw e;
    }
  }
}

export async function listConfigVersions(db: Db, projectId: string, environment = "base", opts: { limit?: number; before?: number } = {}): Promise<ConfigVersionView[]> {
  const rows = await db.configVersion.findMany({
    where: { projectId, environment, ...(opts.before ? { version: { lt: opts.before } } : {}) },
    orderBy: { version: "desc" },
    take: opts.limit ?? 50,
  });
  return rows.map(toView);
}

/** The newest version of every environment that has one (DISTINCT ON: one row per environment, no scan of history). */
export async function latestVersionsByEnvironment(db: Tx, projectId: string): Promise<Map<string, ConfigVersionView>> {
  const rows = await db.$queryRaw<
    { version: number; environment: string; values: unknown; changes: unknown; message: string | null; authorId: string | null; restoredFrom: number | null; createdAt: Date }[]
  >`SELECT DISTINCT ON ("environment") "version", "environment", "values", "changes", "message", "authorId", "restoredFrom", "createdAt"
    FROM "ConfigVersion" WHERE "projectId" = ${projectId}::uuid ORDER BY "environment", "version" DESC`;
  return new Map(rows.map((r) => [r.environment, toView(r)]));
}
