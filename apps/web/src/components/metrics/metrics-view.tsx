"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { ProjectMetrics } from "@llmguard/domain/schemas";
import { formatCompact, formatCost, formatCostTick, formatInt, formatLatency, formatLatencyTick, formatPercent } from "~/components/logs/format";
import { ProjectScope } from "~/components/logs/project-scope";
import { SendFirstRequest } from "~/components/logs/send-first-request";
import { Section } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { Table, Td, Th } from "~/components/ui/table";
import { useTRPC } from "~/trpc/react";
import { HorizontalBarChart, TimeSeriesChart } from "./charts";
import { MetricCard } from "./metric-card";
import { timeLabels } from "./time-labels";

const RANGES = {
  "30d": { label: "Last 30 days", unit: "day", granularity: "day" },
  "48h": { label: "Last 48 hours", unit: "hour", granularity: "hour" },
} as const;
type RangeKey = keyof typeof RANGES;

const COLORS = { requests: "#6366f1", errors: "#dc2626", p50: "#0ea5e9", p95: "#f59e0b", p99: "#dc2626", cost: "#10b981" };

export function MetricsView({ projectId }: { projectId: string }) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const range: RangeKey = searchParams.get("range") === "48h" ? "48h" : "30d";
  const setRange = (next: RangeKey) => {
    const params = new URLSearchParams(window.location.search);
    if (next === "30d") params.delete("range");
    else params.set("range", next);
    const qs = params.toString();
    // The native History API updates useSearchParams without refetching the page from the server.
    window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
  };

  return (
    <ProjectScope projectId={projectId} page="metrics" actions={<RangePicker value={range} onChange={setRange} />}>
      <MetricsBody projectId={projectId} range={range} />
    </ProjectScope>
  );
}

function RangePicker({ value, onChange }: { value: RangeKey; onChange: (v: RangeKey) => void }) {
  return (
    <div role="group" aria-label="Time range" className="inline-flex rounded-md shadow-sm">
      {(Object.keys(RANGES) as RangeKey[]).map((key, i) => (
        <button
          key={key}
          type="button"
          aria-pressed={value === key}
          onClick={() => onChange(key)}
          className={cn(
            "px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 ring-inset focus-visible:z-10 focus-visible:outline-2 focus-visible:outline-indigo-600",
            i === 0 ? "rounded-l-md" : "-ml-px rounded-r-md",
            value === key ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 hover:bg-slate-50",
          )}
        >
          {RANGES[key].label}
        </button>
      ))}
    </div>
  );
}

