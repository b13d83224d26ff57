/**
 * `guard.config.get(key)` in nanoseconds per call: a Map lookup in the client's memory, with no I/O.
 * Run with `pnpm --filter @llmguard/sdk bench` (part of `pnpm bench`); prints the figure, writes nothing.
 *
 * The client is loaded from its cache file (the SDK's own format, written by the SDK's own code) and
 * closed before it connects, so the figure is the read alone. The same figure against a live server and an
 * open stream is `config-sdk-cached-read` in bench/src/config-phases.ts, with the same goal: under 1 µs per
 * call. A benchmark reports and never fails on its goal (a busy shared machine slows it down); it replaces
 * a timed assertion that used to sit in test/config-client.test.ts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { ConfigClient } from "../src/config/config-client";
import { keyFingerprint, writeCacheFile } from "../src/config/config-cache-file";

const KEYS = 500;
const WARMUP_CALLS = 200_000;
const ROUNDS = 7;
const CALLS_PER_ROUND = 2_000_000;
const GOAL_NS = 1_000;

const apiKey = "lg_benchbenchben_benchbenchbenchbenchbenchbenchbe";
const values: Record<string, unknown> = {};
for (let i = 0; i < KEYS; i++) values[`feature.key${i}`] = i % 2 ? `value-${i}` : { nested: i };
const keys = Object.keys(values);

const dir = await mkdtemp(join(os.tmpdir(), "llmguard-sdk-bench-"));
try {
  const cacheFile = join(dir, "config.json");
  await writeCacheFile(cacheFile, { environment: "production", keyFingerprint: keyFingerprint(apiKey), etag: null, config: { version: 4, environment: "production", values } });
  const client = new ConfigClient({ apiKey, baseUrl: "http://127.0.0.1:9", cacheFile, onError: (e) => console.error(`  unexpected: ${e.code} ${e.message}`) });
  await client.close(); // before it ever connects: what remains is the in-memory read

  // Correctness first: the figure is only worth something if get() returns the stored values.
  if (client.version !== 4) throw new Error(`the client did not load the cache file (version ${client.version})`);
  for (const k of keys) if (JSON.stringify(client.get(k)) !== JSON.stringify(values[k])) throw new Error(`get(${k}) returned the wrong value`);

  let sink = 0;
  const run = (n: number) => {
    for (let i = 0; i < n; i++) if (client.get(keys[i % KEYS]!, null) !== null) sink++;
  };
  const loopOnly = (n: number) => {
    for (let i = 0; i < n; i++) if (keys[i % KEYS] !== undefined) sink++;
  };
  run(WARMUP_CALLS); // let the JIT optimise the loop before measuring
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    run(CALLS_PER_ROUND);
    rounds.push(Number(process.hrtime.bigint() - t0) / CALLS_PER_ROUND);
  }
  loopOnly(WARMUP_CALLS);
  const t0 = process.hrtime.bigint();
  loopOnly(CALLS_PER_ROUND);
  const loopNs = Number(process.hrtime.bigint() - t0) / CALLS_PER_ROUND;

  const sorted = [...rounds].sort((a, b) => a - b);
  const mean = rounds.reduce((a, b) => a + b, 0) / rounds.length;
  const f = (ns: number) => ns.toFixed(1);
  const cpus = os.cpus();
  console.log(`SDK config.get(key), ${KEYS} keys in memory, ${ROUNDS} rounds × ${CALLS_PER_ROUND.toLocaleString("en")} calls (node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"})`);
  console.log(`  config.get(): ${f(mean)} ns per call (median round ${f(sorted[Math.floor(ROUNDS / 2)]!)}, best ${f(sorted[0]!)}, worst ${f(sorted[ROUNDS - 1]!)}; the loop alone ${f(loopNs)} ns)`);
  console.log(`  goal < ${GOAL_NS.toLocaleString("en")} ns per call: ${mean < GOAL_NS ? "met" : "NOT met"} (checksum ${sink})`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
