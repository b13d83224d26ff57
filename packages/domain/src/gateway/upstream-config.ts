import type { App } from "../app";
import { deliverConfigValues } from "../config/delivery.service";
import { loadSecretValues } from "../secrets/secret.service";
import { settingOrDefault } from "../settings/settings.schema";
import { DomainError } from "../shared/errors";

/** Where one project's gateway calls go, per environment, with the key they carry (never logged). */
export interface UpstreamTarget {
  projectId: string;
  environment: string;
  /** The parsed `gateway.upstream.baseUrl`. */
  baseUrl: URL;
  /** The value of the secret named by `gateway.upstream.secret`. */
  apiKey: string;
  secretName: string;
  timeoutMs: number;
  fallbackModels: string[];
}

/**
 * The typed `gateway.*` keys of the environment's effective config and the provider key from the project's
 * secrets store. Cached per (project, environment) in AppCaches.gatewayUpstreams, which every config or
 * secret change empties on every instance, so a rotated key or a new upstream applies on the next call.
 * A missing secret is not cached: adding it takes effect at once.
 */
export async function resolveUpstream(app: App, projectId: string, environment: string): Promise<UpstreamTarget> {
  const cacheKey = `${projectId}|${environment}`;
  const cache = app.caches.gatewayUpstreams;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  // A read that overlaps a config or secret change may hold the old key or upstream: used once, not cached.
  const invalidations = cache.invalidations;
  const entry = await deliverConfigValues(app, projectId, environment);
  const { values } = JSON.parse(entry.body) as { values: Record<string, unknown> };
  const secretName = settingOrDefault(values, "gateway.upstream.secret");
  const secrets = await loadSecretValues(app, app.db, projectId, [secretName]);
  const apiKey = secrets.get(secretName)?.value;
  if (!apiKey) {
    throw new DomainError(
      "PROVIDER_SECRET_MISSING",
      `The project has no secret ${secretName}, which gateway.upstream.secret names as the provider key: add it in the project's secrets (or point gateway.upstream.secret at the secret that holds the key)`,
      { details: { secret: secretName, environment } },
    );
  }
  const target: UpstreamTarget = {
    projectId,
    environment,
    baseUrl: new URL(settingOrDefault(values, "gateway.upstream.baseUrl")),
    apiKey,
    secretName,
    timeoutMs: settingOrDefault(values, "gateway.timeoutMs"),
    fallbackModels: [...settingOrDefault(values, "gateway.fallbackModels")],
  };
  if (cache.invalidations === invalidations) cache.set(cacheKey, target);
  return target;
}

/** `path` (e.g. "chat/completions") under the base URL, keeping the base's path and query (api-version). */
export function upstreamUrl(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${path}`;
  return url;
}
