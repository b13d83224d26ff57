import { randomUUID } from "node:crypto";
import { getGuardSettings, prepareRow, type ApiKeyPrincipal, type App, type IngestRecord, type PreparedRow } from "@llmguard/domain";
import { Rng } from "./random";
import { buildTimeline, timestamps, type HourSlot } from "./timeline";
import { APP_VERSIONS, endUserFor, generateText, latencyFor, REGIONS, toRecord, type Model, type Status } from "./traffic";

export interface SeedProgress {
  done: number;
  total: number;
  elapsedMs: number;
}

export interface SeedOptions {
  app: App;
  projectId: string;
  /** How many calls to write. */
  requests: number;
  /** Spread over the last `days` days up to `now`. */
  days?: number;
  now?: Date;
  /** PRNG seed: the same seed and options give the same texts, statuses and timestamps. */
  seed?: number;
  /** Distinct end users. */
  users?: number;
  /** Rows per `app.ingest.submit` call (the group committer writes up to 1,000 per transaction). */
  chunkSize?: number;
  /** Chunks submitted but not yet committed; >1 lets the next chunk be prepared while one commits. */
  inFlight?: number;
  /**
   * Up to this many requests every row is generated and scored on its own. Beyond it, the texts come
   * from a pool of this many pre-scored records (plus a smaller pool per failure status); each row gets a
   * fresh id, timestamp, latency, end user and metadata. Scoring depends only on the text, model,
   * status and token counts, which a row shares with its pool record, so every stored score is still
   * exactly what the scorer returns for that row.
   */
  templatePool?: number;
  metadataSource?: string;
  onProgress?: (p: SeedProgress) => void;
}

export interface SeedResult {
  rows: number;
  inserted: number;
  duplicates: number;
  flagged: number;
  byStatus: Record<Status, number>;
  /** Records that went through prepareRow (scoring and pricing). */
  scored: number;
  spikeDay: string | null;
  elapsedMs: number;
  rowsPerSecond: number;
}

interface Template {
  row: PreparedRow;
  model: Model;
}

/**
 * Fills a project with realistic traffic through the production write path: every record is scored and
 * priced by `prepareRow` with the project's settings in force, and written by the group committer
 * (`app.ingest.submit`), which also maintains the hourly rollups in the same transactions.
 */
