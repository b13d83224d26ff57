import type { ApiKeyPrincipal } from "../api-keys/api-key.service";
import type { App } from "../app";
import { appendAudit, projectChain } from "../audit/audit.service";
import { loadSecretValues, secretNames } from "../secrets/secret.service";
import { DomainError } from "../shared/errors";
import { sha256Hex } from "../shared/crypto";
import { singleFlight } from "../shared/single-flight";
import type { ConfigSubscriber } from "./config-hub";
import type { DeliveredConfig } from "./config.schema";
import { latestConfigVersion } from "./config-store";
import { mergeLayers, unresolvable } from "./config-validation";
import { findEnvironment } from "./environment-lookup";
import { hiddenSecrets, referencedSecretNames, resolveConfigValues, revealedSecrets, type SecretLookup } from "./template-resolution";

/**
 * Config delivery to applications (GET /api/v1/config and its stream): API keys with `config:read`
 * read the effective config of an environment; with `secrets:read` also the secrets it references,
 * resolved into the values and listed with their previous value during a grace period. Ingest-only keys
 * read the environment's guard policy (its `guard.*` keys), which the SDK enforces (issue 10).
 *
 * The answer is built once per (project, environment, view) and kept pre-serialized with its
 * ETag in AppCaches.configDelivery; every config or secret change drops it on every instance (the
 * invalidation bus), so a read is a cache lookup (ARCHITECTURE decision 8).
 */
export interface DeliveryEntry {
  projectId: string;
  environment: string;
  withSecrets: boolean;
  version: number;
  /** Strong ETag of `body`. */
  etag: string;
  body: string;
  secretNames: string[];
  /** The entry must be rebuilt after this (a grace period ends: `previous` disappears). */
  validUntil: number;
}

const ENTRY_TTL_MS = 60_000;

/** Builds in flight, so a burst of misses for one entry reads the database once. */
const buildOnce = singleFlight<DeliveryEntry>();
/** (key, environment, version) triples whose secrets delivery was already audited by this instance. */
const audited = new WeakMap<App, Set<string>>();

/**
 * What a key receives: `config:read` keys the whole effective config (`secrets:read` adds the secrets);
 * ingest-only keys (a project's first key) only its `guard.*` keys, the guard policy the SDK enforces
 * before each LLM call (remediation rules, blocked keywords, allowlist). Anything else is refused.
 */
type DeliveryView = "secrets" | "config" | "guard";

/** Keys an ingest-only key may read: the guard policy, nothing else. */
export const GUARD_KEY_PREFIX = "guard.";

function viewOf(principal: ApiKeyPrincipal): DeliveryView {
  if (principal.scopes.includes("config:read")) return principal.scopes.includes("secrets:read") ? "secrets" : "config";
  if (principal.scopes.includes("ingest")) return "guard";
  requireScope(principal, "config:read");
  return "guard";
}

const cacheKeyOf = (projectId: string, environment: string, view: DeliveryView) => `${projectId}|${environment}|${view}`;

export function requireScope(principal: ApiKeyPrincipal, scope: "config:read" | "secrets:read"): void {
  if (!principal.scopes.includes(scope)) {
    throw new DomainError("FORBIDDEN", `This API key lacks the ${scope} scope; create a key with it in the project's API keys`, { details: { required: scope, scopes: principal.scopes } });
  }
}

async function build(app: App, projectId: string, environment: string, view: DeliveryView): Promise<DeliveryEntry> {
  const withSecrets = view === "secrets";
  await findEnvironment(app.db, projectId, environment);
  const [base, own, project] = await Promise.all([
    latestConfigVersion(app.db, projectId, "base"),
    environment === "base" ? null : latestConfigVersion(app.db, projectId, environment),
    app.db.project.findUniqueOrThrow({ where: { id: projectId }, select: { secretsRevision: true } }),
  ]);
  const merged = mergeLayers(base?.values ?? {}, own?.values ?? null);
  const now = Date.now();
  let validUntil = now + ENTRY_TTL_MS;
  let lookup: SecretLookup;
  let secrets: NonNullable<DeliveredConfig["secrets"]> | undefined;
  if (withSecrets) {
    const referenced = referencedSecretNames(merged);
    const loaded = await loadSecretValues(app, app.db, projectId, referenced, new Date(now));
    secrets = {};
    for (const [name, s] of [...loaded].sort(([a], [b]) => a.localeCompare(b))) {
      secrets[name] = { value: s.value, version: s.version, ...(s.previous !== undefined ? { previous: s.previous, previousExpiresAt: s.previousExpiresAt!.toISOString() } : {}) };
      if (s.previousExpiresAt) validUntil = Math.min(validUntil, s.previousExpiresAt.getTime());
    }
    lookup = revealedSecrets(loaded);
  } else {
    lookup = hiddenSecrets(await secretNames(app.db, projectId));
  }
  const res = resolveConfigValues(merged, lookup);
  if (!res.ok) throw unresolvable(res.issues.map((i) => ({ environment, ...i })));
  const version = Math.max(base?.version ?? 0, own?.version ?? 0, withSecrets && res.secretNames.size > 0 ? project.secretsRevision : 0);
  const values = view === "guard" ? Object.fromEntries(Object.entries(res.values).filter(([k]) => k.startsWith(GUARD_KEY_PREFIX))) : res.values;
  const delivered: DeliveredConfig = { version, environment, values, ...(secrets ? { secrets } : {}) };
  const body = JSON.stringify(delivered);
  return { projectId, environment, withSecrets, version, etag: `"${version}-${sha256Hex(body).slice(0, 20)}"`, body, secretNames: [...res.secretNames].sort(), validUntil };
}

