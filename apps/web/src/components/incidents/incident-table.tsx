"use client";

import type { Incident } from "@llmguard/domain/schemas";
import Link from "next/link";
import type { ReactNode, TdHTMLAttributes } from "react";
import { formatInt } from "~/components/logs/format";
import { cn } from "~/components/ui/cn";
import { Time } from "~/components/ui/time";
import { IncidentStatusBadge, SeverityBadge } from "./incident-badges";
import { scopeLabel, triggerLabel } from "./incident-format";
import { ScrollRegion } from "~/components/ui/scroll-region";

/**
 * Fixed layout like the logs table: set widths for everything but the title, which takes the rest and
 * wraps to two lines at most (its full text is in the link's title). Below the minimum width the
 * wrapper scrolls; every row has a link, so the keyboard reaches (and scrolls) it.
 */
const COLUMNS = { severity: "w-24", title: "", status: "w-32", trigger: "w-40", occurrences: "w-28", first: "w-34", last: "w-34" } as const;

function Th({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <th scope="col" className={cn("px-3 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase first:pl-5 last:pr-5", className)}>
      {children}
    </th>
  );
}

function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-3 py-3 align-middle text-slate-700 first:pl-5 last:pr-5", className)} {...rest} />;
}

export function incidentHref(projectId: string, incidentId: string) {
  return `/projects/${projectId}/incidents/${incidentId}`;
}

/** Incidents newest first; the title links to the incident (the whole row is clickable for the mouse). */
export function IncidentTable({ rows, projectId, onOpen }: { rows: Incident[]; projectId: string; onOpen: (id: string) => void }) {
  return (
    <ScrollRegion label="Incidents" className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[60rem] table-fixed divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Incidents, newest first</caption>
        <colgroup>
          {Object.entries(COLUMNS).map(([name, width]) => (
            <col key={name} className={width || undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <Th>Severity</Th>
            <Th>Incident</Th>
            <Th>Status</Th>
            <Th>Trigger · scope</Th>
            <Th className="text-right">Occurrences</Th>
            <Th>First seen</Th>
            <Th>Last seen</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const scope = scopeLabel(r.scope);
            return (
              <tr key={r.id} data-testid="incident-row" data-trigger={r.trigger} onClick={() => onOpen(r.id)} className="cursor-pointer hover:bg-slate-50">
                <Td>
                  <SeverityBadge severity={r.severity} />
                </Td>
                <Td>
                  <Link
                    href={incidentHref(projectId, r.id)}
                    onClick={(e) => e.stopPropagation()}
                    title={r.title}
                    className="line-clamp-2 font-medium break-words text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                  >
                    {r.title}
                  </Link>
                </Td>
                <Td>
                  <IncidentStatusBadge status={r.status} />
                </Td>
                <Td>
                  <span className="block truncate font-medium text-slate-800">{triggerLabel(r.trigger)}</span>
                  <span className="block truncate text-xs text-slate-600" title={scope}>
                    {scope}
                  </span>
                </Td>
                <Td className="text-right tabular-nums">{formatInt(r.occurrences)}</Td>
                <Td className="whitespace-nowrap">
                  <Time value={r.firstSeenAt} mode="relative" />
                </Td>
                <Td className="whitespace-nowrap">
                  <Time value={r.lastSeenAt} mode="relative" />
                </Td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
