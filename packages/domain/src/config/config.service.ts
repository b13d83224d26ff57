import type { Prisma } from "@llmguard/db";
import type { App } from "../app";
import { appendAudit, projectChain, type AuditEvent } from "../audit/audit.service";
import { requireProjectAccess } from "../projects/permissions";
import { loadSecretValues, secretNames } from "../secrets/secret.service";
import { notFound } from "../shared/errors";
import type { UserRef } from "../users/user.schema";
import { userRefsByIds } from "../users/user.service";
import type {
  ConfigDiff,
  ConfigVersionDetail,
  ConfigVersionSummary,
  ConfigWriteResult,
  DiffInput,
  EffectiveConfig,
  GetEffectiveConfigInput,
  ListVersionsInput,
  RestoreInput,
  SetConfigInput,
  VersionRef,
} from "./config.schema";
import {
  applyPatch,
  configVersionAt,
  getConfigVersion,
  insertConfigVersion,
  latestConfigVersion,
  listConfigVersions,
  NothingChanged,
  replacementChanges,
  takeRevision,
  type ConfigChange,
  type ConfigValues,
  type ConfigVersionView,
} from "./config-store";
import { assertResolvable, assertTypes, mergeLayers } from "./config-validation";
import { findEnvironment, requireConfigWrite } from "./environment-lookup";
import { hiddenSecrets, referencedSecretNames, resolveConfigValues, revealedSecrets, type SecretLookup } from "./template-resolution";

/**
 * The one write path of the configuration store: takes the next project revision (serializing the
 * project's writers), computes the new snapshot, checks types and resolvability, stores the version and
 * its audit entry in the same transaction, then tells every instance (caches, SSE streams). Returns
 * null when nothing changed.
 */
