import type { Rng } from "./random";

const HOUR = 3_600_000;

/**
 * Traffic volume by hour of day (UTC) for a product used in Europe and the Americas: a trough at night
 * (02–06 UTC), a European morning peak and a larger overlapping EU/US afternoon peak.
 */
const HOUR_OF_DAY = [0.32, 0.24, 0.17, 0.13, 0.12, 0.14, 0.22, 0.38, 0.62, 0.86, 0.97, 1.0, 0.96, 0.98, 1.06, 1.12, 1.08, 0.98, 0.86, 0.76, 0.66, 0.56, 0.47, 0.39];
/** Sunday = 0. Weekends are quieter. */
const DAY_OF_WEEK = [0.48, 1.0, 1.04, 1.02, 0.98, 0.9, 0.52];

export interface HourSlot {
  start: number;
  end: number;
  weight: number;
  /** Probability that a call in this hour fails with an error, and with a timeout. */
  errorRate: number;
  timeoutRate: number;
}

export interface Timeline {
  slots: HourSlot[];
  /** The day (UTC, YYYY-MM-DD) with the provider outage, when the range has at least three days. */
  spikeDay: string | null;
}

/**
 * Hour slots for the last `days` days up to `now` with their traffic weight (hour of day × day of week
 * × slow growth × noise) and failure rates: ~1.5% errors and ~0.5% timeouts normally; one weekday has a
 * provider incident (errors rise over the day and reach ~30% for three afternoon hours).
 */
export function buildTimeline(r: Rng, now: Date, days: number): Timeline {
  const end = now.getTime();
  const firstHour = Math.floor((end - days * 24 * HOUR) / HOUR) * HOUR;
  const slots: HourSlot[] = [];
  // The incident: a weekday roughly 40% into the range (a fixed, recognisable spike in the charts).
  let spikeDayStart: number | null = null;
  if (days >= 3) {
    let d = new Date(end - Math.round(days * 0.6) * 24 * HOUR);
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d = new Date(d.getTime() + 24 * HOUR);
    spikeDayStart = d.getTime();
  }
  for (let t = firstHour; t < end; t += HOUR) {
    const d = new Date(t);
    const progress = (t - firstHour) / Math.max(1, end - firstHour);
    const slotEnd = Math.min(t + HOUR, end);
    const fraction = (slotEnd - Math.max(t, end - days * 24 * HOUR)) / HOUR;
    if (fraction <= 0) continue;
    const noise = 0.85 + 0.3 * r.next();
    const weight = HOUR_OF_DAY[d.getUTCHours()]! * DAY_OF_WEEK[d.getUTCDay()]! * (0.85 + 0.3 * progress) * noise * fraction;
    let errorRate = 0.015;
    let timeoutRate = 0.005;
    if (spikeDayStart !== null && t >= spikeDayStart && t < spikeDayStart + 24 * HOUR) {
      const h = d.getUTCHours();
      if (h >= 13 && h < 16) {
        errorRate = 0.24;
        timeoutRate = 0.07;
      } else if (h >= 10 && h < 19) {
        errorRate = 0.05;
        timeoutRate = 0.02;
      }
    }
    slots.push({ start: Math.max(t, end - days * 24 * HOUR), end: slotEnd, weight, errorRate, timeoutRate });
  }
  return { slots, spikeDay: spikeDayStart === null ? null : new Date(spikeDayStart).toISOString().slice(0, 10) };
}

/**
 * Splits `total` calls over the slots in proportion to their weights (largest remainder, so the counts
 * add up exactly) and yields each slot with its sorted timestamps: rows arrive in time order, as they
 * do in production, which keeps each commit's rollup upserts to a few hours.
 */
export function* timestamps(r: Rng, timeline: Timeline, total: number): Generator<{ slot: HourSlot; times: number[] }> {
  const { slots } = timeline;
  const sum = slots.reduce((a, s) => a + s.weight, 0);
  const exact = slots.map((s) => (total * s.weight) / sum);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; missing > 0; k = (k + 1) % byRemainder.length, missing--) counts[byRemainder[k]![1]]!++;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const n = counts[i]!;
    if (n === 0) continue;
    const times = new Array<number>(n);
    for (let j = 0; j < n; j++) times[j] = slot.start + Math.floor(r.next() * (slot.end - slot.start));
    times.sort((a, b) => a - b);
    yield { slot, times };
  }
}
