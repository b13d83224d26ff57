"use client";

import type { EffectiveConfig } from "@llmguard/domain/schemas";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { GuardedButton } from "~/components/ui/guarded-button";
import { Table, Td, Th } from "~/components/ui/table";
import type { Rule } from "./config-permissions";
import { sameValue } from "./json-value";
import { ValuePreview } from "./value-preview";

export type EffectiveEntry = EffectiveConfig["entries"][number];
/** A staged change: a new value, or null to remove the environment's own value. */
export type Pending = { value: unknown } | null | undefined;

export interface EntryRow {
  key: string;
  entry?: EffectiveEntry;
  pending: Pending;
  issues: string[];
}

function SourceBadge({ source }: { source: "base" | "override" }) {
  return source === "override" ? <Badge tone="indigo">override</Badge> : <Badge tone="gray">base</Badge>;
}

function Label({ children }: { children: string }) {
  return <span className="mb-0.5 block text-[11px] font-semibold tracking-wide text-muted uppercase">{children}</span>;
}

/** The effective config of one environment with staged changes folded in. */
export function ConfigEntriesTable({
  projectId,
  environment,
  rows,
  rule,
  missingSecrets,
  typeOf,
  onEdit,
  onRemove,
  onUndo,
}: {
  projectId: string;
  environment: string;
  rows: EntryRow[];
  rule: Rule;
  missingSecrets: ReadonlySet<string>;
  typeOf: (key: string) => string | undefined;
  onEdit: (row: EntryRow) => void;
  onRemove: (row: EntryRow) => void;
  onUndo: (row: EntryRow) => void;
}) {
  const isBase = environment === "base";
  return (
    <Table caption={`Effective config of ${environment}`}>
      <thead>
        <tr>
          <Th className="w-64">Key</Th>
          <Th>Value</Th>
          <Th>Source</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => {
          const { entry, pending } = row;
          const removing = pending === null;
          const staged = pending !== undefined;
          const type = typeOf(row.key);
          const canRemove = !!entry && (isBase || entry.source === "override");
          const editLabel = entry && entry.source === "base" && !isBase && !pending ? "Override" : "Edit";
          return (
            <tr key={row.key} data-testid="config-row" data-key={row.key} className={cn(staged && "bg-amber-50/60", row.issues.length > 0 && "bg-red-50/60")}>
              <Td className="max-w-72 min-w-56 align-top whitespace-normal">
                <code className={cn("font-mono text-xs font-semibold break-all text-slate-900", removing && "line-through decoration-red-500")}>{row.key}</code>
                {staged ? (
                  <span className="mt-1 block">
                    <Badge tone="amber">{removing ? (isBase || entry?.baseValue === undefined ? "will be removed" : "override removed") : entry ? "edited" : "new"}</Badge>
                  </span>
                ) : null}
                {type ? <span className="mt-1 block text-[11px] break-words text-muted">typed: {type}</span> : null}
              </Td>
              <Td className="w-full max-w-0 min-w-72 align-top whitespace-normal">
                <div className="space-y-2">
                  {pending ? (
                    <>
                      <ValuePreview value={pending.value} projectId={projectId} missingSecrets={missingSecrets} />
                      {entry ? (
                        <div className="text-muted">
                          <Label>Currently</Label>
                          <ValuePreview value={entry.value} projectId={projectId} muted />
                        </div>
                      ) : null}
                    </>
                  ) : entry ? (
                    <>
                      <div className={cn(removing && "line-through")}>
                        <ValuePreview value={entry.value} projectId={projectId} missingSecrets={missingSecrets} muted={removing} />
                      </div>
                      {removing && entry.baseValue !== undefined ? (
                        <div>
                          <Label>After saving (from base)</Label>
                          <ValuePreview value={entry.baseValue} projectId={projectId} />
                        </div>
                      ) : null}
                      {!removing && entry.resolved !== undefined && !sameValue(entry.resolved, entry.value) ? (
                        <div data-testid="config-resolved">
                          <Label>Resolves to</Label>
                          <ValuePreview value={entry.resolved} projectId={projectId} />
                        </div>
                      ) : null}
                      {!removing && entry.source === "override" && entry.baseValue !== undefined ? (
                        <div className="text-muted">
                          <Label>Base value</Label>
                          <ValuePreview value={entry.baseValue} projectId={projectId} muted />
                        </div>
                      ) : null}
                    </>
                  ) : null}
                  {row.issues.length > 0 ? (
                    <ul className="space-y-0.5 text-sm text-red-700" data-testid="config-issue">
                      {row.issues.map((m, i) => (
                        <li key={i}>{m}</li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              </Td>
              <Td className="align-top">{entry ? <SourceBadge source={entry.source} /> : <span className="text-xs text-muted">{environment === "base" ? "base" : "override"}</span>}</Td>
              <Td className="text-right align-top">
                <span className="inline-flex gap-1.5">
                  {staged ? (
                    <Button variant="ghost" size="sm" onClick={() => onUndo(row)}>
                      Undo
                    </Button>
                  ) : null}
                  {!removing ? (
                    <GuardedButton allowed={rule.allowed} reason={rule.reason} variant="secondary" size="sm" onClick={() => onEdit(row)} aria-label={`${editLabel} ${row.key}`}>
                      {editLabel}
                    </GuardedButton>
                  ) : null}
                  {canRemove && !staged ? (
                    <GuardedButton
                      allowed={rule.allowed}
                      reason={rule.reason}
                      variant="ghost"
                      size="sm"
                      className="text-red-700 hover:bg-red-50"
                      onClick={() => onRemove(row)}
                      aria-label={isBase ? `Remove ${row.key}` : `Remove override of ${row.key}`}
                    >
                      {isBase ? "Remove" : "Remove override"}
                    </GuardedButton>
                  ) : null}
                </span>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