export async function commitConfigChange(
  app: App,
  params: {
    projectId: string;
    environment: string;
    /** Null for changes LLMGuard makes by itself (automatic remediation, expiry). */
    authorId: string | null;
    message?: string | null;
    restoredFrom?: number | null;
    ip?: string | null;
    audit: Pick<AuditEvent, "action"> & { metadata?: Record<string, unknown> };
    /** May throw a DomainError to refuse the change (the transaction rolls back). */
    compute: (current: ConfigValues, tx: Prisma.TransactionClient) => { values: ConfigValues; changes: ConfigChange[] } | Promise<{ values: ConfigValues; changes: ConfigChange[] }>;
    /**
     * Extra work in the same transaction, before the version is computed (e.g. a project rename). It
     * commits even when the config itself does not change.
     */
    before?: (tx: Prisma.TransactionClient) => Promise<void>;
    /**
     * Extra work in the same transaction after the version is stored (null when nothing changed and
     * `allowUnchanged`), e.g. the remediation row that points at the version.
     */
    after?: (tx: Prisma.TransactionClient, created: ConfigVersionView | null) => Promise<void>;
    /** Commit `before`/`after` even when the config does not change (otherwise nothing is written). */
    allowUnchanged?: boolean;
  },
): Promise<ConfigVersionView | null> {
  const { projectId, environment } = params;
  let created: ConfigVersionView | null;
  try {
    created = await app.db.$transaction(
      async (tx) => {
        const version = await takeRevision(tx, projectId);
        await params.before?.(tx);
        const latest = await latestConfigVersion(tx, projectId, environment);
        const { values, changes } = await params.compute(latest?.values ?? {}, tx);
        if (changes.length === 0) {
          if (params.before || params.allowUnchanged) {
            await params.after?.(tx, null);
            return null;
          }
          throw new NothingChanged();
        }
        await assertTypes(tx, projectId, changes);
        await assertResolvable(tx, projectId, environment, values);
        const row = await insertConfigVersion(tx, { projectId, environment, version, values, changes, authorId: params.authorId, message: params.message, restoredFrom: params.restoredFrom });
        await appendAudit(tx, projectChain(projectId), {
          action: params.audit.action,
          actorId: params.authorId,
          projectId,
          targetType: "config_version",
          targetId: String(version),
          ip: params.ip,
          // Keys, never values: values may be large, and the diff lives in the version itself.
          metadata: { environment, version, keys: changes.map((c) => c.key), ...(params.restoredFrom ? { restoredFrom: params.restoredFrom } : {}), ...params.audit.metadata },
        });
        await params.after?.(tx, row);
        return row;
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
  } catch (err) {
    if (err instanceof NothingChanged) return null;
    throw err;
  }
  if (!created) return null;
  // In force for the very next read, on every instance.
  await app.invalidate({ kind: "config", projectId });
  return created;
}

function summarize(v: ConfigVersionView, authors: Map<string, UserRef>): ConfigVersionSummary {
  return {
    version: v.version,
    environment: v.environment,
    message: v.message,
    author: v.authorId ? (authors.get(v.authorId) ?? null) : null,
    createdAt: v.createdAt,
    changedKeys: v.changes.map((c) => c.key),
    restoredFrom: v.restoredFrom,
  };
}

async function writeResult(app: App, projectId: string, environment: string, created: ConfigVersionView | null): Promise<ConfigWriteResult> {
  const v = created ?? (await latestConfigVersion(app.db, projectId, environment));
  if (!v) throw notFound("Config version");
  const authors = await userRefsByIds(app.db, [v.authorId]);
  return { ...summarize(v, authors), changes: created ? v.changes : [], created: !!created };
}

/** PUT config: sets keys of one environment (null deletes the environment's own value). */
export async function setConfig(params: { app: App; userId: string; input: SetConfigInput; ip?: string | null }): Promise<ConfigWriteResult> {
  const { app, userId, input } = params;
  await requireConfigWrite(app, userId, input.projectId, input.environment);
  const created = await commitConfigChange(app, {
    projectId: input.projectId,
    environment: input.environment,
    authorId: userId,
    message: input.message,
    ip: params.ip,
    audit: { action: "config.updated" },
    compute: (current) => applyPatch(current, input.values),
  });
  return writeResult(app, input.projectId, input.environment, created);
}

/**
 * Restores an environment to an earlier version exactly (keys added since are removed). The restore is
 * a new version, so history is never rewritten.
 */
export async function restoreConfig(params: { app: App; userId: string; input: RestoreInput; ip?: string | null }): Promise<ConfigWriteResult> {
  const { app, userId, input } = params;
  await requireConfigWrite(app, userId, input.projectId, input.environment);
  const target = await getConfigVersion(app.db, input.projectId, input.environment, input.version);
  if (!target) throw notFound(`Version ${input.version} of environment ${input.environment}`);
  const created = await commitConfigChange(app, {
    projectId: input.projectId,
    environment: input.environment,
    authorId: userId,
    message: input.message ?? `Restored version ${input.version}`,
    restoredFrom: input.version,
    ip: params.ip,
    audit: { action: "config.restored" },
    compute: (current) => ({ values: { ...target.values }, changes: replacementChanges(current, target.values) }),
  });
  return writeResult(app, input.projectId, input.environment, created);
}

/**
 * The effective config of an environment with the source of each key. Secret references stay as written
 * unless `resolveSecrets` (admins and owners; every secret revealed this way is audited).
 */
export async function getEffectiveConfig(params: { app: App; userId: string; input: GetEffectiveConfigInput; ip?: string | null }): Promise<EffectiveConfig> {
  const { app, userId, input } = params;
  const { projectId, environment } = input;
  await requireProjectAccess({ db: app.db, userId, projectId, action: input.resolveSecrets ? "secret.reveal" : "config.read" });
  await findEnvironment(app.db, projectId, environment);
  const base = await latestConfigVersion(app.db, projectId, "base");
  const own = environment === "base" ? null : await latestConfigVersion(app.db, projectId, environment);
  const merged = mergeLayers(base?.values ?? {}, own?.values ?? null);

  let lookup: SecretLookup;
  if (input.resolveSecrets) {
    const referenced = referencedSecretNames(merged);
    const loaded = await loadSecretValues(app, app.db, projectId, referenced);
    lookup = revealedSecrets(loaded);
    if (referenced.size > 0) {
      await app.db.$transaction((tx) =>
        appendAudit(tx, projectChain(projectId), {
          action: "secret.revealed",
          actorId: userId,
          projectId,
          targetType: "config",
          targetId: environment,
          ip: params.ip,
          metadata: { environment, names: [...referenced].sort(), via: "effective-config" },
        }),
      );
    }
  } else {
    lookup = hiddenSecrets(await secretNames(app.db, projectId));
  }
  const res = resolveConfigValues(merged, lookup);
  const entries = Object.keys(merged)
    .sort()
    .map((key) => {
      const overridden = !!own && Object.prototype.hasOwnProperty.call(own.values, key);
      return {
        key,
        value: merged[key],
        source: overridden ? ("override" as const) : ("base" as const),
        ...(overridden && base && Object.prototype.hasOwnProperty.call(base.values, key) ? { baseValue: base.values[key] } : {}),
        resolved: res.ok ? res.values[key] : undefined,
        secretRefs: [...(res.secretRefs.get(key) ?? [])].sort(),
      };
    });
  const baseVersion = base?.version ?? 0;
  const environmentVersion = own?.version ?? 0;
  return {
    projectId,
    environment,
    version: Math.max(baseVersion, environmentVersion),
    baseVersion,
    environmentVersion,
    entries,
    values: res.ok ? res.values : null,
    issues: res.ok ? [] : res.issues.map((i) => ({ environment, ...i })),
    secretsResolved: input.resolveSecrets,
  };
}

/** An environment's versions, newest first. */
export async function listConfigHistory(params: { app: App; userId: string; input: ListVersionsInput }): Promise<ConfigVersionSummary[]> {
  const { app, input } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: input.projectId, action: "config.read" });
  await findEnvironment(app.db, input.projectId, input.environment);
  const versions = await listConfigVersions(app.db, input.projectId, input.environment, { limit: input.limit, before: input.before });
  const authors = await userRefsByIds(app.db, versions.map((v) => v.authorId));
  return versions.map((v) => summarize(v, authors));
}

