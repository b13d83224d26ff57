/**
 * Secrets crypto benchmark (issue 4): µs per `seal` / `open` (AES-256-GCM under a project's 32-byte data
 * key, with the associated data the secret service uses) for a 64-byte and a 4 KB value, and the data-key
 * unwrap by the local key provider (`createLocalKeyProvider(...).unwrap`, itself an `open` under the KEK,
 * awaited). Run with `pnpm --filter @llmguard/domain bench`; writes bench/results/secrets-crypto.json.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DecryptionError, open, seal } from "../src/secrets/envelope";
import { createLocalKeyProvider } from "../src/secrets/key-provider";
import { waitQuiet } from "./quiet";

const WARMUP = 5_000;
const MEASURED = 50_000;
const round2 = (x: number) => Math.round(x * 100) / 100;

function summarize(samples: Float64Array) {
  const sorted = Float64Array.from(samples).sort();
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  let sum = 0;
  for (const s of samples) sum += s;
  return { meanUs: round2(sum / samples.length), p50Us: round2(q(0.5)), p99Us: round2(q(0.99)), maxUs: round2(sorted[sorted.length - 1] ?? 0) };
}

function timeSync(fn: (i: number) => void): ReturnType<typeof summarize> {
  for (let i = 0; i < WARMUP; i++) fn(i);
  const samples = new Float64Array(MEASURED);
  for (let i = 0; i < MEASURED; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return summarize(samples);
}

async function timeAsync(fn: (i: number) => Promise<unknown>): Promise<ReturnType<typeof summarize>> {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const samples = new Float64Array(MEASURED);
  for (let i = 0; i < MEASURED; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return summarize(samples);
}

const projectId = "7b0e4c0a-5d1f-4f7e-9a51-3c2b8d9e6f10";
const dataKey = randomBytes(32);
// Printable values like real secrets (API keys, passwords, PEM blocks), as the service stores them (UTF-8).
const value64 = Buffer.from(randomBytes(48).toString("base64"), "utf8");
const value4k = Buffer.from(randomBytes(3072).toString("base64"), "utf8");
if (value64.length !== 64 || value4k.length !== 4096) throw new Error("unexpected test value sizes");
const aad = (name: string, version: number) => `secret:${projectId}:${name}:v${version}`;

// Correctness first: round trip, and a ciphertext moved to another name or version does not open.
for (const v of [value64, value4k]) {
  const sealed = seal(dataKey, v, aad("OPENAI_API_KEY", 3));
  if (!open(dataKey, sealed, aad("OPENAI_API_KEY", 3)).equals(v)) throw new Error("seal/open round trip failed");
  let refused = false;
  try {
    open(dataKey, sealed, aad("OPENAI_API_KEY", 4));
  } catch (err) {
    refused = err instanceof DecryptionError;
  }
  if (!refused) throw new Error("open accepted a ciphertext under different associated data");
}

const busyBefore = await waitQuiet("secrets-crypto");
const sealed64 = seal(dataKey, value64, aad("OPENAI_API_KEY", 3));
const sealed4k = seal(dataKey, value4k, aad("TLS_PRIVATE_KEY", 1));
let sink = 0;
const seal64 = timeSync(() => {
  sink += seal(dataKey, value64, aad("OPENAI_API_KEY", 3)).length;
});
const open64 = timeSync(() => {
  sink += open(dataKey, sealed64, aad("OPENAI_API_KEY", 3)).length;
});
const seal4k = timeSync(() => {
  sink += seal(dataKey, value4k, aad("TLS_PRIVATE_KEY", 1)).length;
});
const open4k = timeSync(() => {
  sink += open(dataKey, sealed4k, aad("TLS_PRIVATE_KEY", 1)).length;
});

const t0 = process.hrtime.bigint();
const provider = createLocalKeyProvider({ masterKey: randomBytes(32).toString("base64url") });
const providerUs = Number(process.hrtime.bigint() - t0) / 1000;
const context = `dek:${projectId}`;
const { kekId, wrapped } = await provider.wrap(dataKey, context);
if (!(await provider.unwrap(wrapped, kekId, context)).equals(dataKey)) throw new Error("wrap/unwrap round trip failed");
const unwrap = await timeAsync(async () => {
  sink += (await provider.unwrap(wrapped, kekId, context)).length;
});
const wrap = await timeAsync(async () => {
  sink += (await provider.wrap(dataKey, context)).wrapped.length;
});

const cpus = os.cpus();
const result = {
  name: "secrets-crypto",
  title: "Secrets crypto, AES-256-GCM envelope (packages/domain/bench)",
  value: open64.meanUs,
  unit: "µs (open, 64 B)",
  values: {
    seal64MeanUs: seal64.meanUs,
    seal64P99Us: seal64.p99Us,
    open64MeanUs: open64.meanUs,
    open64P99Us: open64.p99Us,
    seal4kMeanUs: seal4k.meanUs,
    seal4kP99Us: seal4k.p99Us,
    open4kMeanUs: open4k.meanUs,
    open4kP99Us: open4k.p99Us,
    unwrapMeanUs: unwrap.meanUs,
    unwrapP99Us: unwrap.p99Us,
    wrapMeanUs: wrap.meanUs,
    createProviderUs: round2(providerUs),
    samplesPerFigure: MEASURED,
    machineBusyPctBefore: busyBefore,
  },
  goal: null,
  passedGoal: null,
  rows: 0,
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus.length,
  cpuModel: cpus[0]?.model.trim() ?? "unknown",
  details: { seal64, open64, seal4k, open4k, unwrap, wrap, checksum: sink },
};

console.log(`secrets crypto (AES-256-GCM, 32-byte data key, AAD secret:<project>:<name>:v<n>), ${MEASURED} samples each`);
console.log(`  seal 64 B  mean ${seal64.meanUs} µs  p50 ${seal64.p50Us}  p99 ${seal64.p99Us}`);
console.log(`  open 64 B  mean ${open64.meanUs} µs  p50 ${open64.p50Us}  p99 ${open64.p99Us}`);
console.log(`  seal 4 KB  mean ${seal4k.meanUs} µs  p50 ${seal4k.p50Us}  p99 ${seal4k.p99Us}`);
console.log(`  open 4 KB  mean ${open4k.meanUs} µs  p50 ${open4k.p50Us}  p99 ${open4k.p99Us}`);
console.log(`  data-key unwrap (local provider, awaited)  mean ${unwrap.meanUs} µs  p50 ${unwrap.p50Us}  p99 ${unwrap.p99Us}; wrap ${wrap.meanUs} µs; provider creation (HKDF) ${round2(providerUs)} µs`);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const outDir = path.join(repoRoot, "bench", "results");
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, "secrets-crypto.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(`  wrote ${path.relative(repoRoot, path.join(outDir, "secrets-crypto.json"))}`);
