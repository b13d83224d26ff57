"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatCost, formatInt, formatLatency, formatPercent } from "~/components/logs/format";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { MetricCard } from "./metric-card";

/** The project page's headline numbers: the last 30 days, from the same summary as the Metrics page. */
export function ProjectOverview({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const metrics = useQuery(trpc.metric.getSummary.queryOptions({ projectId, granularity: "day" }));
  const m = metrics.data;

  return (
    <section aria-labelledby="overview-heading" className="mb-6">
      <div className="mb-2 flex items-baseline justify-between gap-3">
        <h2 id="overview-heading" className="text-sm font-semibold text-slate-900">
          Last 30 days
        </h2>
        <Link href={`/projects/${projectId}/metrics`} className="text-sm font-medium text-indigo-600 hover:text-indigo-700">
          All metrics →
        </Link>
      </div>
      {metrics.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the numbers: {errorMessage(metrics.error)}
        </p>
      ) : (
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" aria-busy={metrics.isPending || undefined}>
          <MetricCard label="Requests" value={m ? formatInt(m.totalRequests) : "…"} note={m && m.flaggedRequests > 0 ? `${formatInt(m.flaggedRequests)} flagged` : undefined} />
          <MetricCard label="Error rate" value={m ? (m.totalRequests > 0 ? formatPercent(m.errorRate) : "—") : "…"} note={m && m.errorCount > 0 ? `${formatInt(m.errorCount)} errors` : undefined} />
          <MetricCard label="p95 latency" value={m ? formatLatency(m.p95Latency) : "…"} />
          <MetricCard label="Cost" value={m ? formatCost(m.estimatedCost) : "…"} note={m && m.unpricedRequests > 0 ? `${formatInt(m.unpricedRequests)} unpriced` : undefined} />
        </div>
      )}
    </section>
  );
}
