"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState, type ReactNode, type TdHTMLAttributes } from "react";
import { REMEDIATION_STATUSES, type ProjectSummary, type Remediation, type RemediationStatus } from "@llmguard/domain/schemas";
import { actorLabel } from "~/components/incidents/incident-format";
import { incidentHref } from "~/components/incidents/incident-table";
import { LIVE_REFRESH_MS } from "~/components/incidents/incidents-view";
import { ProjectScope } from "~/components/logs/project-scope";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { FormStatus, SelectField } from "~/components/ui/field";
import { formatDateTime } from "~/components/ui/format";
import { GuardedButton } from "~/components/ui/guarded-button";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { Time } from "~/components/ui/time";
import { useReplaceParams } from "~/components/ui/use-replace-params";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { RemediationSourceBadge, RemediationStatusBadge, WatchBadge } from "./remediation-badges";
import { canRemediateIn, configHistoryHref, environmentOf, expiryText, parametersSummary, remediationErrorMessage, remediationStatusLabel, remediationTypeLabel } from "./remediation-format";
import { RollbackDialog } from "./rollback-dialog";
import { ScrollRegion } from "~/components/ui/scroll-region";

const PAGE_SIZE = 25;

function readStatus(value: string | null): RemediationStatus | "" {
  return value && (REMEDIATION_STATUSES as readonly string[]).includes(value) ? (value as RemediationStatus) : "";
}

export function RemediationsView({ projectId }: { projectId: string }) {
  return (
    <ProjectScope projectId={projectId} page="remediations">
      {(project) => <RemediationsBody project={project} />}
    </ProjectScope>
  );
}

const COLUMNS = { applied: "w-36", action: "", environment: "w-28", status: "w-28", watch: "w-44", source: "w-32", by: "w-40", ends: "w-36", version: "w-24", actions: "w-28" } as const;

function Th({ className, children }: { className?: string; children?: ReactNode }) {
  return (
    <th scope="col" className={cn("px-3 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase first:pl-5 last:pr-5", className)}>
      {children}
    </th>
  );
}

function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-3 py-3 align-top text-slate-700 first:pl-5 last:pr-5", className)} {...rest} />;
}

/** The watch's badge (its sentence as the tooltip), or a failed attempt's error cut to one line. */
function WatchCell({ remediation: r }: { remediation: Remediation }) {
  const error = r.status === "failed" ? remediationErrorMessage(r.metadata) : null;
  if (error) {
    return (
      <span className="block truncate text-xs text-red-700" title={error} data-testid="remediation-error">
        {error}
      </span>
    );
  }
  if (!r.watch) return <span className="text-muted">—</span>;
  return <WatchBadge watch={r.watch} status={r.status} />;
}

