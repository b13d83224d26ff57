// The Config & Secrets phases of `pnpm bench` (issue 4), called by run.ts: config reads over HTTP
// (200 and If-None-Match/304, production server and bare node:http), the SDK's cached read, and
// change-to-SDK propagation (one instance, and two instances on one database over LISTEN/NOTIFY).
// See docs/benchmarks.md for what each figure means.
import path from "node:path";
import type pg from "pg";
import { Api } from "./lib/api";
import { setUpConfig, CONFIG_SECRETS } from "./lib/config-fixture";
import { cpuSnapshot, cpuSplit, type CpuSnapshot, type CpuSplit } from "./lib/cpu";
import { runLoad, type LoadResult } from "./lib/load";
import { pgCounters, pgRates, type PgCounters } from "./lib/pg";
import { monotonicUs, type ProfileWindow } from "./lib/profile";
import { runRawLoad } from "./lib/raw-load";
import { result, writeResult, type BenchResult } from "./lib/report";
import { loadSdk, type SdkConfigClient, type SdkModule } from "./lib/sdk";
import { startBareServer, startServer, type RunningServer } from "./lib/server";
import { fmt, summarize } from "./lib/stats";

export const CONFIG_PHASES = ["config-read-http", "config-read-http-304", "config-read-http-bare", "config-read-http-cluster", "config-sdk-cached-read", "config-propagation", "config-propagation-cross"] as const;

// Reads: issue 14's goal (the config issue had asked for 5,000 reads/s).
export const CONFIG_GOALS = {
  readsPerSec: 10_000,
  readP99Ms: 10,
  sdkGetNs: 1_000,
  propagationP99Ms: 1_000,
};

export interface ConfigBenchContext {
  repoRoot: string;
  resultsDir: string;
  server: RunningServer;
  db: { name: string; url: string };
  admin: pg.Client;
  api: Api;
  /** A fresh access token of the benchmark user. */
  login: () => Promise<string>;
  enabled: (name: string) => boolean;
  waitQuiet: (phase: string) => Promise<void>;
  log: (msg: string) => void;
  results: BenchResult[];
  notes: string[];
  /** Measured windows for the CPU profile summary (BENCH_CPU_PROF=1). */
  profileWindows: ProfileWindow[];
  /** Set with BENCH_CPU_PROF=1: the bare server is profiled too. */
  cpuProfileDir?: string;
  cfg: {
    durationMs: number;
    warmupMs: number;
    concurrency: number;
    loadThreads: number;
    loadGen: "raw" | "undici";
    propagationClients: number;
    propagationChanges: number;
    propagationGapMs: number;
    sdkCalls: number;
    clusterWorkers: number;
  };
}

const READ_PATH = "/api/v1/config?environment=production";

export function configPhasesEnabled(enabled: (name: string) => boolean): boolean {
  return CONFIG_PHASES.some((p) => enabled(p));
}

