"use client";

import type { IncidentDetail } from "@llmguard/domain/schemas";
import { formatCost, formatInt, formatLatencyTick } from "~/components/logs/format";
import { HorizontalBarChart, TimeSeriesChart } from "~/components/metrics/charts";
import { evidenceChart, type EvidenceChart as ChartSpec } from "./incident-format";

const COLORS = { value: "#4f46e5", threshold: "#b91c1c", bar: "#6366f1" };
const WIDTH = 560;

const TIME = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
const DATE_TIME = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

const ms = (n: number) => `${formatInt(n)} ms`;

function unitFormat(unit: Extract<ChartSpec, { kind: "bars" }>["unit"]): (n: number) => string {
  switch (unit) {
    case "ms":
      return ms;
    case "usd":
      return formatCost;
    case "percent":
      return (n) => `${Number(n.toFixed(1))}%`;
    case "count":
      return (n) => formatInt(n);
  }
}

/**
 * The incident's metric as a picture, when its evidence allows one: the related requests over time
 * against the threshold (latency, high risk), or the value against its threshold and baseline.
 */
export function EvidenceChart({ incident }: { incident: IncidentDetail }) {
  const spec = evidenceChart(incident.trigger, incident.evidence, incident.relatedRequests);
  if (!spec) return null;

  if (spec.kind === "bars") {
    const format = unitFormat(spec.unit);
    const summary = spec.bars.map((b) => `${b.label} ${format(b.value)}`).join(", ");
    return (
      <div className="mt-5">
        <h3 className="mb-2 text-sm font-semibold text-slate-900">Value against threshold</h3>
        <HorizontalBarChart ariaLabel={`Bar chart: ${summary}`} items={spec.bars} formatValue={format} color={COLORS.bar} width={WIDTH} />
      </div>
    );
  }

  const latency = spec.metric === "latency";
  const values = spec.points.map((p) => (latency ? p.latencyMs : p.riskScore));
  const format = latency ? ms : (n: number) => formatInt(n);
  const max = Math.max(...values);
  const above = values.filter((v) => v > spec.threshold).length;
  const what = latency ? "Latency" : "Risk score";
  return (
    <div className="mt-5">
      <h3 className="mb-2 text-sm font-semibold text-slate-900">{what} of the related requests</h3>
      <TimeSeriesChart
        ariaLabel={`Line chart: ${what.toLowerCase()} of ${values.length} related request${values.length === 1 ? "" : "s"} over time against the threshold of ${format(spec.threshold)}; ${above} above it, the highest ${format(max)}.`}
        xLabels={spec.points.map((p) => TIME.format(new Date(p.timestamp)))}
        xTitles={spec.points.map((p) => `${DATE_TIME.format(new Date(p.timestamp))} · ${p.model}`)}
        series={[
          { label: what, color: COLORS.value, values },
          { label: `Threshold (${format(spec.threshold)})`, color: COLORS.threshold, values: values.map(() => spec.threshold), dashed: true },
        ]}
        formatValue={format}
        formatTick={latency ? formatLatencyTick : (n) => formatInt(n)}
        integer={!latency}
        width={WIDTH}
        height={220}
      />
    </div>
  );
}
