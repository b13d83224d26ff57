// Small dependency-free SVG charts. They scale with their container through the viewBox; each is one
// role="img" with a summary for screen readers, and every point has a native <title> tooltip.

import { ScrollRegion } from "~/components/ui/scroll-region";

export interface ChartSeries {
  label: string;
  /** A CSS color for the stroke or fill. */
  color: string;
  values: (number | null)[];
  /** Bars of one chart share each x slot and are drawn over each other in order (errors over requests). */
  kind?: "line" | "bar";
  /** A reference line (a threshold; its first value): dashed, across the whole plot, without point markers. */
  dashed?: boolean;
}

const FONT = 12;
/** Never drawn narrower than this share of the viewBox, so labels stay at least ~9px; narrower screens scroll. */
const MIN_SCALE = 0.75;

/**
 * Axis ticks from 0: a round step (1, 2, 2.5 or 5 times a power of ten) so that about `count` steps
 * cover `max`. Counts (`integer`) get whole steps only.
 */
export function niceTicks(max: number, { count = 4, integer = false }: { count?: number; integer?: boolean } = {}): number[] {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const raw = top / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiples = integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  let step = multiples.map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let i = 0; i <= count + 1; i++) {
    const t = Number((i * step).toPrecision(12));
    ticks.push(t);
    if (t >= top) break;
  }
  return ticks;
}

export function TimeSeriesChart({
  ariaLabel,
  xLabels,
  xTitles,
  series,
  formatValue,
  formatTick = formatValue,
  integer = false,
  width = 960,
  height = 240,
}: {
  ariaLabel: string;
  /** Short labels for the x axis, one per point. */
  xLabels: string[];
  /** Full labels for the tooltips, one per point. */
  xTitles: string[];
  series: ChartSeries[];
  formatValue: (n: number) => string;
  formatTick?: (n: number) => string;
  /** The values are counts: whole-number ticks. */
  integer?: boolean;
  width?: number;
  height?: number;
}) {
  const margin = { top: 12, right: 12, bottom: 26, left: 60 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const n = xLabels.length;
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v))));
  const ticks = niceTicks(max, { integer });
  const yMax = ticks[ticks.length - 1]!;
  const band = n > 0 ? plotW / n : plotW;
  const x = (i: number) => margin.left + band * (i + 0.5);
  const y = (v: number) => margin.top + plotH - (v / yMax) * plotH;
  const labelEvery = Math.max(1, Math.ceil(n / (width / 110)));
  const bars = series.filter((s) => s.kind === "bar");
  const lines = series.filter((s) => s.kind !== "bar");
  const barW = Math.max(1, Math.min(band * 0.7, 28));

  return (
    <figure className="space-y-2">
      {/* On a phone a wide chart would shrink its text to nothing: keep a readable minimum and scroll. */}
      <ScrollRegion label={ariaLabel} className="overflow-x-auto">
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={ariaLabel} className="h-auto w-full" style={{ minWidth: width * MIN_SCALE }} fontSize={FONT}>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" strokeDasharray={t === 0 ? undefined : "3 3"} />
              <text x={margin.left - 8} y={y(t)} dy="0.32em" textAnchor="end" className="fill-muted">
                {formatTick(t)}
              </text>
            </g>
          ))}
          {xLabels.map((label, i) =>
            i % labelEvery === 0 ? (
              <text key={i} x={x(i)} y={height - 6} textAnchor="middle" className="fill-muted">
                {label}
              </text>
            ) : null,
          )}
          {bars.map((s) =>
            s.values.map((v, i) =>
              v !== null && v > 0 ? <rect key={`${s.label}-${i}`} x={x(i) - barW / 2} y={y(v)} width={barW} height={Math.max(0.5, y(0) - y(v))} rx={2} fill={s.color} /> : null,
            ),
          )}
          {lines.map((s) => (
            <g key={s.label}>
              <path d={s.dashed ? referencePath(s.values, margin.left, width - margin.right, y) : linePath(s.values, x, y)} fill="none" stroke={s.color} strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" strokeDasharray={s.dashed ? "6 4" : undefined} />
              {n <= 60 && !s.dashed
                ? s.values.map((v, i) => (v !== null && Number.isFinite(v) ? <circle key={i} cx={x(i)} cy={y(v)} r={2.5} fill={s.color} /> : null))
                : null}
            </g>
          ))}
          {/* Hover targets: one column per point, its tooltip listing every series. */}
          {xTitles.map((title, i) => (
            <rect key={i} x={margin.left + band * i} y={margin.top} width={band} height={plotH} className="fill-transparent hover:fill-slate-500/10">
              <title>{[title, ...series.map((s) => `${s.label}: ${s.values[i] === null || s.values[i] === undefined ? "no data" : formatValue(s.values[i]!)}`)].join("\n")}</title>
            </rect>
          ))}
        </svg>
      </ScrollRegion>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {series.map((s) => (
          <span key={s.label} className="inline-flex items-center gap-1.5">
            <span
              aria-hidden="true"
              className={s.kind === "bar" ? "size-2.5 rounded-sm" : s.dashed ? "h-0 w-3 border-t-2 border-dashed" : "h-0.5 w-3 rounded"}
              style={s.dashed ? { borderColor: s.color } : { backgroundColor: s.color }}
            />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** A horizontal line at the first value, from one edge of the plot to the other. */
function referencePath(values: (number | null)[], x0: number, x1: number, y: (v: number) => number): string {
  const v = values.find((n): n is number => n !== null && Number.isFinite(n));
  return v === undefined ? "" : `M${x0.toFixed(1)},${y(v).toFixed(1)}H${x1.toFixed(1)}`;
}

/** A polyline that breaks at missing values instead of dropping to zero. */
function linePath(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

export interface BarItem {
  label: string;
  value: number;
  /** Extra tooltip lines. */
  detail?: string;
}

/** Horizontal bars, largest first as given; long labels are shortened (the tooltip has them whole). */
export function HorizontalBarChart({ ariaLabel, items, formatValue, color = "#6366f1", width = 960 }: { ariaLabel: string; items: BarItem[]; formatValue: (n: number) => string; color?: string; width?: number }) {
  const row = 30;
  const labelW = 220;
  const valueW = 110;
  const height = Math.max(row, items.length * row);
  const max = Math.max(0, ...items.map((i) => i.value)) || 1;
  const barSpace = width - labelW - valueW;
  return (
    <ScrollRegion label={ariaLabel} className="overflow-x-auto">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={ariaLabel} className="h-auto w-full" style={{ minWidth: width * MIN_SCALE }} fontSize={FONT + 1}>
        {items.map((item, i) => {
          const w = (item.value / max) * barSpace;
          const cy = i * row + row / 2;
          return (
            <g key={item.label}>
              <title>{[`${item.label}: ${formatValue(item.value)}`, item.detail].filter(Boolean).join("\n")}</title>
              <rect x={0} y={i * row} width={width} height={row} className="fill-transparent hover:fill-slate-500/10" />
              <text x={labelW - 10} y={cy} dy="0.32em" textAnchor="end" fill="#334155" fontFamily="ui-monospace, monospace">
                {item.label.length > 26 ? `${item.label.slice(0, 25)}…` : item.label}
              </text>
              <rect x={labelW} y={cy - 9} width={Math.max(item.value > 0 ? 2 : 0, w)} height={18} rx={3} fill={color} />
              <text x={labelW + w + 8} y={cy} dy="0.32em" fill="#475569">
                {formatValue(item.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </ScrollRegion>
  );
}
