"use client";

import type { LogResult } from "@llmguard/domain/schemas";
import type { ReactNode, TdHTMLAttributes } from "react";
import { cn } from "~/components/ui/cn";
import { formatDateTime } from "~/components/ui/format";
import { EnforcementBadge } from "~/components/remediation/remediation-badges";
import { RiskBadge, SourceBadge, StatusBadge } from "./badges";
import { formatCost, formatInt, formatLatency, formatLogTime } from "./format";
import type { LogSort, SortField } from "./log-query-state";
import { ScrollRegion } from "~/components/ui/scroll-region";

/**
 * Fixed layout (issue 8): every column but Prompt has a set width and truncates with the full text in a
 * title, so the table fits its card (1,070 px at a 1440 px viewport) instead of growing with its widest
 * cell; Prompt takes the rest. A table wider than its box made the focused prompt button scroll the box
 * sideways on a row click. The minimum width (the fixed columns plus 5 rem of prompt, 66 rem with the
 * Source column of issue 13) still fits the card at a 1440 px viewport; below it the wrapper scrolls.
 */
const COLUMNS = {
  time: "w-40",
  model: "w-36",
  status: "w-32",
  source: "w-24",
  latency: "w-26",
  tokens: "w-24",
  cost: "w-28",
  risk: "w-34",
  prompt: "",
} as const;

function Th({ className, children, ...rest }: { className?: string; children: ReactNode; "aria-sort"?: "ascending" | "descending" | "none" }) {
  return (
    <th scope="col" className={cn("px-3 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-muted uppercase first:pl-5 last:pr-5", className)} {...rest}>
      {children}
    </th>
  );
}

/** A cell that never wraps: what does not fit ends in an ellipsis (give it a title). */
function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("truncate px-3 py-3 align-middle whitespace-nowrap text-slate-700 first:pl-5 last:pr-5", className)} {...rest} />;
}

function SortHeader({ field, label, sort, onSort, className }: { field: SortField; label: string; sort: LogSort; onSort: (field: SortField) => void; className?: string }) {
  const active = sort.sortBy === field;
  const ariaSort = active ? (sort.sortOrder === "asc" ? "ascending" : "descending") : "none";
  return (
    <Th aria-sort={ariaSort} className={className}>
      <button
        type="button"
        onClick={() => onSort(field)}
        className={cn("inline-flex max-w-full items-center gap-1 uppercase hover:text-slate-900", active && "text-slate-900")}
        title={active ? `Sorted ${ariaSort}; click to reverse` : `Sort by ${label.toLowerCase()}`}
      >
        {label}
        <span aria-hidden="true" className={cn("text-[10px]", !active && "text-muted")}>
          {active ? (sort.sortOrder === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </Th>
  );
}

/** One page of requests (or several, with infinite scroll); a row opens the detail drawer. */
export function LogTable({ rows, sort, onSort, onOpen, selectedId }: { rows: LogResult[]; sort: LogSort; onSort: (field: SortField) => void; onOpen: (id: string) => void; selectedId: string | null }) {
  return (
    <ScrollRegion label="Requests" className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[66rem] table-fixed divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Requests</caption>
        <colgroup>
          {Object.entries(COLUMNS).map(([name, width]) => (
            <col key={name} className={width || undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <SortHeader field="timestamp" label="Time" sort={sort} onSort={onSort} />
            <SortHeader field="model" label="Model" sort={sort} onSort={onSort} />
            <Th>Status</Th>
            <Th>Source</Th>
            <SortHeader field="latency" label="Latency" sort={sort} onSort={onSort} className="text-right" />
            <Th className="text-right">Tokens</Th>
            <Th className="text-right">Cost</Th>
            <SortHeader field="riskScore" label="Risk" sort={sort} onSort={onSort} />
            <Th>Prompt</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const cost = r.costUsd === null ? null : formatCost(r.costUsd);
            return (
              <tr
                key={r.id}
                data-testid="log-row"
                onClick={() => onOpen(r.id)}
                className={cn("cursor-pointer hover:bg-slate-50", selectedId === r.id && "bg-indigo-50/60")}
              >
                <Td className="tabular-nums" title={formatDateTime(r.timestamp)}>
                  <time dateTime={new Date(r.timestamp).toISOString()}>{formatLogTime(new Date(r.timestamp))}</time>
                </Td>
                <Td className="font-mono text-xs" title={r.model}>
                  {r.model}
                </Td>
                <Td>
                  <span className="flex flex-wrap items-center gap-1">
                    <StatusBadge status={r.status} />
                    {/* A blocked status already says it; the outcome adds "modified" and "would block". */}
                    {r.enforcement && !(r.enforcement === "blocked" && r.status === "blocked") ? <EnforcementBadge outcome={r.enforcement} /> : null}
                  </span>
                </Td>
                <Td title={r.source === "gateway" ? "Logged by the gateway" : "Logged through the ingest API"}>
                  <SourceBadge source={r.source} />
                </Td>
                <Td className="text-right tabular-nums" title={formatLatency(r.latencyMs)}>
                  {formatLatency(r.latencyMs)}
                </Td>
                <Td className="text-right tabular-nums" title={formatInt(r.totalTokens)}>
                  {formatInt(r.totalTokens)}
                </Td>
                <Td className="text-right tabular-nums" title={cost ?? "No price for this model"}>
                  {cost ?? <span className="text-xs text-muted">unpriced</span>}
                </Td>
                <Td>
                  <RiskBadge score={r.riskScore} flagged={r.flagged} />
                </Td>
                <Td>
                  {/* The row is clickable for the mouse; this button is the keyboard's way in. */}
                  <button
                    type="button"
                    onClick={(e) => {
                      e.stopPropagation();
                      onOpen(r.id);
                    }}
                    className="block w-full truncate text-left text-slate-700 hover:text-indigo-700 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
                    title={r.promptPreview}
                  >
                    <span className="sr-only">View request: </span>
                    {r.promptPreview ? r.promptPreview : <span className="text-muted italic">(empty prompt)</span>}
                  </button>
                </Td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
