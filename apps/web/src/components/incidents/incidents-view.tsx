"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { roleAllows, type ProjectSummary } from "@llmguard/domain/schemas";
import { ProjectScope } from "~/components/logs/project-scope";
import { Button, ButtonLink } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { GuardedButton } from "~/components/ui/guarded-button";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { IncidentFiltersForm } from "./incident-filters";
import { INCIDENT_SETTINGS_TITLE, incidentSettingsHref } from "./incident-settings-format";
import { EMPTY_FILTERS, hasFilters, readFilters, toListInput, writeParams, type IncidentFilters } from "./incident-query-state";
import { IncidentTable, incidentHref } from "./incident-table";
import { NewIncidentDialog } from "./new-incident-dialog";
import { useReplaceParams } from "~/components/ui/use-replace-params";

/** How often the list looks for new incidents (paused while the tab is hidden: react-query's default). */
export const LIVE_REFRESH_MS = 10_000;

export function IncidentsView({ projectId }: { projectId: string }) {
  return (
    <ProjectScope
      projectId={projectId}
      page="incidents"
      actions={
        <ButtonLink href={incidentSettingsHref(projectId)} variant="secondary">
          {INCIDENT_SETTINGS_TITLE}
        </ButtonLink>
      }
    >
      {(project) => <IncidentsBody project={project} />}
    </ProjectScope>
  );
}

function IncidentsBody({ project }: { project: ProjectSummary }) {
  const trpc = useTRPC();
  const router = useRouter();
  const projectId = project.id;
  const searchParams = useSearchParams();
  const replaceParams = useReplaceParams();
  const filters = useMemo(() => readFilters(searchParams), [searchParams]);
  const filtered = hasFilters(filters);
  const [creating, setCreating] = useState(false);
  const canUpdate = roleAllows(project.role, "incident.update");

  const incidents = useInfiniteQuery({
    ...trpc.incident.list.infiniteQueryOptions(toListInput(projectId, filters), { getNextPageParam: (last) => last.nextCursor }),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });
  const rows = useMemo(() => incidents.data?.pages.flatMap((p) => p.items) ?? [], [incidents.data]);
  const empty = incidents.isSuccess && !incidents.isPlaceholderData && rows.length === 0;

  const applyFilters = (next: IncidentFilters) => replaceParams((p) => writeParams(p, next));

  return (
    <div className="space-y-4">
      <IncidentFiltersForm
        applied={filters}
        onApply={applyFilters}
        actions={
          <GuardedButton allowed={canUpdate} reason={`Opening an incident needs the developer role or higher (you are ${project.role}).`} onClick={() => setCreating(true)}>
            New incident
          </GuardedButton>
        }
      />

      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
          <p role="status" aria-live="polite" className="text-sm text-slate-600">
            {incidents.isPending
              ? "Loading incidents…"
              : incidents.isError && !incidents.data
                ? "Could not load incidents"
                : incidents.isPlaceholderData
                  ? "Updating…"
                  : rows.length === 0
                    ? "No incidents"
                    : `Showing ${rows.length} incident${rows.length === 1 ? "" : "s"}, newest first${incidents.hasNextPage ? ", more below" : ""}`}
          </p>
          <div className="flex items-center gap-3">
            <span className="text-xs text-slate-600">Refreshes every {LIVE_REFRESH_MS / 1000} s</span>
            <Button variant="secondary" size="sm" onClick={() => incidents.refetch()} pending={incidents.isRefetching && !incidents.isFetchingNextPage && !incidents.isPlaceholderData}>
              Refresh
            </Button>
          </div>
        </div>
        <div className="px-5">
          {incidents.isPending ? (
            <LoadingState label="Loading incidents…" />
          ) : incidents.isError && !incidents.data ? (
            <div className="py-4">
              <ErrorState error={incidents.error} title="Could not load incidents" onRetry={() => incidents.refetch()} />
            </div>
          ) : empty ? (
            <div className="py-5">
              {filtered ? (
                <EmptyState
                  title="No incidents match these filters"
                  action={
                    <Button variant="secondary" onClick={() => applyFilters(EMPTY_FILTERS)}>
                      Clear filters
                    </Button>
                  }
                >
                  <p>Try another status, severity or trigger.</p>
                </EmptyState>
              ) : (
                <EmptyState title="No incidents — LLMGuard opens one when a rule fires">
                  <p>
                    A request slower than the latency threshold, a streak of high-risk requests, an error rate or a cost spike above its threshold opens an incident here, with a root-cause
                    analysis. The thresholds are the <code className="font-mono text-xs text-slate-700">detection.*</code> keys of the project&apos;s{" "}
                    <Link href={`/projects/${projectId}/config`} className="font-medium link">
                      config
                    </Link>
                    .
                  </p>
                </EmptyState>
              )}
            </div>
          ) : (
            <div className={cn(incidents.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={incidents.isPlaceholderData || undefined}>
              {incidents.isRefetchError ? (
                <p role="alert" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  Could not refresh the list: {errorMessage(incidents.error)} Showing what was loaded before.
                </p>
              ) : null}
              <IncidentTable rows={rows} projectId={projectId} onOpen={(id) => router.push(incidentHref(projectId, id))} />
            </div>
          )}
        </div>
        {rows.length > 0 && !empty ? (
          <div className="border-t border-slate-200 px-5 py-3 text-center">
            {incidents.isFetchNextPageError ? (
              <p role="alert" className="mb-2 text-sm text-red-700">
                Could not load more: {errorMessage(incidents.error)}
              </p>
            ) : null}
            {incidents.hasNextPage ? (
              <Button variant="secondary" size="sm" onClick={() => incidents.fetchNextPage()} pending={incidents.isFetchingNextPage} disabled={incidents.isPlaceholderData}>
                {incidents.isFetchingNextPage ? "Loading more…" : "Load more"}
              </Button>
            ) : (
              <p className="text-xs text-slate-600">End of the list</p>
            )}
          </div>
        ) : null}
      </div>

      {canUpdate ? (
        <NewIncidentDialog
          projectId={projectId}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(incident) => {
            setCreating(false);
            router.push(incidentHref(projectId, incident.id));
          }}
        />
      ) : null}
    </div>
  );
}
