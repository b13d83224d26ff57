/**
 * Authorization decision benchmark (issue 4): cost of one in-memory decision, `roleAllows(role, action)`
 * from the permission matrix plus the API-key scope check `requireScope` of config delivery, over every
 * role × action and scope combination. Also the API key's keyed hash (HMAC-SHA256, what the cached
 * principal lookup on every API-key request computes first) for comparison. Run with
 * `pnpm --filter @llmguard/domain bench`; writes bench/results/authz-decision.json.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ApiKeyPrincipal } from "../src/api-keys/api-key.service";
import { apiKeyLookupHash, isWellFormedApiKey } from "../src/api-keys/api-key.crypto";
import { requireScope } from "../src/config/delivery.service";
import { PERMISSIONS, PROJECT_ROLES, roleAllows, type ProjectAction, type ProjectRoleName } from "../src/projects/permissions.schema";
import { isDomainError } from "../src/shared/errors";
import { waitQuiet } from "./quiet";

const GOAL_P99_MS = 5;
const BATCH = 1_000;
const BATCHES = 2_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

const actions = Object.keys(PERMISSIONS) as ProjectAction[];
const pairs: [ProjectRoleName, ProjectAction][] = [];
for (const r of PROJECT_ROLES) for (const a of actions) pairs.push([r, a]);
const reader: ApiKeyPrincipal = { projectId: "p", keyId: "k1", scopes: ["config:read", "secrets:read"] };
const ingestOnly: ApiKeyPrincipal = { projectId: "p", keyId: "k2", scopes: ["ingest"] };
const scopes = ["config:read", "secrets:read"] as const;

// The matrix answers as documented (docs/config-secrets.md): spot checks before timing.
if (!roleAllows("viewer", "config.read") || roleAllows("viewer", "secret.reveal") || roleAllows("developer", "config.writeProtected") || !roleAllows("admin", "config.writeProtected")) {
  throw new Error("roleAllows does not match the documented matrix");
}

let sink = 0;
/** One decision: the role check of a user request and the scope check of an API-key request. */
const decide = (i: number) => {
  const [role, action] = pairs[i % pairs.length]!;
  if (roleAllows(role, action)) sink++;
  requireScope(reader, scopes[i & 1]!);
};
const roleOnly = (i: number) => {
  const [role, action] = pairs[i % pairs.length]!;
  if (roleAllows(role, action)) sink++;
};
const scopeAllowed = (i: number) => requireScope(reader, scopes[i & 1]!);
const scopeDenied = (i: number) => {
  try {
    requireScope(ingestOnly, scopes[i & 1]!);
  } catch (err) {
    if (isDomainError(err)) sink++;
  }
};
const pepper = randomBytes(32).toString("base64url");
const alnum = (n: number) => Array.from(randomBytes(n), (b) => "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"[b % 62]).join("");
const apiKey = `lg_${alnum(12)}_${alnum(32)}`;
if (!isWellFormedApiKey(apiKey)) throw new Error("the sample API key is not well-formed");
const keyHash = () => {
  if (isWellFormedApiKey(apiKey)) sink += apiKeyLookupHash(pepper, apiKey).length;
};

/** Per-decision cost from batches of BATCH calls (timer overhead amortized), and a per-call sampled tail. */
function measure(fn: (i: number) => void, batches = BATCHES) {
  for (let i = 0; i < BATCH * 50; i++) fn(i);
  const perCall = new Float64Array(batches);
  for (let b = 0; b < batches; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) fn(b * BATCH + i);
    perCall[b] = Number(process.hrtime.bigint() - t0) / BATCH;
  }
  const sampled = new Float64Array(200_000);
  for (let i = 0; i < sampled.length; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    sampled[i] = Number(process.hrtime.bigint() - t0);
  }
  const s = Float64Array.from(perCall).sort();
  const t = sampled.sort();
  let sum = 0;
  for (const x of perCall) sum += x;
  const q = (a: Float64Array, p: number) => a[Math.min(a.length - 1, Math.floor(p * a.length))] ?? 0;
  return { meanNs: round1(sum / batches), worstBatchNs: round1(s[s.length - 1] ?? 0), sampledP50Ns: q(t, 0.5), sampledP99Ns: q(t, 0.99), sampledMaxNs: t[t.length - 1] ?? 0 };
}

const busyBefore = await waitQuiet("authz-decision");
const timer = (() => {
  const t = new Float64Array(200_000);
  for (let i = 0; i < t.length; i++) {
    const t0 = process.hrtime.bigint();
    t[i] = Number(process.hrtime.bigint() - t0);
  }
  t.sort();
  return t[Math.floor(t.length / 2)] ?? 0;
})();
const decision = measure(decide);
const role = measure(roleOnly);
const allowed = measure(scopeAllowed);
const denied = measure(scopeDenied, 200);
const hmac = measure(keyHash, 200);

const p99Ms = decision.sampledP99Ns / 1e6;
const cpus = os.cpus();
const result = {
  name: "authz-decision",
  title: "Authorization decision in memory, `roleAllows` + `requireScope` (packages/domain/bench)",
  value: decision.meanNs,
  unit: "ns/decision",
  values: {
    decisionMeanNs: decision.meanNs,
    decisionSampledP99Ns: decision.sampledP99Ns,
    decisionP99Ms: Math.round(p99Ms * 1e6) / 1e6,
    roleAllowsMeanNs: role.meanNs,
    requireScopeAllowedMeanNs: allowed.meanNs,
    requireScopeDeniedMeanNs: denied.meanNs,
    apiKeyHmacMeanNs: hmac.meanNs,
    timerOverheadNs: timer,
    decisions: BATCHES * BATCH,
    machineBusyPctBefore: busyBefore,
  },
  goal: `p99 < ${GOAL_P99_MS} ms per decision`,
  passedGoal: p99Ms < GOAL_P99_MS,
  rows: 0,
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus.length,
  cpuModel: cpus[0]?.model.trim() ?? "unknown",
  details: { decision, roleAllows: role, requireScopeAllowed: allowed, requireScopeDenied: denied, apiKeyHmac: hmac, checksum: sink },
};

console.log(`authorization decisions (${pairs.length} role × action pairs, 2 scopes), ${BATCHES} batches of ${BATCH}`);
console.log(`  roleAllows + requireScope  mean ${decision.meanNs} ns  sampled p50 ${decision.sampledP50Ns} ns  p99 ${decision.sampledP99Ns} ns (incl. ~${timer} ns timer)`);
console.log(`  roleAllows ${role.meanNs} ns; requireScope allowed ${allowed.meanNs} ns, denied (throws DomainError) ${denied.meanNs} ns; API key HMAC-SHA256 ${hmac.meanNs} ns`);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const outDir = path.join(repoRoot, "bench", "results");
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, "authz-decision.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(`  wrote ${path.relative(repoRoot, path.join(outDir, "authz-decision.json"))}`);
