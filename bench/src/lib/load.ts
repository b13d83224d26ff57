import { Pool } from "undici";

/**
 * A closed-loop load generator: `concurrency` workers, each sending its next request as soon as the
 * previous answer is read, over keep-alive connections to 127.0.0.1. Bounded by time and by count.
 * A warm-up run (not measured) precedes the measured run on the same connections.
 */
export interface LoadRequest {
  method: "GET" | "POST" | "PATCH";
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

export interface LoadOptions {
  origin: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Hard cap on measured requests (the run also stops at durationMs). */
  maxRequests: number;
  next: (i: number) => LoadRequest;
  /** Expected status; anything else counts as an error. */
  expectStatus: number;
  /** Units of work in one successful answer (rows for a batch); default 1. */
  unitsOf?: (body: string) => number;
  /**
   * Paced instead of closed-loop: the clients together send this many requests per second on a fixed
   * schedule, and latency counts from each request's scheduled time (a late server is not forgiven by
   * sending later: no coordinated omission). Unset: each client sends its next request when the answer
   * arrives, and latency is mostly queueing at saturation.
   */
  ratePerSec?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  errorSamples: string[];
  units: number;
  elapsedMs: number;
  latencies: Float64Array;
  requestsPerSec: number;
  unitsPerSec: number;
}

/**
 * The open-loop pacing of one client: waits for its `scheduled` time (with a period, 0 = closed loop).
 * Returns `stop` when the slot falls past the deadline, and `behind` when the slot is already late (an
 * answer came late): then latency counts from the scheduled time, not from when the request left, so the
 * generator's own lateness is not the server's and a slow server cannot hide queueing (coordinated omission).
 */
export async function awaitSlot(scheduled: number, period: number, deadline: number): Promise<{ stop: boolean; behind: boolean }> {
  if (period <= 0) return { stop: false, behind: false };
  const wait = scheduled - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  return { stop: scheduled >= deadline, behind: wait <= 0 };
}

export async function runLoad(opts: LoadOptions, hooks: { beforeMeasure?: () => Promise<void>; afterMeasure?: () => Promise<void> } = {}): Promise<LoadResult> {
  const origin = new URL(opts.origin);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(origin.hostname)) throw new Error(`load generation only targets this machine, not ${origin.hostname}`);
  const pool = new Pool(opts.origin, { connections: opts.concurrency, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 60_000, bodyTimeout: 60_000 });
  let counter = 0;
  try {
    const phase = async (durationMs: number, maxRequests: number) => {
      const latencies = new Float64Array(maxRequests);
      let n = 0;
      let errors = 0;
      let units = 0;
      const errorSamples: string[] = [];
      const started = performance.now();
      const deadline = started + durationMs;
      let lastDone = started;
      const period = opts.ratePerSec ? (opts.concurrency * 1000) / opts.ratePerSec : 0;
      const worker = async (w: number) => {
        let scheduled = started + (period * w) / opts.concurrency;
        while (performance.now() < deadline && n < maxRequests) {
          const { stop, behind } = await awaitSlot(scheduled, period, deadline);
          if (stop) break;
          const slot = n++;
          const req = opts.next(counter++);
          const t0 = behind ? scheduled : performance.now();
          scheduled += period;
          let ok = false;
          let text = "";
          let status = 0;
          try {
            const res = await pool.request({ path: req.path, method: req.method, headers: req.headers, body: req.body });
            status = res.statusCode;
            text = await res.body.text();
            ok = status === opts.expectStatus;
          } catch (err) {
            text = err instanceof Error ? err.message : String(err);
          }
          const t1 = performance.now();
          latencies[slot] = t1 - t0;
          lastDone = Math.max(lastDone, t1);
          if (ok) units += opts.unitsOf ? opts.unitsOf(text) : 1;
          else {
            errors++;
            if (errorSamples.length < 5) errorSamples.push(`${status}: ${text.slice(0, 300)}`);
          }
        }
      };
      await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
      const elapsedMs = lastDone - started;
      return { requests: n, errors, errorSamples, units, elapsedMs, latencies: latencies.subarray(0, n), requestsPerSec: (n * 1000) / elapsedMs, unitsPerSec: (units * 1000) / elapsedMs };
    };
    if (opts.warmupMs > 0) await phase(opts.warmupMs, opts.maxRequests);
    await hooks.beforeMeasure?.();
    const result = await phase(opts.durationMs, opts.maxRequests);
    await hooks.afterMeasure?.();
    return result;
  } finally {
    await pool.close();
  }
}

/** Sequential requests (one client), for query latency rather than throughput. */
export async function timedRequest(pool: Pool, req: LoadRequest): Promise<{ status: number; ms: number; body: string }> {
  const t0 = performance.now();
  const res = await pool.request({ path: req.path, method: req.method, headers: req.headers, body: req.body });
  const body = await res.body.text();
  return { status: res.statusCode, ms: performance.now() - t0, body };
}
