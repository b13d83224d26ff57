// The mixed traffic of `pnpm bench:soak` (soak.ts): what an LLMGuard deployment serves at once — single-record
// ingest (an SDK's logNow, the gateway), batched ingest (the SDK's background batches), config reads (SDKs
// polling `GET /api/v1/config`), and the dashboard's log search and metrics — in fixed shares, and a load
// generator that sends it closed-loop (to find the peak) or paced (the soak), in windows of its own.
import { Pool } from "undici";
import { sampleRecords } from "./seed";
import { awaitSlot, type LoadRequest } from "./lib/load";

export type SoakKind = "ingest-single" | "ingest-batch" | "config-read" | "search" | "metrics";

/** Shares per 100 operations. */
export const SOAK_MIX: Record<SoakKind, number> = { "ingest-single": 50, "ingest-batch": 4, "config-read": 40, search: 5, metrics: 1 };
export const SOAK_BATCH_SIZE = 50;

const EXPECT: Record<SoakKind, number> = { "ingest-single": 201, "ingest-batch": 200, "config-read": 200, search: 200, metrics: 200 };

export interface SoakTargets {
  /** The project single ingest writes to, and search and metrics read. */
  projectId: string;
  ingestKey: string;
  /** The project batches go to (so the searched project grows at the single-record rate only). */
  batchKey: string;
  /** An API key with `config:read` + `secrets:read` on the config fixture's project. */
  configKey: string;
  /** A bearer token of the project's owner; refreshed by the caller (access tokens live 15 minutes). */
  token: () => string;
}

/** Builds the request of operation `i`: the kinds interleaved evenly over each block of 100. */
export function soakRequests(t: SoakTargets): { kindOf: (i: number) => SoakKind; next: (i: number) => LoadRequest } {
  const slots: SoakKind[] = [];
  // Spread each kind over the block (largest remainder first), not in runs.
  const kinds = Object.entries(SOAK_MIX) as [SoakKind, number][];
  const credit = new Map<SoakKind, number>(kinds.map(([k]) => [k, 0]));
  for (let s = 0; s < 100; s++) {
    for (const [k, share] of kinds) credit.set(k, credit.get(k)! + share);
    const [best] = [...credit].sort((a, b) => b[1] - a[1])[0]!;
    credit.set(best, credit.get(best)! - 100);
    slots.push(best);
  }
  const singles = sampleRecords(2_000, 7).map((r) => Buffer.from(JSON.stringify(r)));
  const batchRecords = sampleRecords(40 * SOAK_BATCH_SIZE, 11);
  const batches: Buffer[] = [];
  for (let i = 0; i < batchRecords.length; i += SOAK_BATCH_SIZE) batches.push(Buffer.from(JSON.stringify({ records: batchRecords.slice(i, i + SOAK_BATCH_SIZE) })));
  const json = { "content-type": "application/json" };
  const searches: Record<string, string>[] = [
    { search: "refund", model: "gpt-4o", sortBy: "timestamp", sortOrder: "desc" },
    { sortBy: "latency", sortOrder: "desc" },
    { search: "password", minRiskScore: "30", sortBy: "riskScore", sortOrder: "desc" },
    { endpoint: "sql-assistant", status: "error", sortBy: "timestamp", sortOrder: "desc" },
    { search: "invoice", sortBy: "timestamp", sortOrder: "desc" },
    { endUserId: "user_00001", sortBy: "timestamp", sortOrder: "desc" },
  ];
  const kindOf = (i: number) => slots[i % 100]!;
  const next = (i: number): LoadRequest => {
    const n = Math.floor(i / 100);
    switch (kindOf(i)) {
      case "ingest-single":
        return { method: "POST", path: "/api/v1/requests", headers: { ...json, "x-api-key": t.ingestKey }, body: singles[i % singles.length]! };
      case "ingest-batch":
        return { method: "POST", path: "/api/v1/requests/batch", headers: { ...json, "x-api-key": t.batchKey }, body: batches[n % batches.length]! };
      case "config-read":
        return { method: "GET", path: "/api/v1/config?environment=production", headers: { "x-api-key": t.configKey } };
      case "search": {
        const q = new URLSearchParams({ projectId: t.projectId, limit: "50", ...searches[(i + n) % searches.length]! });
        return { method: "GET", path: `/api/v1/requests?${q.toString()}`, headers: { authorization: `Bearer ${t.token()}` } };
      }
      case "metrics":
        return { method: "GET", path: `/api/v1/projects/${t.projectId}/metrics?granularity=day`, headers: { authorization: `Bearer ${t.token()}` } };
    }
  };
  return { kindOf, next };
}

