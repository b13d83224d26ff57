"use client";

import type { RelatedRequest } from "@llmguard/domain/schemas";
import type { ReactNode, TdHTMLAttributes } from "react";
import { RiskBadge, StatusBadge } from "~/components/logs/badges";
import { formatLatency } from "~/components/logs/format";
import { cn } from "~/components/ui/cn";
import { formatDateTime } from "~/components/ui/format";
import { ScrollRegion } from "~/components/ui/scroll-region";

// Related requests are often seconds apart: the time keeps its seconds.
const TIME = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });

const COLUMNS = { time: "w-44", model: "w-40", status: "w-26", latency: "w-26", risk: "w-24", user: "", endpoint: "" } as const;

function Th({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <th scope="col" className={cn("px-3 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase first:pl-5 last:pr-5", className)}>
      {children}
    </th>
  );
}

function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("truncate px-3 py-2.5 align-middle whitespace-nowrap text-slate-700 first:pl-5 last:pr-5", className)} {...rest} />;
}

function None() {
  return <span className="text-slate-600">—</span>;
}

/** The requests the incident is about (the ones its evidence names first); a row opens the request in the log drawer. */
export function RelatedRequestsTable({ rows, onOpen, selectedId }: { rows: RelatedRequest[]; onOpen: (id: string) => void; selectedId: string | null }) {
  return (
    <ScrollRegion label="Related requests" className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[48rem] table-fixed divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Related requests, newest first</caption>
        <colgroup>
          {Object.entries(COLUMNS).map(([name, width]) => (
            <col key={name} className={width || undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <Th>Time</Th>
            <Th>Model</Th>
            <Th>Status</Th>
            <Th className="text-right">Latency</Th>
            <Th>Risk</Th>
            <Th>End user</Th>
            <Th>Endpoint</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const at = new Date(r.timestamp);
            return (
              <tr key={r.id} data-testid="related-request" onClick={() => onOpen(r.id)} className={cn("cursor-pointer hover:bg-slate-50", selectedId === r.id && "bg-indigo-50/60")}>
                <Td className="tabular-nums">
                  {/* The row is clickable for the mouse; this button is the keyboard's way in. */}
                  <button
                    type="button"
                    onClick={(e) => {
                      e.stopPropagation();
                      onOpen(r.id);
                    }}
                    title={formatDateTime(at)}
                    className="block w-full truncate text-left font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                  >
                    <span className="sr-only">View request from </span>
                    <time dateTime={at.toISOString()}>{TIME.format(at)}</time>
                  </button>
                </Td>
                <Td className="font-mono text-xs" title={r.model}>
                  {r.model}
                </Td>
                <Td>
                  <StatusBadge status={r.status} />
                </Td>
                <Td className="text-right tabular-nums">{formatLatency(r.latencyMs)}</Td>
                <Td>
                  <RiskBadge score={r.riskScore} />
                </Td>
                <Td title={r.endUserId ?? undefined}>{r.endUserId ?? <None />}</Td>
                <Td className="font-mono text-xs" title={r.endpoint ?? undefined}>
                  {r.endpoint ?? <None />}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
