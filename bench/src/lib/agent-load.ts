import http from "node:http";

/**
 * The gateway phase's load generator: plain `node:http` requests over a keep-alive `http.Agent` (one per
 * target, `maxSockets` = clients), the same code for the direct path and the gateway path, so connection
 * handling costs the same on both. `concurrency` clients, closed-loop or paced (as lib/load.ts: latency
 * from each request's scheduled time when the generator is behind schedule, no coordinated omission). Each
 * answer is timed to its end and, when `firstMark` is given, to the first chunk that contains it (the first
 * token of a stream); each is checked for its status and by `check`.
 */
export interface AgentTarget {
  label: string;
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  agent: http.Agent;
}

export interface AgentLoadResult {
  requests: number;
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  requestsPerSec: number;
  /** Request → last byte of the answer, ms. */
  totalMs: number[];
  /** Request → the chunk carrying `firstMark`, ms (streams). */
  firstMs: number[];
}

export function keepAliveAgent(clients: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: clients, maxFreeSockets: clients, keepAliveMsecs: 1_000, scheduling: "fifo" });
}

interface Exchange {
  ok: boolean;
  firstAt: number | null;
  endAt: number;
  sample?: string;
}

function exchange(target: AgentTarget, url: URL, headers: Record<string, string>, check: (body: string) => boolean, firstMark: string | undefined): Promise<Exchange> {
  return new Promise((resolve) => {
    const req = http.request({ agent: target.agent, host: url.hostname, port: url.port, path: target.path, method: "POST", headers });
    req.on("response", (res) => {
      res.setEncoding("utf8");
      let text = "";
      let firstAt: number | null = null;
      res.on("data", (c: string) => {
        text += c;
        if (firstAt === null && firstMark !== undefined && text.includes(firstMark)) firstAt = performance.now();
      });
      res.on("end", () => {
        const endAt = performance.now();
        const ok = res.statusCode === 200 && check(text) && (firstMark === undefined || firstAt !== null);
        resolve({ ok, firstAt, endAt, ...(ok ? {} : { sample: `${target.label} ${res.statusCode}: ${text.slice(0, 300)}` }) });
      });
      res.on("error", (err) => resolve({ ok: false, firstAt, endAt: performance.now(), sample: `${target.label}: ${err.message}` }));
    });
    req.on("error", (err) => resolve({ ok: false, firstAt: null, endAt: performance.now(), sample: `${target.label}: ${err.message}` }));
    req.end(target.body);
  });
}

export async function runAgentLoad(opts: {
  target: AgentTarget;
  concurrency: number;
  durationMs: number;
  /** Paced: the clients together send this many requests per second; unset: closed loop. */
  ratePerSec?: number;
  check: (body: string) => boolean;
  firstMark?: string;
}): Promise<AgentLoadResult> {
  const url = new URL(opts.target.origin);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new Error(`load generation only targets this machine, not ${url.hostname}`);
  const headers = { ...opts.target.headers, "content-length": String(opts.target.body.length) };
  const totalMs: number[] = [];
  const firstMs: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;
  let lastDone = started;
  const period = opts.ratePerSec ? (opts.concurrency * 1000) / opts.ratePerSec : 0;
  const worker = async (w: number) => {
    let scheduled = started + (period * w) / opts.concurrency;
    while (performance.now() < deadline) {
      let behind = false;
      if (period > 0) {
        if (scheduled >= deadline) break;
        const wait = scheduled - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else behind = true;
      }
      const t0 = behind ? scheduled : performance.now();
      scheduled += period;
      const x = await exchange(opts.target, url, headers, opts.check, opts.firstMark);
      lastDone = Math.max(lastDone, x.endAt);
      if (!x.ok) {
        errors++;
        if (errorSamples.length < 5 && x.sample) errorSamples.push(x.sample);
        continue;
      }
      totalMs.push(x.endAt - t0);
      if (x.firstAt !== null) firstMs.push(x.firstAt - t0);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  const elapsedMs = Math.max(1, lastDone - started);
  const requests = totalMs.length + errors;
  return { requests, errors, errorSamples, elapsedMs, requestsPerSec: (requests * 1000) / elapsedMs, totalMs, firstMs };
}

/**
 * Two targets measured side by side under the same load: `blocks` rounds of `blockMs` each, A B A B ...
 * (a drift in the machine's load during the run weighs on both alike); the samples of each target are
 * pooled over its blocks. Strict alternation keeps each target's connections idle for one block at most:
 * A B B A would leave them idle for two, and a server closing idle keep-alive connections after 5 s (the
 * node:http default) would make the next block open new ones (or fail on a socket it is closing).
 */
export async function runSideBySide(opts: {
  targets: readonly [AgentTarget, AgentTarget];
  blocks: number;
  blockMs: number;
  concurrency: number;
  ratePerSec?: number;
  check: (body: string) => boolean;
  firstMark?: string;
  /** Called around each block, e.g. for CPU snapshots of the target being measured. */
  onBlock?: (target: AgentTarget, phase: "before" | "after") => void;
}): Promise<[AgentLoadResult, AgentLoadResult]> {
  const pooled = opts.targets.map(() => ({ requests: 0, errors: 0, errorSamples: [] as string[], elapsedMs: 0, requestsPerSec: 0, totalMs: [] as number[], firstMs: [] as number[] })) as [AgentLoadResult, AgentLoadResult];
  for (let b = 0; b < opts.blocks; b++) {
    for (const i of [0, 1]) {
      const target = opts.targets[i]!;
      opts.onBlock?.(target, "before");
      const r = await runAgentLoad({ target, concurrency: opts.concurrency, durationMs: opts.blockMs, check: opts.check, ...(opts.ratePerSec ? { ratePerSec: opts.ratePerSec } : {}), ...(opts.firstMark ? { firstMark: opts.firstMark } : {}) });
      opts.onBlock?.(target, "after");
      const p = pooled[i]!;
      p.requests += r.requests;
      p.errors += r.errors;
      p.errorSamples.push(...r.errorSamples.slice(0, Math.max(0, 5 - p.errorSamples.length)));
      p.elapsedMs += r.elapsedMs;
      for (const x of r.totalMs) p.totalMs.push(x);
      for (const x of r.firstMs) p.firstMs.push(x);
    }
  }
  for (const p of pooled) p.requestsPerSec = (p.requests * 1000) / Math.max(1, p.elapsedMs);
  return pooled;
}
