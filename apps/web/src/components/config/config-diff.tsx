"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";
import { ValuePreview } from "./value-preview";
import { ScrollRegion } from "~/components/ui/scroll-region";

const KIND = {
  added: { label: "added", tone: "green" },
  removed: { label: "removed", tone: "red" },
  changed: { label: "changed", tone: "amber" },
} as const;

const versionLabel = (v: number) => (v === 0 ? "the empty start" : `v${v}`);

/** Two versions of an environment side by side: before on the left, after on the right, key by key. */
export function ConfigDiff({ projectId, environment, from, to, onClose }: { projectId: string; environment: string; from: number; to: number; onClose: () => void }) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.config.diff.queryOptions({ projectId, environment, from, to }));
  return (
    <section aria-label={`Differences between ${versionLabel(from)} and ${versionLabel(to)}`} data-testid="config-diff" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <h3 className="text-sm font-semibold text-slate-900">
          {environment}: {versionLabel(from)} → {versionLabel(to)}
        </h3>
        <Button variant="ghost" size="sm" onClick={onClose}>
          Close comparison
        </Button>
      </div>
      <div className="px-5 py-4">
        {diff.isPending ? (
          <LoadingState label="Comparing…" />
        ) : diff.isError ? (
          <ErrorState error={diff.error} title="Could not compare these versions" onRetry={() => diff.refetch()} />
        ) : diff.data.changes.length === 0 ? (
          <EmptyState title="No differences">The environment&apos;s own keys are the same in both versions.</EmptyState>
        ) : (
          <ScrollRegion label="Changed keys" className="-mx-5 overflow-x-auto">
            <table className="min-w-full table-fixed text-sm">
              <caption className="sr-only">Changed keys</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs font-semibold tracking-wide text-muted uppercase">
                  <th scope="col" className="w-56 px-5 py-2">
                    Key
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Before · {versionLabel(from)}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    After · {versionLabel(to)}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {diff.data.changes.map((c) => (
                  <tr key={c.key} data-testid="diff-row" data-kind={c.kind} className="align-top">
                    <td className="px-5 py-2.5">
                      <code className="block font-mono text-xs font-semibold break-all text-slate-900">{c.key}</code>
                      <Badge tone={KIND[c.kind].tone} className="mt-1">
                        {KIND[c.kind].label}
                      </Badge>
                    </td>
                    <td className={cn("w-[40%] px-3 py-2.5", c.kind !== "added" && "bg-red-50/70")} data-testid="diff-before">
                      {c.kind === "added" ? <span className="text-xs text-muted">not set</span> : <ValuePreview value={c.before} projectId={projectId} />}
                    </td>
                    <td className={cn("w-[40%] px-3 py-2.5", c.kind !== "removed" && "bg-emerald-50/70")} data-testid="diff-after">
                      {c.kind === "removed" ? <span className="text-xs text-muted">not set</span> : <ValuePreview value={c.after} projectId={projectId} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </div>
    </section>
  );
}
