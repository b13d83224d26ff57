/**
 * Per-user limits counted where the decision is made. The SDK counts in its own process (no network hop);
 * the server counts in Redis when configured so instances share one budget. Both count "N calls per
 * rolling minute" with the sliding-window estimate (this minute's count plus the previous minute's,
 * weighted by how much of it still overlaps the last 60 s).
 */
export interface UserRateCounter {
  /** Counts one call for `key` if it fits under `limitPerMinute`; otherwise counts nothing. */
  take(key: string, limitPerMinute: number, now: number): { allowed: boolean; retryAfterSeconds: number };
}

const MINUTE = 60_000;
/** Beyond this many keys, windows older than two minutes are dropped (they count nothing any more). */
const PRUNE_AT = 10_000;

interface Window {
  start: number;
  count: number;
  previous: number;
}

export class LocalRateCounter implements UserRateCounter {
  readonly #windows = new Map<string, Window>();

  take(key: string, limitPerMinute: number, now: number): { allowed: boolean; retryAfterSeconds: number } {
    const start = now - (now % MINUTE);
    let w = this.#windows.get(key);
    if (!w) {
      if (this.#windows.size >= PRUNE_AT) this.#prune(start);
      w = { start, count: 0, previous: 0 };
      this.#windows.set(key, w);
    } else if (w.start !== start) {
      w.previous = start - w.start === MINUTE ? w.count : 0;
      w.start = start;
      w.count = 0;
    }
    const overlap = 1 - (now - start) / MINUTE;
    // The epsilon absorbs floating-point error at the exact moment retryAfter names.
    if (w.previous * overlap + w.count + 1 <= limitPerMinute + 1e-9) {
      w.count += 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: retryAfter(w, limitPerMinute, now) };
  }

  #prune(currentStart: number): void {
    for (const [key, w] of this.#windows) if (currentStart - w.start > MINUTE) this.#windows.delete(key);
  }
}

/**
 * Seconds until one more call fits. Refused with room left in this minute: the previous minute's share
 * fades during this one. Refused with this minute full: nothing fits before the next minute, where this
 * minute's count is the one that fades (waiting only for the next minute would be refused again).
 */
function retryAfter(w: Window, limit: number, now: number): number {
  let at: number;
  const room = limit - w.count - 1;
  if (room >= 0) {
    // previous * (1 - (t - start) / MINUTE) <= room  ⇔  t >= start + MINUTE * (1 - room / previous)
    at = w.previous > 0 ? w.start + MINUTE * (1 - room / w.previous) : now;
  } else {
    // count * (1 - (t - end) / MINUTE) + 1 <= limit  ⇔  t >= end + MINUTE * (1 - (limit - 1) / count)
    at = w.start + MINUTE + MINUTE * (1 - (limit - 1) / w.count);
  }
  return Math.max(1, Math.ceil((at - now) / 1000));
}