export async function runConfigPhases(ctx: ConfigBenchContext): Promise<void> {
  const { api, log, enabled } = ctx;
  const token = await ctx.login();
  const project = await api.createProject(token, "Bench (config)");
  const setup = await setUpConfig(api, token, project.projectId);

  // The reference answer: what every read must return (status, body length, ETag).
  const ref = await fetch(`${ctx.server.origin}${READ_PATH}`, { headers: { "x-api-key": setup.apiKey } });
  const refBody = await ref.text();
  if (ref.status !== 200) throw new Error(`GET ${READ_PATH} answered ${ref.status}: ${refBody.slice(0, 300)}`);
  const etag = ref.headers.get("etag");
  if (!etag) throw new Error(`GET ${READ_PATH} answered without an ETag`);
  const delivered = JSON.parse(refBody) as { version: number; values: Record<string, unknown>; secrets?: Record<string, { value: string }> };
  if (delivered.values["openai.apiKey"] !== CONFIG_SECRETS.OPENAI_API_KEY || Object.keys(delivered.secrets ?? {}).length !== Object.keys(CONFIG_SECRETS).length) {
    throw new Error("the delivered config does not carry the resolved secrets: is the key scoped secrets:read?");
  }
  const bodyBytes = Buffer.byteLength(refBody);
  const fixture = { keys: Object.keys(delivered.values).length, systemPromptChars: setup.systemPromptChars, secrets: Object.keys(delivered.secrets ?? {}).length, bodyBytes, version: delivered.version };
  log(`config fixture: ${fixture.keys} keys, ${fixture.secrets} secrets resolved, system prompt ${fixture.systemPromptChars} chars, answer ${fmt.int(bodyBytes)} bytes, version ${fixture.version}, ETag ${etag}`);
  const counters = (): Promise<PgCounters> => pgCounters(ctx.admin, ctx.db.name);

  // (1) reads over HTTP ---------------------------------------------------------------------------
  const measureRead = async (target: RunningServer, name: string, title: string, opts: { ifNoneMatch?: string; goal: boolean }) => {
    await ctx.waitQuiet(name);
    const headers: Record<string, string> = { "x-api-key": setup.apiKey, accept: "application/json", "user-agent": "llmguard-bench", ...(opts.ifNoneMatch ? { "if-none-match": opts.ifNoneMatch } : {}) };
    const expectStatus = opts.ifNoneMatch ? 304 : 200;
    let cpuA: CpuSnapshot | null = null;
    let cpuB: CpuSnapshot | null = null;
    let pgA: PgCounters | null = null;
    let pgB: PgCounters | null = null;
    const hooks = {
      beforeMeasure: async () => {
        pgA = await counters();
        cpuA = cpuSnapshot(target.pid);
        ctx.profileWindows.push({ name, fromUs: monotonicUs(), toUs: Infinity });
      },
      afterMeasure: async () => {
        ctx.profileWindows[ctx.profileWindows.length - 1]!.toUs = monotonicUs();
        cpuB = cpuSnapshot(target.pid);
        pgB = await counters();
      },
    };
    const threads = ctx.cfg.loadGen === "raw" ? ctx.cfg.loadThreads : 1;
    log(`${name}: ${ctx.cfg.concurrency} clients (${ctx.cfg.loadGen} load generator${ctx.cfg.loadGen === "raw" ? `, ${threads} thread(s)` : ""}), ${ctx.cfg.warmupMs / 1000} s warm-up + ${ctx.cfg.durationMs / 1000} s against ${target.origin}${opts.ifNoneMatch ? " with If-None-Match" : ""} ...`);
    let res: LoadResult;
    if (ctx.cfg.loadGen === "raw") {
      res = await runRawLoad(
        { origin: target.origin, path: READ_PATH, headers, concurrency: ctx.cfg.concurrency, threads, warmupMs: ctx.cfg.warmupMs, durationMs: ctx.cfg.durationMs, maxRequests: 20_000_000, expectStatus, expectBodyBytes: opts.ifNoneMatch ? 0 : bodyBytes },
        hooks,
      );
    } else {
      const req = { method: "GET" as const, path: READ_PATH, headers };
      res = await runLoad(
        {
          origin: target.origin,
          concurrency: ctx.cfg.concurrency,
          warmupMs: ctx.cfg.warmupMs,
          durationMs: ctx.cfg.durationMs,
          maxRequests: 5_000_000,
          expectStatus,
          next: () => req,
          unitsOf: opts.ifNoneMatch ? undefined : (body) => (body.length === refBody.length ? 1 : 0),
        },
        hooks,
      );
    }
    const lat = summarize(res.latencies);
    const cpu = cpuSplit(cpuA!, cpuB!);
    const pgr = pgRates(pgA!, pgB!);
    const perRead = (pct: number) => Math.round((((pct / 100) * res.elapsedMs * 1000) / Math.max(1, res.requests)) * 10) / 10;
    const wrongBodies = opts.ifNoneMatch || ctx.cfg.loadGen === "raw" ? 0 : res.requests - res.errors - res.units;
    const passed = res.errors === 0 && wrongBodies === 0 && res.unitsPerSec >= CONFIG_GOALS.readsPerSec && lat.p99Ms < CONFIG_GOALS.readP99Ms;
    const r = result({
      name,
      title,
      value: Math.round(res.unitsPerSec),
      unit: "reads/s",
      values: {
        readsPerSec: Math.round(res.unitsPerSec),
        ...lat,
        errors: res.errors + wrongBodies,
        concurrency: ctx.cfg.concurrency,
        seconds: Math.round(res.elapsedMs / 100) / 10,
        status: expectStatus,
        bodyBytes: opts.ifNoneMatch ? 0 : bodyBytes,
        loadGenerator: ctx.cfg.loadGen === "raw" ? `raw net sockets, ${threads} worker thread(s)` : "undici Pool (load.ts)",
        serverCpuUsPerRead: perRead(cpu.serverPct),
        loadGenCpuUsPerRead: perRead(cpu.loadGeneratorPct),
        postgresCpuUsPerRead: perRead(cpu.postgresPct),
      },
      goal: opts.goal ? `≥ ${CONFIG_GOALS.readsPerSec.toLocaleString("en-US")} reads/s with p99 < ${CONFIG_GOALS.readP99Ms} ms (2 cores)` : null,
      passedGoal: opts.goal ? passed : null,
      rows: 0,
      details: { cpu, pg: { ...pgr, recordsPerCommit: null }, config: fixture, etag, errorSamples: res.errorSamples },
    });
    ctx.results.push(r);
    writeResult(ctx.resultsDir, r);
    log(`  ${fmt.int(res.unitsPerSec)} reads/s (${expectStatus}), p50 ${fmt.ms(lat.p50Ms)}, p99 ${fmt.ms(lat.p99Ms)}, max ${fmt.ms(lat.maxMs)}, errors ${res.errors + wrongBodies}; CPU server ${cpu.serverPct}% (kernel ${cpu.serverSystemPct}%) pg ${cpu.postgresPct}% load gen ${cpu.loadGeneratorPct}% (kernel ${cpu.loadGeneratorSystemPct}%) (machine ${cpu.machineBusyPct}%); server ${r.values.serverCpuUsPerRead} µs/read, load gen ${r.values.loadGenCpuUsPerRead} µs/read`);
    if (res.errorSamples.length) log(`  error samples: ${res.errorSamples.join(" | ")}`);
  };

  if (enabled("config-read-http")) await measureRead(ctx.server, "config-read-http", `Config read, \`GET /api/v1/config\` (${fixture.keys} keys, ${Math.round(bodyBytes / 1024)} KB with secrets), ${ctx.cfg.concurrency} clients`, { goal: true });
  if (enabled("config-read-http") || enabled("config-read-http-304")) {
    await measureRead(ctx.server, "config-read-http-304", `Config read with \`If-None-Match\` (304), ${ctx.cfg.concurrency} clients`, { ifNoneMatch: etag, goal: true });
  }
  if (enabled("config-read-http-bare")) {
    const bare = await startBareServer({ benchDir: path.join(ctx.repoRoot, "bench"), databaseUrl: ctx.db.url, secrets: ctx.server.secrets, logFile: path.join(ctx.resultsDir, "bare-server-config.log.tmp"), ...(ctx.cpuProfileDir ? { cpuProfileDir: ctx.cpuProfileDir } : {}) });
    try {
      await measureRead(bare, "config-read-http-bare", `Diagnostic: the same config read without Next (serveRest + fast path on bare node:http), ${ctx.cfg.concurrency} clients`, { goal: false });
    } finally {
      await bare.stop();
    }
  }

  if (enabled("config-read-http-cluster")) {
    // The same production server in cluster mode (apps/web/cluster.mjs): one worker per core sharing the
    // port, each an instance with its own caches, kept in step over LISTEN/NOTIFY.
    const workers = ctx.cfg.clusterWorkers;
    ctx.log(`starting the production server with WEB_CONCURRENCY=${workers} on the same database ...`);
    const clustered = await startServer({ repoRoot: ctx.repoRoot, databaseUrl: ctx.db.url, logFile: path.join(ctx.resultsDir, "server-cluster.log.tmp"), secrets: ctx.server.secrets, env: { WEB_CONCURRENCY: String(workers) }, readyCount: workers });
    try {
      await measureRead(clustered, "config-read-http-cluster", `Config read, production server in cluster mode (\`WEB_CONCURRENCY=${workers}\`), ${ctx.cfg.concurrency} clients`, { goal: true });
    } finally {
      await clustered.stop();
    }
  }

  // (2) the SDK's cached read ---------------------------------------------------------------------
  let sdk: SdkModule | null = null;
  const sdkNeeded = enabled("config-sdk-cached-read") || enabled("config-propagation") || enabled("config-propagation-cross");
  if (sdkNeeded) {
    try {
      sdk = await loadSdk(ctx.repoRoot);
    } catch (err) {
      const msg = `SDK config client not available, config-sdk-cached-read and config-propagation skipped: ${(err as Error).message}`;
      log(msg);
      ctx.notes.push(msg);
    }
  }
  if (sdk && enabled("config-sdk-cached-read")) await measureSdkGet(ctx, sdk, setup.apiKey, delivered.values);

  // (3) propagation ---------------------------------------------------------------------------------
  if (sdk && enabled("config-propagation")) {
    await measurePropagation(ctx, sdk, { name: "config-propagation", title: `Change-to-SDK propagation, \`PUT …/config/production\` until ${ctx.cfg.propagationClients} SDK ConfigClients (SSE) see it, one instance`, projectId: project.projectId, apiKey: setup.apiKey, writer: ctx.server, readers: ctx.server });
  }
  if (sdk && enabled("config-propagation-cross")) {
    ctx.log("starting a second production server on the same database (LISTEN/NOTIFY between the two) ...");
    const second = await startServer({ repoRoot: ctx.repoRoot, databaseUrl: ctx.db.url, logFile: path.join(ctx.resultsDir, "server-2.log.tmp"), secrets: ctx.server.secrets });
    try {
      await measurePropagation(ctx, sdk, {
        name: "config-propagation-cross",
        title: `Change-to-SDK propagation across two instances: \`PUT\` on one, ${ctx.cfg.propagationClients} SDK ConfigClients streaming from the other (LISTEN/NOTIFY)`,
        projectId: project.projectId,
        apiKey: setup.apiKey,
        writer: ctx.server,
        readers: second,
      });
    } finally {
      await second.stop();
    }
  }
}

