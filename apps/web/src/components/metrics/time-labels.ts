import type { ProjectMetrics } from "@llmguard/domain/schemas";

// Daily points are UTC days ("2026-11-03"): shown as that calendar day, not shifted into local time.
const DAY = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const DAY_FULL = new Intl.DateTimeFormat("en", { weekday: "short", year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
// Hourly points are instants: shown in the viewer's time zone.
const HOUR = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const HOUR_DAY = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });
const HOUR_FULL = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** Axis labels (short; the day is named at midnight) and tooltip titles for the points of a series. */
export function timeLabels(points: ProjectMetrics["dailySummary"], granularity: "day" | "hour"): { short: string[]; full: string[] } {
  if (granularity === "day") {
    const dates = points.map((p) => new Date(`${p.date.slice(0, 10)}T00:00:00Z`));
    return { short: dates.map((d) => DAY.format(d)), full: dates.map((d) => DAY_FULL.format(d) + " (UTC)") };
  }
  const dates = points.map((p) => new Date(p.date));
  return {
    short: dates.map((d, i) => (i === 0 || d.getHours() === 0 ? HOUR_DAY.format(d) : HOUR.format(d))),
    full: dates.map((d) => HOUR_FULL.format(d)),
  };
}