/** The cached delivered config, or null when it must be built (`deliverConfig`). Synchronous, for the hot path. */
export function peekDeliveredConfig(params: { app: App; principal: ApiKeyPrincipal; environment: string }): DeliveryEntry | null {
  const { app, principal, environment } = params;
  const view = viewOf(principal);
  const withSecrets = view === "secrets";
  const entry = app.caches.configDelivery.get(cacheKeyOf(principal.projectId, environment, view));
  if (!entry || entry.validUntil <= Date.now()) return null;
  if (entry.secretNames.length > 0 && withSecrets) auditSecretDelivery(app, principal, entry);
  return entry;
}

/** The delivered config for an API key: from the cache, or built once for all concurrent callers. */
export async function deliverConfig(params: { app: App; principal: ApiKeyPrincipal; environment: string }): Promise<DeliveryEntry> {
  const { app, principal, environment } = params;
  const view = viewOf(principal);
  const entry = await deliverView(app, principal.projectId, environment, view);
  if (entry.secretNames.length > 0 && view === "secrets") auditSecretDelivery(app, principal, entry);
  return entry;
}

/** The guard policy keys of an environment as delivered to ingest-only keys (the server's enforcement reads it too). */
export function deliverGuardKeys(app: App, projectId: string, environment: string): Promise<DeliveryEntry> {
  return deliverView(app, projectId, environment, "guard");
}

/**
 * The effective config of an environment as a `config:read` key receives it (secret references left as
 * written), for server features that read typed keys per environment (the gateway's upstream, issue 13).
 */
export function deliverConfigValues(app: App, projectId: string, environment: string): Promise<DeliveryEntry> {
  return deliverView(app, projectId, environment, "config");
}

async function deliverView(app: App, projectId: string, environment: string, view: DeliveryView): Promise<DeliveryEntry> {
  const cacheKey = cacheKeyOf(projectId, environment, view);
  const cached = app.caches.configDelivery.get(cacheKey);
  if (cached && cached.validUntil > Date.now()) return cached;
  return buildOnce(app, cacheKey, async () => {
    const generation = app.configHub.generation(projectId);
    const built = await build(app, projectId, environment, view);
    // A change committed while we read would be hidden behind this entry: keep it uncached.
    if (app.configHub.generation(projectId) === generation) app.caches.configDelivery.set(cacheKey, built);
    return built;
  });
}

/**
 * Secret access by API keys goes into the audit chain once per key, environment and version per
 * instance (not per read: a service polling every few seconds would flood the chain).
 */
function auditSecretDelivery(app: App, principal: ApiKeyPrincipal, entry: DeliveryEntry): void {
  let seen = audited.get(app);
  if (!seen) audited.set(app, (seen = new Set()));
  const mark = `${principal.keyId}|${entry.environment}|${entry.version}`;
  if (seen.has(mark)) return;
  if (seen.size > 50_000) seen.clear();
  seen.add(mark);
  void app.db
    .$transaction((tx) =>
      appendAudit(tx, projectChain(principal.projectId), {
        action: "secret.delivered",
        projectId: principal.projectId,
        targetType: "api_key",
        targetId: principal.keyId,
        metadata: { environment: entry.environment, version: entry.version, names: entry.secretNames },
      }),
    )
    .catch((err: unknown) => {
      seen.delete(mark);
      app.logger.warn({ err, projectId: principal.projectId }, "could not audit a secrets delivery");
    });
}

/**
 * Follows an environment's delivered config: `onEntry` gets the current entry, then each one whose
 * content changed. Changes are coalesced (a burst becomes one re-read). `onClose` runs when the stream
 * must end (the key was rotated or deleted, the project deleted, the instance shuts down).
 */
export function watchConfig(params: {
  app: App;
  principal: ApiKeyPrincipal;
  environment: string;
  /** Resume (SSE Last-Event-ID): the first entry is not sent when its version is not newer than this. */
  lastSeenVersion?: number;
  onEntry: (entry: DeliveryEntry) => void;
  onError: (err: unknown) => void;
  onClose: () => void;
}): { stop(): void } {
  const { app, principal, environment } = params;
  let lastEtag: string | null = null;
  let first = true;
  let running = false;
  let dirty = false;
  let stopped = false;
  const refresh = async () => {
    if (stopped) return;
    if (running) {
      dirty = true;
      return;
    }
    running = true;
    try {
      do {
        dirty = false;
        const entry = await deliverConfig({ app, principal, environment });
        const opening = first;
        const resumed = first && params.lastSeenVersion !== undefined && entry.version <= params.lastSeenVersion;
        first = false;
        if (!stopped && entry.etag !== lastEtag) {
          lastEtag = entry.etag;
          if (!resumed) {
            params.onEntry(entry);
            // A push: a change sent to an open stream (its opening snapshot is not one).
            if (!opening) app.metrics.configStreamPushes.inc();
          }
        }
      } while (dirty && !stopped);
    } catch (err) {
      if (!stopped) params.onError(err);
    } finally {
      running = false;
    }
  };
  const sub: ConfigSubscriber = {
    keyId: principal.keyId,
    onChange: () => void refresh(),
    onClose: () => {
      stop();
      params.onClose();
    },
  };
  const unsubscribe = app.configHub.subscribe(principal.projectId, sub);
  const stop = () => {
    stopped = true;
    unsubscribe();
  };
  void refresh();
  return { stop };
}
