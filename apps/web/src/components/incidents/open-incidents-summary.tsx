"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { INCIDENT_SEVERITIES } from "@llmguard/domain/schemas";
import { formatInt } from "~/components/logs/format";
import { cn } from "~/components/ui/cn";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { SeverityBadge } from "./incident-badges";
import { incidentsHref } from "./incident-query-state";
import { LIVE_REFRESH_MS } from "./incidents-view";

/** The project page's incidents at a glance: those not resolved yet, by severity, each leading to the filtered list. */
export function OpenIncidentsSummary({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const counts = useQuery({ ...trpc.incident.countOpen.queryOptions({ projectId }), refetchInterval: LIVE_REFRESH_MS * 3 });
  const c = counts.data;
  const total = c ? INCIDENT_SEVERITIES.reduce((sum, s) => sum + c[s], 0) : 0;

  return (
    <section aria-labelledby="open-incidents-heading" data-testid="open-incidents" className="mb-6">
      <div className="mb-2 flex items-baseline justify-between gap-3">
        <h2 id="open-incidents-heading" className="text-sm font-semibold text-slate-900">
          Open incidents{c ? <span className="ml-1.5 font-normal text-slate-600 tabular-nums">({formatInt(total)})</span> : null}
        </h2>
        <Link href={incidentsHref(projectId)} className="text-sm font-medium text-indigo-700 hover:text-indigo-600">
          All incidents →
        </Link>
      </div>
      {counts.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the incidents: {errorMessage(counts.error)}
        </p>
      ) : (
        <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4" aria-busy={counts.isPending || undefined}>
          {[...INCIDENT_SEVERITIES].reverse().map((s) => {
            const n = c?.[s];
            return (
              <li key={s}>
                <Link
                  href={incidentsHref(projectId, { severity: s })}
                  data-testid={`open-incidents-${s}`}
                  className="flex items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm hover:border-indigo-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                >
                  <SeverityBadge severity={s} />
                  <span className={cn("text-2xl font-semibold tracking-tight tabular-nums", n ? "text-slate-900" : "text-slate-600")}>
                    {n === undefined ? "…" : formatInt(n)}
                    <span className="sr-only"> not resolved</span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
