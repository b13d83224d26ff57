import { compilePolicy, type GuardPolicy } from "@llmguard/guard";
import type { App } from "../app";
import { deliverGuardKeys, type DeliveryEntry } from "../config/delivery.service";

/**
 * The server's copy of an environment's guard policy: compiled once per delivered entry (the same
 * pre-serialized `guard.*` keys an ingest-only SDK receives), so the server and the SDK decide from the
 * same snapshot. A config change drops the entry on every instance; the next call compiles the new one.
 */
const compiled = new WeakMap<DeliveryEntry, GuardPolicy>();

export async function guardPolicyFor(app: App, projectId: string, environment = "production"): Promise<GuardPolicy> {
  const entry = await deliverGuardKeys(app, projectId, environment);
  let policy = compiled.get(entry);
  if (!policy) {
    const body = JSON.parse(entry.body) as { values: Record<string, unknown> };
    policy = compilePolicy(body.values, entry.version);
    compiled.set(entry, policy);
  }
  return policy;
}
