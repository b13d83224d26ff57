import { Worker } from "node:worker_threads";
import type { LoadResult } from "./load";
import type { RawFromWorker, RawToWorker, RawWorkerData } from "./raw-load-worker";

/**
 * A cheaper closed-loop load generator than load.ts (undici) for small, fast answers: `threads` worker
 * threads, each with its share of the `concurrency` keep-alive connections over raw `net` sockets. Every
 * connection sends one pre-serialized request (no per-request header objects, no streams) and the next one
 * as soon as the answer is complete; answers are framed by Content-Length or chunked encoding and each is
 * checked for its status code and (for a success) its body length against the reference answer. Worker
 * threads run in this process, so the harness's own CPU figure (`process.cpuUsage()`, all threads)
 * includes them.
 */
export interface RawLoadOptions {
  origin: string;
  /** GET request target (path and query). */
  path: string;
  headers: Record<string, string>;
  concurrency: number;
  threads: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
  expectStatus: number;
  /** Body bytes every expected answer must carry (null: not checked). */
  expectBodyBytes: number | null;
}

export function rawRequest(origin: URL, path: string, headers: Record<string, string>): Buffer {
  const lines = [`GET ${path} HTTP/1.1`, `host: ${origin.host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  for (const l of lines) if (/[\r\n]/.test(l)) throw new Error("header values must not contain CR or LF");
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
}

/** The worker entry, a TypeScript file: each thread registers tsx first (workers do not inherit it). */
function workerSource(): string {
  const tsx = import.meta.resolve("tsx/esm/api");
  const file = new URL("./raw-load-worker.ts", import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); });`;
}

export async function runRawLoad(opts: RawLoadOptions, hooks: { beforeMeasure?: () => Promise<void>; afterMeasure?: () => Promise<void> } = {}): Promise<LoadResult & { threads: number }> {
  const origin = new URL(opts.origin);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(origin.hostname)) throw new Error(`load generation only targets this machine, not ${origin.hostname}`);
  const request = rawRequest(origin, opts.path, opts.headers);
  const threads = Math.max(1, Math.min(opts.threads, opts.concurrency));
  const source = workerSource();
  const workers: { worker: Worker; next: () => Promise<RawFromWorker> }[] = [];
  try {
    for (let i = 0; i < threads; i++) {
      const connections = Math.floor(opts.concurrency / threads) + (i < opts.concurrency % threads ? 1 : 0);
      const data: RawWorkerData = { host: origin.hostname.replace(/^\[|\]$/g, ""), port: Number(origin.port || 80), connections, request: new Uint8Array(request), expectStatus: opts.expectStatus, expectBodyBytes: opts.expectBodyBytes };
      const worker = new Worker(source, { eval: true, workerData: data });
      const inbox: RawFromWorker[] = [];
      const waiting: ((m: RawFromWorker) => void)[] = [];
      let failure: Error | null = null;
      const deliver = (m: RawFromWorker) => {
        const w = waiting.shift();
        if (w) w(m);
        else inbox.push(m);
      };
      worker.on("message", deliver);
      worker.on("error", (err) => {
        failure = err;
        deliver({ type: "fatal", message: err.message });
      });
      worker.on("exit", (code) => {
        if (code !== 0 && !failure) deliver({ type: "fatal", message: `load worker exited with ${code}` });
      });
      const next = () => new Promise<RawFromWorker>((resolve) => (inbox.length ? resolve(inbox.shift()!) : waiting.push(resolve)));
      workers.push({ worker, next });
    }
    for (const w of workers) {
      const m = await w.next();
      if (m.type !== "ready") throw new Error(m.type === "fatal" ? m.message : `unexpected message ${m.type}`);
    }
    const phase = async (durationMs: number): Promise<LoadResult> => {
      const perWorker = Math.ceil(opts.maxRequests / threads);
      for (const w of workers) w.worker.postMessage({ type: "run", durationMs, maxRequests: perWorker } satisfies RawToWorker);
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`load workers did not finish within ${durationMs / 1000 + 60} s`)), durationMs + 60_000).unref());
      const done = await Promise.race([Promise.all(workers.map((w) => w.next())), timeout]);
      let requests = 0;
      let errors = 0;
      const errorSamples: string[] = [];
      let started = Infinity;
      let last = 0;
      const parts: Float64Array[] = [];
      for (const m of done) {
        if (m.type !== "done") throw new Error(m.type === "fatal" ? m.message : `unexpected message ${m.type}`);
        requests += m.requests;
        errors += m.errors;
        errorSamples.push(...m.errorSamples);
        started = Math.min(started, m.startedAt);
        last = Math.max(last, m.lastDoneAt);
        parts.push(m.latencies);
      }
      const latencies = new Float64Array(requests);
      let at = 0;
      for (const p of parts) {
        latencies.set(p, at);
        at += p.length;
      }
      const elapsedMs = Math.max(1, last - started);
      const units = requests - errors;
      return { requests, errors, errorSamples: errorSamples.slice(0, 5), units, elapsedMs, latencies, requestsPerSec: (requests * 1000) / elapsedMs, unitsPerSec: (units * 1000) / elapsedMs };
    };
    if (opts.warmupMs > 0) await phase(opts.warmupMs);
    await hooks.beforeMeasure?.();
    const result = await phase(opts.durationMs);
    await hooks.afterMeasure?.();
    return { ...result, threads };
  } finally {
    for (const w of workers) {
      w.worker.postMessage({ type: "close" } satisfies RawToWorker);
      await Promise.race([new Promise((r) => w.worker.once("exit", r)), new Promise((r) => setTimeout(r, 2_000).unref())]);
      await w.worker.terminate();
    }
  }
}
