import type { Prisma } from "@llmguard/db";
import type { z } from "zod";
import { secretNames } from "../secrets/secret.service";
import { DomainError } from "../shared/errors";
import { jsonBytes, MAX_CONFIG_VALUE_BYTES, type ConfigIssue } from "./config.schema";
import { latestVersionsByEnvironment, type ConfigChange, type ConfigValues } from "./config-store";
import { BUILTIN_KEY_TYPES, compileKeyType, KeyTypeSpecSchema } from "./key-type.schema";
import { hiddenSecrets, resolveConfigValues } from "./template-resolution";

/**
 * What every config write must pass before its version is stored: each value fits its key's declared
 * type, and the effective config of every affected environment still resolves (templates, references,
 * secrets). A base change affects every environment, so each one with keys of its own is checked too.
 */

/** Zod schemas of the typed keys among `keys` (built-in settings keys and the project's declared types). */
export async function keyTypesFor(tx: Prisma.TransactionClient, projectId: string, keys: string[]): Promise<Map<string, z.ZodType>> {
  const out = new Map<string, z.ZodType>();
  const declared = keys.filter((k) => !(k in BUILTIN_KEY_TYPES));
  for (const k of keys) if (k in BUILTIN_KEY_TYPES) out.set(k, BUILTIN_KEY_TYPES[k]!);
  if (declared.length > 0) {
    const rows = await tx.configKeyType.findMany({ where: { projectId, key: { in: declared } } });
    for (const r of rows) {
      const spec = KeyTypeSpecSchema.safeParse(r.spec);
      if (spec.success) out.set(r.key, compileKeyType(spec.data));
    }
  }
  return out;
}

export function typeIssues(values: Record<string, unknown>, types: Map<string, z.ZodType>): { path: string; message: string; code: string }[] {
  const issues: { path: string; message: string; code: string }[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    if (jsonBytes(value) > MAX_CONFIG_VALUE_BYTES) {
      issues.push({ path: `values.${key}`, message: `${key}: a value may be at most ${MAX_CONFIG_VALUE_BYTES} bytes of JSON`, code: "too_big" });
      continue;
    }
    const schema = types.get(key);
    if (!schema) continue;
    const res = schema.safeParse(value);
    if (!res.success) for (const i of res.error.issues) issues.push({ path: ["values", key, ...i.path].join("."), message: `${key} ${i.message.replace(/^./, (c) => c.toLowerCase())}`, code: i.code });
  }
  return issues;
}

/** Type-checks the keys a change sets; VALIDATION_FAILED with one issue per bad value. */
export async function assertTypes(tx: Prisma.TransactionClient, projectId: string, changes: ConfigChange[]): Promise<void> {
  const set = Object.fromEntries(changes.filter((c) => c.after !== null).map((c) => [c.key, c.after]));
  const types = await keyTypesFor(tx, projectId, Object.keys(set));
  const issues = typeIssues(set, types);
  if (issues.length > 0) throw new DomainError("VALIDATION_FAILED", issues.length === 1 ? issues[0]!.message : `${issues.length} values do not fit their key types`, { details: { issues } });
}

/** Effective values of `environment`: base overridden by the environment, key by key. */
export function mergeLayers(base: ConfigValues, own: ConfigValues | null): ConfigValues {
  return own ? { ...base, ...own } : { ...base };
}

/**
 * Checks that `environment` with its new snapshot (and, for base, every environment) resolves.
 * Secrets resolve as "exists or not": values are not decrypted for a write.
 */
export async function assertResolvable(tx: Prisma.TransactionClient, projectId: string, environment: string, values: ConfigValues): Promise<void> {
  const lookup = hiddenSecrets(await secretNames(tx, projectId));
  const latest = await latestVersionsByEnvironment(tx, projectId);
  const checks: { environment: string; values: ConfigValues }[] = [];
  if (environment === "base") {
    checks.push({ environment: "base", values });
    for (const [env, v] of latest) if (env !== "base") checks.push({ environment: env, values: mergeLayers(values, v.values) });
  } else {
    checks.push({ environment, values: mergeLayers(latest.get("base")?.values ?? {}, values) });
  }
  const issues: ConfigIssue[] = [];
  for (const c of checks) {
    const res = resolveConfigValues(c.values, lookup);
    if (!res.ok) for (const i of res.issues) issues.push({ environment: c.environment, ...i });
  }
  if (issues.length > 0) throw unresolvable(issues);
}

export function unresolvable(issues: ConfigIssue[]): DomainError {
  const first = issues[0]!;
  const message = issues.length === 1 ? `${first.environment}: ${first.message}` : `${issues.length} template problems, first: ${first.environment}: ${first.message}`;
  return new DomainError("CONFIG_UNRESOLVABLE", message, { details: { issues } });
}
