// Number formats shared by the logs and metrics pages.

const INT = new Intl.NumberFormat("en");
const THIS_YEAR_TIME = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
const OTHER_YEAR_DATE = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric" });
const COMPACT = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const USD = new Intl.NumberFormat("en", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatInt(n: number): string {
  return INT.format(Math.round(n));
}

/** 1.2K, 3.4M: for axis ticks and tight spots. */
export function formatCompact(n: number): string {
  return COMPACT.format(n);
}

/** 850 ms, 1.25 s, 2.1 min; "—" when there is no value (no requests in the period). */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/**
 * Dollars; a single call often costs a fraction of a cent, so small amounts keep two significant
 * digits instead of rounding to $0.00.
 */
export function formatCost(usd: number): string {
  if (usd === 0) return "$0.00";
  const rounded = Number(usd.toPrecision(2));
  if (Math.abs(rounded) < 0.01) return `$${rounded.toFixed(Math.min(8, 1 - Math.floor(Math.log10(Math.abs(rounded)))))}`;
  if (Math.abs(usd) < 1) return `$${usd.toFixed(4).replace(/0{1,2}$/, "")}`;
  return USD.format(usd);
}

/** A 0..1 rate as a percentage: 0.0123 → "1.2%". */
export function formatPercent(rate: number): string {
  if (rate === 0) return "0%";
  const pct = rate * 100;
  return `${pct < 0.1 ? "<0.1" : pct.toFixed(pct < 10 ? 1 : 0)}%`;
}

/** Axis ticks are round numbers already: no padding zeros ("5 s", "250 ms"). */
export function formatLatencyTick(ms: number): string {
  if (ms === 0) return "0";
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toPrecision(3))} s`;
}

export function formatCostTick(usd: number): string {
  if (usd === 0) return "$0";
  return usd >= 1000 ? `$${formatCompact(usd)}` : `$${Number(usd.toPrecision(3))}`;
}

/**
 * A request's time in the logs table, short enough for a fixed column: "Dec 6, 10:25 AM" this year,
 * "Dec 6, 2025" before (the cell's title and the drawer carry the exact moment).
 */
export function formatLogTime(d: Date, now = new Date()): string {
  return d.getFullYear() === now.getFullYear() ? THIS_YEAR_TIME.format(d) : OTHER_YEAR_DATE.format(d);
}