/** What one window of the load saw. */
export interface SoakWindow {
  startedAt: number;
  elapsedMs: number;
  ops: number;
  errors: number;
  errorSamples: string[];
  /** Latency of every operation that ended in the window (ms; paced: from its scheduled time). */
  latencies: number[];
  byKind: Record<SoakKind, number[]>;
}

const emptyByKind = (): Record<SoakKind, number[]> => ({ "ingest-single": [], "ingest-batch": [], "config-read": [], search: [], metrics: [] });

/**
 * Sends the mix over keep-alive connections to `origin`, `clients` at a time: closed-loop without
 * `ratePerSec` (each client sends its next operation when the answer arrives: the peak), or paced to
 * `ratePerSec` on a fixed schedule, latency counted from each operation's scheduled time (no coordinated
 * omission). Every `windowMs` the window's figures go to `onWindow` (awaited; the load goes on meanwhile).
 */
export async function runSoakLoad(opts: {
  origin: string;
  clients: number;
  durationMs: number;
  windowMs: number;
  ratePerSec?: number;
  kindOf: (i: number) => SoakKind;
  next: (i: number) => LoadRequest;
  onWindow: (w: SoakWindow, index: number) => Promise<void> | void;
}): Promise<void> {
  const pool = new Pool(opts.origin, { connections: opts.clients, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 60_000, bodyTimeout: 60_000 });
  const fresh = (at: number): SoakWindow => ({ startedAt: at, elapsedMs: 0, ops: 0, errors: 0, errorSamples: [], latencies: [], byKind: emptyByKind() });
  const started = performance.now();
  const deadline = started + opts.durationMs;
  let win = fresh(started);
  let winIndex = 0;
  const pending: Promise<void>[] = [];
  const closeWindow = (at: number) => {
    const done = win;
    done.elapsedMs = at - done.startedAt;
    win = fresh(at);
    pending.push(Promise.resolve(opts.onWindow(done, winIndex++)));
  };
  const ticker = setInterval(() => closeWindow(performance.now()), opts.windowMs);
  let counter = 0;
  const period = opts.ratePerSec ? (opts.clients * 1000) / opts.ratePerSec : 0;
  try {
    const worker = async (w: number) => {
      let scheduled = started + (period * w) / opts.clients;
      while (performance.now() < deadline) {
        const { stop, behind } = await awaitSlot(scheduled, period, deadline);
        if (stop) break;
        const i = counter++;
        const kind = opts.kindOf(i);
        const req = opts.next(i);
        const t0 = behind ? scheduled : performance.now();
        scheduled += period;
        let status = 0;
        let text = "";
        try {
          const res = await pool.request({ path: req.path, method: req.method, headers: req.headers, body: req.body });
          status = res.statusCode;
          text = await res.body.text();
        } catch (err) {
          text = err instanceof Error ? err.message : String(err);
        }
        const ms = performance.now() - t0;
        win.ops++;
        win.latencies.push(ms);
        win.byKind[kind].push(ms);
        if (status !== EXPECT[kind]) {
          win.errors++;
          if (win.errorSamples.length < 5) win.errorSamples.push(`${kind} ${status}: ${text.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: opts.clients }, (_, w) => worker(w)));
  } finally {
    clearInterval(ticker);
    await pool.close();
  }
  // The last, partial window counts if it is at least half a window long (or the only one).
  const end = performance.now();
  if ((end - win.startedAt >= opts.windowMs / 2 || winIndex === 0) && win.ops > 0) closeWindow(end);
  await Promise.all(pending);
}
