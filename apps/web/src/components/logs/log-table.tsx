"use client";

import type { LogResult } from "@llmguard/domain/schemas";
import { cn } from "~/components/ui/cn";
import { Table, Td, Th } from "~/components/ui/table";
import { Time } from "~/components/ui/time";
import { RiskBadge, StatusBadge } from "./badges";
import { formatCost, formatInt, formatLatency } from "./format";
import type { LogSort, SortField } from "./log-query-state";

function SortHeader({ field, label, sort, onSort, className }: { field: SortField; label: string; sort: LogSort; onSort: (field: SortField) => void; className?: string }) {
  const active = sort.sortBy === field;
  const ariaSort = active ? (sort.sortOrder === "asc" ? "ascending" : "descending") : "none";
  return (
    <Th aria-sort={ariaSort} className={className}>
      <button
        type="button"
        onClick={() => onSort(field)}
        className={cn("inline-flex items-center gap-1 uppercase hover:text-slate-900", active && "text-slate-900")}
        title={active ? `Sorted ${ariaSort}; click to reverse` : `Sort by ${label.toLowerCase()}`}
      >
        {label}
        <span aria-hidden="true" className={cn("text-[10px]", !active && "text-slate-300")}>
          {active ? (sort.sortOrder === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </Th>
  );
}

/** One page of requests (or several, with infinite scroll); a row opens the detail drawer. */
export function LogTable({ rows, sort, onSort, onOpen, selectedId }: { rows: LogResult[]; sort: LogSort; onSort: (field: SortField) => void; onOpen: (id: string) => void; selectedId: string | null }) {
  return (
    <Table caption="Requests">
      <thead>
        <tr>
          <SortHeader field="timestamp" label="Time" sort={sort} onSort={onSort} />
          <SortHeader field="model" label="Model" sort={sort} onSort={onSort} />
          <Th>Status</Th>
          <SortHeader field="latency" label="Latency" sort={sort} onSort={onSort} className="text-right" />
          <Th className="text-right">Tokens</Th>
          <Th className="text-right">Cost</Th>
          <SortHeader field="riskScore" label="Risk" sort={sort} onSort={onSort} />
          <Th>Prompt</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr
            key={r.id}
            data-testid="log-row"
            onClick={() => onOpen(r.id)}
            className={cn("cursor-pointer hover:bg-slate-50", selectedId === r.id && "bg-indigo-50/60")}
          >
            <Td className="tabular-nums">
              <Time value={r.timestamp} mode="datetime" />
            </Td>
            <Td className="max-w-48 truncate font-mono text-xs" title={r.model}>
              {r.model}
            </Td>
            <Td>
              <StatusBadge status={r.status} />
            </Td>
            <Td className="text-right tabular-nums">{formatLatency(r.latencyMs)}</Td>
            <Td className="text-right tabular-nums">{formatInt(r.totalTokens)}</Td>
            <Td className="text-right tabular-nums">{r.costUsd === null ? <span className="text-xs text-slate-400">unpriced</span> : formatCost(r.costUsd)}</Td>
            <Td>
              <RiskBadge score={r.riskScore} flagged={r.flagged} />
            </Td>
            <Td className="w-full max-w-0 min-w-64">
              {/* The row is clickable for the mouse; this button is the keyboard's way in. */}
              <button
                type="button"
                onClick={(e) => {
                  e.stopPropagation();
                  onOpen(r.id);
                }}
                className="block w-full truncate text-left text-slate-700 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
                title={r.promptPreview}
              >
                <span className="sr-only">View request: </span>
                {r.promptPreview ? r.promptPreview : <span className="text-slate-400 italic">(empty prompt)</span>}
              </button>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