function MetricsBody({ projectId, range }: { projectId: string; range: RangeKey }) {
  const trpc = useTRPC();
  const { granularity, label } = RANGES[range];
  const metrics = useQuery({
    ...trpc.metric.getSummary.queryOptions({ projectId, granularity }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

  if (metrics.isPending) return <LoadingState label="Loading metrics…" />;
  if (metrics.isError) return <ErrorState error={metrics.error} title="Could not load metrics" onRetry={() => metrics.refetch()} />;

  const m = metrics.data;
  if (m.totalRequests === 0 && !metrics.isPlaceholderData) {
    return (
      <EmptyState title={`No requests in the ${label.toLowerCase()}`}>
        <p>
          Metrics appear as soon as this project receives requests. See them one by one in{" "}
          <Link href={`/projects/${projectId}/logs`} className="font-medium link">
            Logs
          </Link>
          .
        </p>
        <SendFirstRequest projectId={projectId} />
      </EmptyState>
    );
  }

  return (
    <div className={cn("space-y-6", metrics.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={metrics.isPlaceholderData || undefined}>
      <SummaryCards m={m} />
      <Charts m={m} rangeLabel={label} />
      <ModelBreakdown m={m} />
    </div>
  );
}

function SummaryCards({ m }: { m: ProjectMetrics }) {
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <MetricCard label="Requests" value={formatInt(m.totalRequests)} />
        <MetricCard label="Errors" value={formatInt(m.errorCount)} note={`${formatPercent(m.errorRate)} error rate`} tone={m.errorRate >= 0.05 ? "danger" : "default"} />
        <MetricCard label="Flagged" value={formatInt(m.flaggedRequests)} note={`Average risk score ${m.averageRiskScore.toFixed(1)}`} tone={m.flaggedRequests > 0 ? "warning" : "default"} />
        <MetricCard
          label="Blocked"
          value={formatInt(m.blockedRequests)}
          note={m.blockedRequests > 0 ? "Stopped by the guard before the provider" : "No calls stopped by the guard"}
          tone={m.blockedRequests > 0 ? "warning" : "default"}
        />
        <MetricCard label="Tokens" value={formatCompact(m.totalTokens)} note={`${formatInt(m.totalTokens)} total`} />
        <MetricCard
          label="Estimated cost"
          value={formatCost(m.estimatedCost)}
          note={m.unpricedRequests > 0 ? `${formatInt(m.unpricedRequests)} unpriced request${m.unpricedRequests === 1 ? "" : "s"} not included` : "All requests priced"}
        />
      </div>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <MetricCard label="Avg latency" value={formatLatency(m.averageLatency)} />
        <MetricCard label="p50 latency" value={formatLatency(m.p50Latency)} />
        <MetricCard label="p95 latency" value={formatLatency(m.p95Latency)} />
        <MetricCard label="p99 latency" value={formatLatency(m.p99Latency)} />
      </div>
    </div>
  );
}

function peak(values: (number | null)[], labels: string[]): { value: number; label: string } | null {
  let best: { value: number; label: string } | null = null;
  values.forEach((v, i) => {
    if (v !== null && (!best || v > best.value)) best = { value: v, label: labels[i] ?? "" };
  });
  return best;
}

function Charts({ m, rangeLabel }: { m: ProjectMetrics; rangeLabel: string }) {
  const points = m.dailySummary;
  const { short, full } = timeLabels(points, m.granularity);
  const per = m.granularity === "day" ? "per day" : "per hour";
  const span = short.length > 0 ? `${full[0]} to ${full[full.length - 1]}` : rangeLabel;

  const requests = points.map((p) => p.requests);
  const errors = points.map((p) => p.errors);
  const busiest = peak(requests, full);
  const p50 = points.map((p) => p.p50Latency);
  const p95 = points.map((p) => p.p95Latency);
  const p99 = points.map((p) => p.p99Latency);
  const p95Peak = peak(p95, full);
  const cost = points.map((p) => p.cost);
  const costPeak = peak(cost, full);

  return (
    <>
      <Section title="Requests and errors" description={`${rangeLabel}, ${per}. Errors include timeouts.`}>
        <TimeSeriesChart
          ariaLabel={`Requests and errors ${per}, ${span}: ${formatInt(m.totalRequests)} requests and ${formatInt(m.errorCount)} errors in total${busiest && busiest.value > 0 ? `; busiest ${busiest.label} with ${formatInt(busiest.value)} requests` : ""}.`}
          xLabels={short}
          xTitles={full}
          series={[
            { label: "Requests", color: COLORS.requests, values: requests, kind: "bar" },
            { label: "Errors", color: COLORS.errors, values: errors, kind: "bar" },
          ]}
          formatValue={formatInt}
          formatTick={formatCompact}
          integer
          width={1040}
        />
      </Section>
      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Latency percentiles" className="min-w-0" description={`p50, p95 and p99 ${per}.`}>
          <TimeSeriesChart
            ariaLabel={`Latency percentiles ${per}, ${span}: overall p50 ${formatLatency(m.p50Latency)}, p95 ${formatLatency(m.p95Latency)}, p99 ${formatLatency(m.p99Latency)}${p95Peak ? `; highest p95 ${formatLatency(p95Peak.value)} on ${p95Peak.label}` : ""}.`}
            xLabels={short}
            xTitles={full}
            series={[
              { label: "p50", color: COLORS.p50, values: p50 },
              { label: "p95", color: COLORS.p95, values: p95 },
              { label: "p99", color: COLORS.p99, values: p99 },
            ]}
            formatValue={formatLatency}
            formatTick={formatLatencyTick}
            width={560}
            height={260}
          />
        </Section>
        <Section title="Estimated cost" className="min-w-0" description={`${per[0]!.toUpperCase()}${per.slice(1)}, for requests with a known model price.`}>
          <TimeSeriesChart
            ariaLabel={`Estimated cost ${per}, ${span}: ${formatCost(m.estimatedCost)} in total${costPeak && costPeak.value > 0 ? `; highest ${formatCost(costPeak.value)} on ${costPeak.label}` : ""}.`}
            xLabels={short}
            xTitles={full}
            series={[{ label: "Cost (USD)", color: COLORS.cost, values: cost, kind: "bar" }]}
            formatValue={formatCost}
            formatTick={formatCostTick}
            width={560}
            height={260}
          />
        </Section>
      </div>
    </>
  );
}

function ModelBreakdown({ m }: { m: ProjectMetrics }) {
  const top = m.models.slice(0, 12);
  const share = (n: number) => (m.totalRequests > 0 ? n / m.totalRequests : 0);
  return (
    <Section title="Models" description="Requests, errors, latency, tokens and cost per model, busiest first.">
      <div className="space-y-5">
        <HorizontalBarChart
          ariaLabel={`Requests by model: ${top
            .slice(0, 5)
            .map((x) => `${x.model} ${formatInt(x.requests)} (${formatPercent(share(x.requests))})`)
            .join(", ")}${m.models.length > 5 ? `, and ${m.models.length - 5} more` : ""}.`}
          items={top.map((x) => ({ label: x.model, value: x.requests, detail: `${formatPercent(share(x.requests))} of requests · ${formatCost(x.cost)}` }))}
          formatValue={formatInt}
          width={1040}
        />
        {m.models.length > top.length ? <p className="text-xs text-muted">The chart shows the {top.length} busiest models; the table lists all.</p> : null}
        <Table caption="Usage by model">
          <thead>
            <tr>
              <Th>Model</Th>
              <Th className="text-right">Requests</Th>
              <Th className="text-right">Share</Th>
              <Th className="text-right">Errors</Th>
              <Th className="text-right">Avg latency</Th>
              <Th className="text-right">Tokens</Th>
              <Th className="text-right">Cost</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {m.models.map((x) => (
              <tr key={x.model}>
                <Td className="font-mono text-xs">
                  <Link href={`/projects/${m.projectId}/logs?model=${encodeURIComponent(x.model)}`} className="text-indigo-600 hover:text-indigo-700 hover:underline" title={`Logs of ${x.model}`}>
                    {x.model}
                  </Link>
                </Td>
                <Td className="text-right tabular-nums">{formatInt(x.requests)}</Td>
                <Td className="text-right tabular-nums">{formatPercent(share(x.requests))}</Td>
                <Td className="text-right tabular-nums">
                  {formatInt(x.errors)}
                  {x.requests > 0 && x.errors > 0 ? <span className="ml-1 text-xs text-muted">({formatPercent(x.errors / x.requests)})</span> : null}
                </Td>
                <Td className="text-right tabular-nums">{formatLatency(x.avgLatency)}</Td>
                <Td className="text-right tabular-nums">{formatInt(x.tokens)}</Td>
                <Td className="text-right tabular-nums">
                  {x.unpricedRequests === x.requests && x.requests > 0 ? (
                    <span className="text-xs text-muted">unpriced</span>
                  ) : (
                    <>
                      {formatCost(x.cost)}
                      {x.unpricedRequests > 0 ? <span className="ml-1 text-xs text-muted">({formatInt(x.unpricedRequests)} unpriced)</span> : null}
                    </>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </Section>
  );
}
