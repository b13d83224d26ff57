import type { ConfigSecret, DeliveredConfig, DeliveredSecret } from "../types.js";

/**
 * One delivered config version, prepared once for fast reads: `get()` is a single Map lookup and
 * `getAll()` / `onChange` hand out the same deep-frozen object, so nothing is copied or parsed per call
 * and no caller can change what another one reads.
 */
export interface ConfigSnapshot {
  readonly version: number;
  readonly environment: string;
  /** The JSON text as the server sent it (or as the cache file held it): equal text, equal config. */
  readonly raw: string;
  readonly delivered: DeliveredConfig;
  readonly values: Readonly<Record<string, unknown>>;
  readonly lookup: ReadonlyMap<string, unknown>;
  readonly secrets: ReadonlyMap<string, SecretEntry>;
}

export interface SecretEntry {
  readonly current: ConfigSecret;
  /** `{ value, previous }`, served until `previousUntil` (epoch ms). */
  readonly withPrevious: ConfigSecret | undefined;
  readonly previousUntil: number;
}

/**
 * Checks the shape of a delivered config. Returns a reason on failure that never quotes the input: the
 * text holds configuration values and secrets (a JSON.parse message would quote part of it).
 */
export function parseDelivered(text: string): { ok: true; config: DeliveredConfig } | { ok: false; reason: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reason: "the body is not JSON" };
  }
  return checkDelivered(body);
}

export function checkDelivered(body: unknown): { ok: true; config: DeliveredConfig } | { ok: false; reason: string } {
  if (!isPlainObject(body)) return { ok: false, reason: "the body is not a JSON object" };
  const { version, environment, values, secrets } = body;
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 0) return { ok: false, reason: "`version` is not a non-negative integer" };
  if (typeof environment !== "string") return { ok: false, reason: "`environment` is not a string" };
  if (!isPlainObject(values)) return { ok: false, reason: "`values` is not an object" };
  if (secrets !== undefined) {
    if (!isPlainObject(secrets)) return { ok: false, reason: "`secrets` is not an object" };
    for (const [name, s] of Object.entries(secrets)) {
      if (!isPlainObject(s) || typeof s.value !== "string" || (s.previous !== undefined && typeof s.previous !== "string")) {
        return { ok: false, reason: `secret ${JSON.stringify(name)} has an unexpected shape` };
      }
    }
  }
  return { ok: true, config: body as unknown as DeliveredConfig };
}

export function createSnapshot(config: DeliveredConfig, raw: string): ConfigSnapshot {
  const lookup = new Map<string, unknown>();
  for (const [key, value] of Object.entries(config.values)) lookup.set(key, deepFreeze(value));
  // fromEntries defines own properties, so even a key named "__proto__" stays a plain key.
  const values = Object.fromEntries(lookup) as Record<string, unknown>;
  const secrets = new Map<string, SecretEntry>();
  for (const [name, s] of Object.entries(config.secrets ?? {})) secrets.set(name, secretEntry(s));
  return { version: config.version, environment: config.environment, raw, delivered: config, values: Object.freeze(values), lookup, secrets };
}

function secretEntry(s: DeliveredSecret): SecretEntry {
  const current: ConfigSecret = Object.freeze({ value: s.value });
  if (s.previous === undefined) return { current, withPrevious: undefined, previousUntil: 0 };
  // No (or an unreadable) expiry: the server still serves the previous value, so keep it.
  const until = s.previousExpiresAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(s.previousExpiresAt);
  return {
    current,
    withPrevious: Object.freeze({ value: s.value, previous: s.previous }),
    previousUntil: Number.isNaN(until) ? Number.POSITIVE_INFINITY : until,
  };
}

/** The keys whose value differs between two snapshots (added, removed or changed), sorted. */
export function changedKeys(before: ConfigSnapshot | null, after: ConfigSnapshot): string[] {
  const out: string[] = [];
  const a = before?.lookup ?? new Map<string, unknown>();
  const b = after.lookup;
  for (const [key, value] of b) if (!a.has(key) || !sameJson(a.get(key), value)) out.push(key);
  for (const key of a.keys()) if (!b.has(key)) out.push(key);
  return out.sort();
}

function sameJson(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
  return JSON.stringify(x) === JSON.stringify(y);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