/**
 * ns per `guard.config.get(key)` after the client loaded the real config from the server (stream open):
 * rounds of 1M calls cycling over the config's keys; the figure includes the loop (key array read, modulo,
 * a checksum), measured separately as `loopOnlyNs`.
 */
async function measureSdkGet(ctx: ConfigBenchContext, sdk: SdkModule, apiKey: string, values: Record<string, unknown>): Promise<void> {
  const name = "config-sdk-cached-read";
  const errors: string[] = [];
  const guard = new sdk.LLMGuard({ apiKey, baseUrl: ctx.server.origin, handleProcessExit: false, onError: (e) => errors.push(e.message), config: { environment: "production" } });
  try {
    await guard.config.ready({ timeoutMs: 30_000 });
    const client = guard.config;
    const keys = Object.keys(values);
    for (const k of keys) {
      if (JSON.stringify(client.get(k)) !== JSON.stringify(values[k])) throw new Error(`guard.config.get(${JSON.stringify(k)}) does not return the delivered value`);
    }
    if (client.secret("OPENAI_API_KEY")?.value !== CONFIG_SECRETS.OPENAI_API_KEY) throw new Error("guard.config.secret() does not return the delivered secret");
    await ctx.waitQuiet(name);
    const round = 1_000_000;
    const rounds = Math.max(1, Math.round(ctx.cfg.sdkCalls / round));
    const k = keys.length;
    let sink = 0;
    const viaGuard = (): number => {
      let hits = 0;
      for (let i = 0; i < round; i++) if (guard.config.get(keys[i % k]!) !== undefined) hits++;
      return hits;
    };
    const viaClient = (): number => {
      let hits = 0;
      for (let i = 0; i < round; i++) if (client.get(keys[i % k]!) !== undefined) hits++;
      return hits;
    };
    const loopOnly = (): number => {
      let hits = 0;
      for (let i = 0; i < round; i++) if (keys[i % k]!.length > 0) hits++;
      return hits;
    };
    const time = (fn: () => number): number[] => {
      for (let w = 0; w < 3; w++) sink += fn();
      const out: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const t0 = process.hrtime.bigint();
        sink += fn();
        out.push(Number(process.hrtime.bigint() - t0) / round);
      }
      return out;
    };
    ctx.log(`${name}: ${rounds} × ${fmt.int(round)} calls of guard.config.get(key) over ${k} keys (version ${client.version}) ...`);
    const cpuA = cpuSnapshot(ctx.server.pid);
    const guardNs = time(viaGuard);
    const clientNs = time(viaClient);
    const loopNs = time(loopOnly);
    // Per-call samples (each includes one hrtime.bigint pair, ~30–60 ns), for the tail.
    const samples = new Float64Array(1_000_000);
    for (let i = 0; i < samples.length; i++) {
      const t0 = process.hrtime.bigint();
      if (guard.config.get(keys[i % k]!) !== undefined) sink++;
      samples[i] = Number(process.hrtime.bigint() - t0);
    }
    const timerOnly = new Float64Array(200_000);
    for (let i = 0; i < timerOnly.length; i++) {
      const t0 = process.hrtime.bigint();
      timerOnly[i] = Number(process.hrtime.bigint() - t0);
    }
    const cpu = cpuSplit(cpuA, cpuSnapshot(ctx.server.pid));
    const stats = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const r = (x: number) => Math.round(x * 10) / 10;
      return { meanNs: r(xs.reduce((a, b) => a + b, 0) / xs.length), medianNs: r(s[Math.floor(s.length / 2)]!), minNs: r(s[0]!), maxNs: r(s[s.length - 1]!) };
    };
    const sorted = samples.sort();
    const tSorted = timerOnly.sort();
    const g = stats(guardNs);
    const c = stats(clientNs);
    const l = stats(loopNs);
    const sampledP50Ns = sorted[Math.floor(sorted.length * 0.5)]!;
    const sampledP99Ns = sorted[Math.floor(sorted.length * 0.99)]!;
    const timerP50Ns = tSorted[Math.floor(tSorted.length * 0.5)]!;
    const r = result({
      name,
      title: `SDK cached read, \`guard.config.get(key)\` (${k} keys, stream open), ${fmt.int(rounds * round)} calls`,
      value: g.meanNs,
      unit: "ns/call",
      values: {
        nsPerCall: g.meanNs,
        medianRoundNs: g.medianNs,
        worstRoundNs: g.maxNs,
        heldClientNsPerCall: c.meanNs,
        loopOnlyNs: l.meanNs,
        sampledP50Ns,
        sampledP99Ns,
        timerOverheadP50Ns: timerP50Ns,
        calls: rounds * round,
        keys: k,
        configVersion: client.version,
      },
      goal: `< ${CONFIG_GOALS.sdkGetNs.toLocaleString("en-US")} ns (1 µs) per call`,
      passedGoal: errors.length === 0 && g.meanNs < CONFIG_GOALS.sdkGetNs && g.maxNs < CONFIG_GOALS.sdkGetNs,
      rows: 0,
      details: { cpu, checksum: sink, errors: errors.slice(0, 5) },
    });
    ctx.results.push(r);
    writeResult(ctx.resultsDir, r);
    ctx.log(`  guard.config.get: ${g.meanNs} ns/call (median round ${g.medianNs}, worst ${g.maxNs}); held client.get ${c.meanNs} ns; loop alone ${l.meanNs} ns; sampled p50 ${sampledP50Ns} ns / p99 ${sampledP99Ns} ns incl. timer (~${timerP50Ns} ns)`);
  } finally {
    await guard.shutdown().catch(() => undefined);
  }
}

