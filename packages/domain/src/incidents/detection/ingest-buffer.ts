import type { PreparedRow } from "../../requests/request-row";
import type { EventSink, IngestedRow } from "../../shared/events";

/**
 * Collects committed rows per project and hands them to the job engine as one
 * `requests/requests.ingested` event per project per window (default 250 ms), so a busy project sends a
 * few events a second, not one per request. Only what the rules read travels (ids, scores, latency...),
 * never prompt or response text; past `maxRowsPerEvent` the uninteresting rows are dropped first.
 */
export class IngestEventBuffer {
  private readonly pending = new Map<string, IngestedRow[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sink: EventSink,
    private readonly opts: { windowMs?: number; maxRowsPerEvent?: number } = {},
  ) {}

  add(rows: PreparedRow[]): void {
    for (const r of rows) {
      const list = this.pending.get(r.projectId) ?? [];
      if (list.length === 0) this.pending.set(r.projectId, list);
      list.push({
        id: r.id,
        timestamp: r.timestamp.toISOString(),
        model: r.model,
        latencyMs: r.latencyMs,
        status: r.status,
        riskScore: r.riskScore,
        endUserId: r.endUserId,
        endpoint: r.endpoint,
        costUsd: r.costUsd,
      });
    }
    this.timer ??= setTimeout(() => this.flush(), this.opts.windowMs ?? 250).unref();
  }

  /** Emits what is pending now (also on shutdown). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const max = this.opts.maxRowsPerEvent ?? 1_000;
    for (const [projectId, rows] of this.pending) {
      this.sink.emit({ name: "requests/requests.ingested", data: { projectId, rows: rows.length > max ? keepInteresting(rows, max) : rows } });
    }
    this.pending.clear();
  }
}

/** Errors, slow and risky rows first, then the newest: what the rules can act on. */
function keepInteresting(rows: IngestedRow[], max: number): IngestedRow[] {
  const weight = (r: IngestedRow) => (r.status === "error" || r.status === "timeout" ? 4 : 0) + (r.riskScore >= 50 ? 2 : 0) + (r.latencyMs >= 1_000 ? 1 : 0);
  return rows
    .map((r, i) => ({ r, i, w: weight(r) }))
    .sort((a, b) => b.w - a.w || b.i - a.i)
    .slice(0, max)
    .map((x) => x.r);
}