export async function getConfigVersionDetail(params: { app: App; userId: string; input: VersionRef }): Promise<ConfigVersionDetail> {
  const { app, input } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: input.projectId, action: "config.read" });
  const v = await getConfigVersion(app.db, input.projectId, input.environment, input.version);
  if (!v) throw notFound(`Version ${input.version} of environment ${input.environment}`);
  const authors = await userRefsByIds(app.db, [v.authorId]);
  return { ...summarize(v, authors), values: v.values, changes: v.changes };
}

/** Key-by-key difference of an environment's own values between two revisions. */
export async function diffConfig(params: { app: App; userId: string; input: DiffInput }): Promise<ConfigDiff> {
  const { app, input } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: input.projectId, action: "config.read" });
  await findEnvironment(app.db, input.projectId, input.environment);
  const [from, to] = await Promise.all([
    input.from === 0 ? null : configVersionAt(app.db, input.projectId, input.environment, input.from),
    configVersionAt(app.db, input.projectId, input.environment, input.to),
  ]);
  const a = from?.values ?? {};
  const b = to?.values ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const has = (o: ConfigValues, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  const changes = keys.flatMap((key): ConfigDiff["changes"] => {
    if (!has(a, key)) return [{ key, kind: "added", before: null, after: b[key] }];
    if (!has(b, key)) return [{ key, kind: "removed", before: a[key], after: null }];
    return JSON.stringify(a[key]) === JSON.stringify(b[key]) ? [] : [{ key, kind: "changed", before: a[key], after: b[key] }];
  });
  return { environment: input.environment, from: input.from, to: input.to, changes };
}