/**
 * ~100 changes of one production key over REST, each until every SDK client (each its own ConfigClient
 * with its own SSE stream) holds the new version: the time from sending the PUT to the last client's
 * onChange (and to each client's), and the PUT's own answer time. Changes are spaced by `gap` so they do
 * not coalesce into one stream event.
 */
async function measurePropagation(
  ctx: ConfigBenchContext,
  sdk: SdkModule,
  p: { name: string; title: string; projectId: string; apiKey: string; writer: RunningServer; readers: RunningServer },
): Promise<void> {
  const n = ctx.cfg.propagationClients;
  const errors: string[] = [];
  const clients: SdkConfigClient[] = [];
  const writerApi = new Api(p.writer.origin);
  try {
    for (let i = 0; i < n; i++) clients.push(new sdk.ConfigClient({ apiKey: p.apiKey, baseUrl: p.readers.origin, environment: "production", onError: (e) => errors.push(e.message) }));
    await Promise.all(clients.map((c) => c.ready({ timeoutMs: 30_000 })));
    // What each client saw, per target version: arrival time (performance.now()) and the value it read.
    let target = 0;
    let expected = 0;
    let arrivals: (number | null)[] = [];
    let wrong = 0;
    let wake: (() => void) | null = null;
    clients.forEach((c, i) =>
      c.onChange((change) => {
        if (target === 0 || change.version < target || arrivals[i] !== null) return;
        arrivals[i] = performance.now();
        if (c.get("bench.revision") !== expected) wrong++;
        if (arrivals.every((a) => a !== null)) wake?.();
      }),
    );
    await ctx.waitQuiet(p.name);
    let token = await ctx.login();
    let tokenAt = Date.now();
    ctx.log(`${p.name}: ${ctx.cfg.propagationChanges} changes, ${n} SDK clients on ${p.readers.origin}, writes to ${p.writer.origin}, ${ctx.cfg.propagationGapMs} ms between changes ...`);
    const last: number[] = [];
    const afterPut: number[] = [];
    const perClient: number[] = [];
    const putMs: number[] = [];
    let missed = 0;
    const cpuA = cpuSnapshot(p.writer.pid === p.readers.pid ? p.writer.pid : [p.writer.pid, p.readers.pid]);
    const startedAt = performance.now();
    const window: ProfileWindow = { name: p.name, fromUs: monotonicUs(), toUs: Infinity };
    ctx.profileWindows.push(window);
    for (let i = 1; i <= ctx.cfg.propagationChanges; i++) {
      if (Date.now() - tokenAt > 5 * 60_000) {
        token = await ctx.login();
        tokenAt = Date.now();
      }
      await new Promise((r) => setTimeout(r, ctx.cfg.propagationGapMs));
      const revision = Date.now() * 1000 + i; // unique per change across runs on one database
      expected = revision;
      arrivals = clients.map(() => null);
      const allSeen = new Promise<void>((resolve) => (wake = resolve));
      // A stream event can arrive before the PUT's answer: until then anything newer than what the clients hold counts.
      target = Math.max(...clients.map((c) => c.version ?? 0)) + 1;
      const t0 = performance.now();
      const put = writerApi.putConfig(token, p.projectId, "production", { "bench.revision": revision }, `benchmark change ${i}`);
      const { version } = await put;
      const tPut = performance.now();
      putMs.push(tPut - t0);
      target = version;
      // Arrivals recorded for an older version (another writer) do not count.
      arrivals = arrivals.map((a, j) => (a !== null && (clients[j]!.version ?? 0) >= version ? a : null));
      if (!arrivals.every((a) => a !== null)) {
        const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
        await Promise.race([allSeen, timeout]);
      }
      wake = null;
      const got = arrivals.filter((a): a is number => a !== null);
      if (got.length < n) {
        missed++;
        errors.push(`change ${i} (version ${version}): ${n - got.length} of ${n} clients did not see it within 10 s`);
        continue;
      }
      const lastAt = Math.max(...got);
      last.push(lastAt - t0);
      afterPut.push(Math.max(0, lastAt - tPut));
      for (const a of got) perClient.push(a - t0);
    }
    const elapsedMs = performance.now() - startedAt;
    window.toUs = monotonicUs();
    const cpu = cpuSplit(cpuA, cpuSnapshot(p.writer.pid === p.readers.pid ? p.writer.pid : [p.writer.pid, p.readers.pid]));
    const lastS = summarize(last);
    const eachS = summarize(perClient);
    const putS = summarize(putMs);
    const afterS = summarize(afterPut);
    const passed = missed === 0 && wrong === 0 && lastS.count > 0 && lastS.p99Ms < CONFIG_GOALS.propagationP99Ms;
    const r = result({
      name: p.name,
      title: p.title,
      value: lastS.p99Ms,
      unit: "ms (p99, last client)",
      values: {
        changes: lastS.count,
        clients: n,
        lastP50Ms: lastS.p50Ms,
        lastP90Ms: lastS.p90Ms,
        lastP99Ms: lastS.p99Ms,
        lastMaxMs: lastS.maxMs,
        lastMeanMs: lastS.meanMs,
        eachP50Ms: eachS.p50Ms,
        eachP99Ms: eachS.p99Ms,
        eachMaxMs: eachS.maxMs,
        putP50Ms: putS.p50Ms,
        putP99Ms: putS.p99Ms,
        afterPutP50Ms: afterS.p50Ms,
        afterPutP99Ms: afterS.p99Ms,
        missed,
        wrongValues: wrong,
        gapMs: ctx.cfg.propagationGapMs,
        seconds: Math.round(elapsedMs / 100) / 10,
        instances: p.writer.pid === p.readers.pid ? 1 : 2,
      },
      goal: `p99 < ${CONFIG_GOALS.propagationP99Ms.toLocaleString("en-US")} ms until the last client`,
      passedGoal: passed,
      rows: 0,
      details: { cpu: cpu satisfies CpuSplit, errors: errors.slice(0, 5), last: lastS, perClient: eachS, put: putS, afterPut: afterS },
    });
    ctx.results.push(r);
    writeResult(ctx.resultsDir, r);
    ctx.log(`  last client: p50 ${fmt.ms(lastS.p50Ms)}, p99 ${fmt.ms(lastS.p99Ms)}, max ${fmt.ms(lastS.maxMs)}; each client p50 ${fmt.ms(eachS.p50Ms)} p99 ${fmt.ms(eachS.p99Ms)}; PUT answer p50 ${fmt.ms(putS.p50Ms)}; missed ${missed}, wrong values ${wrong}`);
    if (errors.length) ctx.log(`  errors: ${errors.slice(0, 5).join(" | ")}`);
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  }
}