function RemediationsBody({ project }: { project: ProjectSummary }) {
  const trpc = useTRPC();
  const projectId = project.id;
  const searchParams = useSearchParams();
  const replaceParams = useReplaceParams();
  const status = readStatus(searchParams.get("status"));
  const [rollingBack, setRollingBack] = useState<Remediation | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const environments = useQuery(trpc.config.listEnvironments.queryOptions({ projectId }));

  const list = useInfiniteQuery({
    ...trpc.remediation.list.infiniteQueryOptions({ projectId, limit: PAGE_SIZE, ...(status ? { status } : {}) }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const empty = list.isSuccess && !list.isPlaceholderData && rows.length === 0;

  const setStatus = (next: string) =>
    replaceParams((p) => {
      if (readStatus(next)) p.set("status", next);
      else p.delete("status");
      return p;
    });

  return (
    <div className="space-y-4">
      <form role="search" aria-label="Filter remediations" onSubmit={(e) => e.preventDefault()} className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <SelectField label="Status" name="status" value={status} onChange={(e) => setStatus(e.target.value)} className="w-44">
          <option value="">Any status</option>
          {REMEDIATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {remediationStatusLabel(s)}
            </option>
          ))}
        </SelectField>
        {status ? (
          <Button variant="ghost" onClick={() => setStatus("")}>
            Clear filter
          </Button>
        ) : null}
        <p className="ml-auto max-w-md text-sm text-slate-600">Apply a fix from an incident&apos;s page: its analysis recommends actions, or pick your own.</p>
      </form>
      <FormStatus message={message} />

      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
          <p role="status" aria-live="polite" className="text-sm text-slate-600">
            {list.isPending
              ? "Loading remediations…"
              : list.isError && !list.data
                ? "Could not load remediations"
                : list.isPlaceholderData
                  ? "Updating…"
                  : rows.length === 0
                    ? "No remediations"
                    : `Showing ${rows.length} remediation${rows.length === 1 ? "" : "s"}, newest first${list.hasNextPage ? ", more below" : ""}`}
          </p>
          <div className="flex items-center gap-3">
            <span className="text-xs text-slate-600">Refreshes every {LIVE_REFRESH_MS / 1000} s</span>
            <Button variant="secondary" size="sm" onClick={() => list.refetch()} pending={list.isRefetching && !list.isFetchingNextPage && !list.isPlaceholderData}>
              Refresh
            </Button>
          </div>
        </div>
        <div className="px-5">
          {list.isPending ? (
            <LoadingState label="Loading remediations…" />
          ) : list.isError && !list.data ? (
            <div className="py-4">
              <ErrorState error={list.error} title="Could not load remediations" onRetry={() => list.refetch()} />
            </div>
          ) : empty ? (
            <div className="py-5">
              {status ? (
                <EmptyState
                  title={`No ${remediationStatusLabel(status).toLowerCase()} remediations`}
                  action={
                    <Button variant="secondary" onClick={() => setStatus("")}>
                      Clear filter
                    </Button>
                  }
                />
              ) : (
                <EmptyState title="No remediations yet">
                  <p>
                    Fixes applied to an incident appear here: a disabled endpoint, a stricter safety threshold, a switched model, a rate limit. Open an{" "}
                    <Link href={`/projects/${projectId}/incidents`} className="font-medium link">
                      incident
                    </Link>{" "}
                    to apply one.
                  </p>
                </EmptyState>
              )}
            </div>
          ) : (
            <div className={cn(list.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={list.isPlaceholderData || undefined}>
              {list.isRefetchError ? (
                <p role="alert" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  Could not refresh the list: {errorMessage(list.error)} Showing what was loaded before.
                </p>
              ) : null}
              {/* relative: the table's screen-reader-only labels (absolutely positioned) scroll with it instead of widening the page. */}
              <ScrollRegion label="Remediations" className="relative -mx-5 overflow-x-auto">
                <table className="w-full min-w-[80rem] table-fixed divide-y divide-slate-200 text-sm">
                  <caption className="sr-only">Remediations, newest first</caption>
                  <colgroup>
                    {Object.entries(COLUMNS).map(([name, width]) => (
                      <col key={name} className={width || undefined} />
                    ))}
                  </colgroup>
                  <thead>
                    <tr>
                      <Th>Applied</Th>
                      <Th>Action</Th>
                      <Th>Environment</Th>
                      <Th>Status</Th>
                      <Th>Watch</Th>
                      <Th>Source</Th>
                      <Th>By</Th>
                      <Th>Ends</Th>
                      <Th>Config</Th>
                      <Th>
                        <span className="sr-only">Actions</span>
                      </Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {rows.map((r) => {
                      const rule = canRemediateIn(project.role, environmentOf(environments.data, r.environment));
                      const summary = parametersSummary(r.type, r.parameters);
                      const expiry = expiryText(r);
                      return (
                        <tr key={r.id} data-testid="remediation-row" data-status={r.status} data-type={r.type}>
                          <Td className="whitespace-nowrap">
                            <Time value={r.appliedAt} mode="relative" />
                          </Td>
                          <Td>
                            <Link href={`${incidentHref(projectId, r.incidentId)}#remediations`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline" title="Open the incident">
                              {remediationTypeLabel(r.type)}
                            </Link>
                            <span className="mt-0.5 block truncate font-mono text-xs text-slate-600" title={summary}>
                              {summary}
                            </span>
                          </Td>
                          <Td className="font-mono text-xs">{r.environment}</Td>
                          <Td>
                            <RemediationStatusBadge status={r.status} />
                          </Td>
                          <Td>
                            <WatchCell remediation={r} />
                          </Td>
                          <Td>
                            <RemediationSourceBadge source={r.source} />
                          </Td>
                          <Td>
                            <span className="block truncate" title={r.appliedBy?.email ?? undefined}>
                              {r.source === "automatic" && !r.appliedBy ? "LLMGuard" : actorLabel(r.appliedBy)}
                            </span>
                          </Td>
                          <Td className="text-xs">
                            {r.rolledBackAt ? (
                              <>
                                {r.status === "rolled_back" ? <span className="block truncate">by {actorLabel(r.rolledBackBy)}</span> : null}
                                <Time value={r.rolledBackAt} mode="relative" />
                              </>
                            ) : r.status === "applied" ? (
                              <span title={r.expiresAt ? formatDateTime(r.expiresAt) : undefined}>{expiry ?? "When rolled back"}</span>
                            ) : (
                              "—"
                            )}
                          </Td>
                          <Td>
                            {r.configVersion ? (
                              <Link href={configHistoryHref(projectId, r.environment)} className="font-medium text-indigo-700 hover:underline" title={`The history of ${r.environment}`}>
                                v{r.configVersion}
                              </Link>
                            ) : (
                              "—"
                            )}
                          </Td>
                          <Td className="text-right">
                            {r.status === "applied" ? (
                              <GuardedButton allowed={rule.allowed} reason={rule.reason} variant="secondary" size="sm" onClick={() => setRollingBack(r)} aria-label={`Roll back ${remediationTypeLabel(r.type)} (${summary})`}>
                                Roll back
                              </GuardedButton>
                            ) : null}
                          </Td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollRegion>
            </div>
          )}
        </div>
        {rows.length > 0 && !empty ? (
          <div className="border-t border-slate-200 px-5 py-3 text-center">
            {list.isFetchNextPageError ? (
              <p role="alert" className="mb-2 text-sm text-red-700">
                Could not load more: {errorMessage(list.error)}
              </p>
            ) : null}
            {list.hasNextPage ? (
              <Button variant="secondary" size="sm" onClick={() => list.fetchNextPage()} pending={list.isFetchingNextPage} disabled={list.isPlaceholderData}>
                {list.isFetchingNextPage ? "Loading more…" : "Load more"}
              </Button>
            ) : (
              <p className="text-xs text-slate-600">End of the list</p>
            )}
          </div>
        ) : null}
      </div>

      <RollbackDialog
        remediation={rollingBack}
        onClose={() => setRollingBack(null)}
        onDone={(m) => {
          setRollingBack(null);
          setMessage(m);
        }}
      />
    </div>
  );
}