export async function seedRequests(opts: SeedOptions): Promise<SeedResult> {
  const { app, projectId } = opts;
  const total = Math.max(0, Math.floor(opts.requests));
  const days = opts.days ?? 30;
  const now = opts.now ?? new Date();
  const r = new Rng(opts.seed ?? 42);
  const users = opts.users ?? Math.max(50, Math.min(5_000, Math.round(total / 40)));
  const chunkSize = opts.chunkSize ?? 1_000;
  const inFlightMax = opts.inFlight ?? 3;
  const poolSize = opts.templatePool ?? 50_000;
  const source = opts.metadataSource ?? "seed-demo";
  const started = Date.now();

  const key = await app.db.apiKey.findFirst({ where: { projectId }, orderBy: { createdAt: "asc" }, select: { id: true } });
  const principal: ApiKeyPrincipal = { projectId, keyId: key?.id ?? "", scopes: ["ingest"] };
  const settings = await getGuardSettings(app, projectId);
  let scored = 0;
  const prepare = (record: IngestRecord): PreparedRow => {
    scored++;
    const row = prepareRow(record, principal, settings, now);
    if (!key) row.apiKeyId = null;
    return row;
  };

  const metadata = () => ({ region: r.pick(REGIONS), appVersion: r.pick(APP_VERSIONS), source });

  // Pool mode for large runs: pre-scored records per status.
  const pooled = total > poolSize;
  const pools: Record<Status, Template[]> = { success: [], error: [], timeout: [] };
  if (pooled) {
    const sizes: Record<Status, number> = { success: poolSize, error: Math.ceil(poolSize / 12), timeout: Math.ceil(poolSize / 30) };
    for (const status of ["success", "error", "timeout"] as const) {
      for (let i = 0; i < sizes[status]; i++) {
        const text = generateText(r);
        const row = prepare({ ...toRecord(r, text, status), latencyMs: 0 });
        pools[status].push({ row, model: text.model });
      }
    }
  }

  const rowFor = (status: Status, timestamp: number): PreparedRow => {
    if (pooled) {
      const tpl = r.pick(pools[status]);
      const endUserId = endUserFor(r, users) ?? null;
      return {
        ...tpl.row,
        id: randomUUID(),
        timestamp: new Date(timestamp),
        latencyMs: latencyFor(r, tpl.model, status, tpl.row.completionTokens ?? 0),
        endUserId,
        metadata: metadata(),
      };
    }
    const text = generateText(r);
    const base = toRecord(r, text, status);
    const endUserId = endUserFor(r, users);
    return prepare({
      ...base,
      id: randomUUID(),
      timestamp: new Date(timestamp),
      latencyMs: latencyFor(r, text.model, status, base.completionTokens ?? 0),
      ...(endUserId ? { endUserId } : {}),
      metadata: metadata(),
    });
  };

  const statusIn = (slot: HourSlot): Status => {
    const x = r.next();
    return x < slot.errorRate ? "error" : x < slot.errorRate + slot.timeoutRate ? "timeout" : "success";
  };

  const result: SeedResult = { rows: 0, inserted: 0, duplicates: 0, flagged: 0, byStatus: { success: 0, error: 0, timeout: 0 }, scored: 0, spikeDay: null, elapsedMs: 0, rowsPerSecond: 0 };
  const timeline = buildTimeline(r, now, days);
  result.spikeDay = timeline.spikeDay;

  const pending: Promise<void>[] = [];
  let committed = 0;
  const submit = (rows: PreparedRow[]) => {
    const p = Promise.all(opts.app.ingest.submit(rows)).then((stored) => {
      for (const s of stored) {
        if (s.duplicate) result.duplicates++;
        else result.inserted++;
      }
      committed += rows.length;
      opts.onProgress?.({ done: committed, total, elapsedMs: Date.now() - started });
    });
    pending.push(p);
  };

  let chunk: PreparedRow[] = [];
  for (const { slot, times } of timestamps(r, timeline, total)) {
    for (const t of times) {
      const status = statusIn(slot);
      const row = rowFor(status, t);
      result.byStatus[status]++;
      if (row.flagged) result.flagged++;
      chunk.push(row);
      if (chunk.length >= chunkSize) {
        submit(chunk);
        chunk = [];
        while (pending.length >= inFlightMax) await pending.shift();
      }
    }
  }
  if (chunk.length > 0) submit(chunk);
  while (pending.length > 0) await pending.shift();

  result.rows = total;
  result.scored = scored;
  result.elapsedMs = Date.now() - started;
  result.rowsPerSecond = result.elapsedMs > 0 ? Math.round((total * 1000) / result.elapsedMs) : total;
  return result;
}

/** One ingest record as an SDK would send it (no id, no timestamp): for the HTTP load generator. */
export function sampleRecords(count: number, seed = 7, source = "bench"): IngestRecord[] {
  const r = new Rng(seed);
  const out: IngestRecord[] = [];
  for (let i = 0; i < count; i++) {
    const x = r.next();
    const status: Status = x < 0.015 ? "error" : x < 0.02 ? "timeout" : "success";
    const text = generateText(r);
    // Keep HTTP bodies SDK-sized: the generator's rare 300+ KB summarizer inputs go to the seed only.
    if (text.prompt.length > 40_000) {
      i--;
      continue;
    }
    const base = toRecord(r, text, status);
    const endUserId = endUserFor(r, 2_000);
    out.push({
      ...base,
      latencyMs: latencyFor(r, text.model, status, base.completionTokens ?? 0),
      ...(endUserId ? { endUserId } : {}),
      metadata: { region: r.pick(REGIONS), appVersion: r.pick(APP_VERSIONS), source },
    });
  }
  return out;
}
