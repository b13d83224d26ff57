"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef } from "react";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { useReplaceParams } from "~/components/ui/use-replace-params";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { LogDrawer } from "./log-drawer";
import { LogFiltersForm } from "./log-filters";
import { EMPTY_FILTERS, hasFilters, readFilters, readSort, toSearchInput, writeParams, type LogFilters, type LogSort, type SortField } from "./log-query-state";
import { LogTable } from "./log-table";
import { ProjectScope } from "./project-scope";
import { SendFirstRequest } from "./send-first-request";

export function LogsView({ projectId }: { projectId: string }) {
  return (
    <ProjectScope projectId={projectId} page="logs">
      <LogsBody projectId={projectId} />
    </ProjectScope>
  );
}

/** Calls `onVisible` whenever the sentinel scrolls near the viewport while `enabled`. */
function useSentinel(onVisible: () => void, enabled: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  const callback = useRef(onVisible);
  useEffect(() => {
    callback.current = onVisible;
  });
  useEffect(() => {
    const el = ref.current;
    if (!enabled || !el || typeof IntersectionObserver === "undefined") return;
    // Re-created after every page: a sentinel still in view after a short page fires again at once.
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) callback.current();
    }, { rootMargin: "0px 0px 400px 0px" });
    io.observe(el);
    return () => io.disconnect();
  }, [enabled]);
  return ref;
}

function LogsBody({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const searchParams = useSearchParams();
  const replaceParams = useReplaceParams();
  const filters = useMemo(() => readFilters(searchParams), [searchParams]);
  const sort = readSort(searchParams);
  const selectedId = searchParams.get("request");
  const filtered = hasFilters(filters);

  const logs = useInfiniteQuery({
    ...trpc.log.search.infiniteQueryOptions(toSearchInput(projectId, filters, sort), { getNextPageParam: (last) => last.nextCursor }),
    // While a new filter loads, keep showing the old rows (dimmed) instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => logs.data?.pages.flatMap((p) => p.items) ?? [], [logs.data]);
  const empty = logs.isSuccess && !logs.isPlaceholderData && rows.length === 0;
  // "Nothing matches" and "nothing was ever sent" need different help; one tiny query tells them apart.
  const anyAtAll = useQuery({ ...trpc.log.search.queryOptions({ projectId, limit: 1 }), enabled: empty && filtered });
  const neverSent = empty && (!filtered || anyAtAll.data?.items.length === 0);

  // The exact model names of the last 30 days, offered as suggestions (the model filter matches exactly).
  const recent = useQuery(trpc.metric.getSummary.queryOptions({ projectId, granularity: "day" }));
  const knownModels = useMemo(() => recent.data?.models.map((m) => m.model) ?? [], [recent.data]);

  const canAutoLoad = logs.hasNextPage && !logs.isFetchingNextPage && !logs.isFetchNextPageError && !logs.isPlaceholderData;
  const sentinel = useSentinel(() => void logs.fetchNextPage(), canAutoLoad);

  const applyFilters = (next: LogFilters) => replaceParams((p) => writeParams(p, next));
  const onSort = (field: SortField) => {
    const next: LogSort =
      sort.sortBy === field ? { sortBy: field, sortOrder: sort.sortOrder === "asc" ? "desc" : "asc" } : { sortBy: field, sortOrder: field === "model" ? "asc" : "desc" };
    replaceParams((p) => writeParams(p, readFilters(p), next));
  };
  const openRequest = (id: string) =>
    replaceParams((p) => {
      p.set("request", id);
      return p;
    });
  const closeRequest = () =>
    replaceParams((p) => {
      p.delete("request");
      return p;
    });

  return (
    <div className="space-y-4">
      <LogFiltersForm applied={filters} onApply={applyFilters} knownModels={knownModels} />

      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
          <p role="status" aria-live="polite" className="text-sm text-slate-600">
            {logs.isPending
              ? "Loading requests…"
              : logs.isError
                ? "Could not load requests"
                : logs.isPlaceholderData
                  ? "Updating…"
                  : rows.length === 0
                    ? "No requests"
                    : `Showing ${rows.length} request${rows.length === 1 ? "" : "s"}${logs.hasNextPage ? ", more below" : ""}`}
          </p>
          <Button variant="secondary" size="sm" onClick={() => logs.refetch()} pending={logs.isRefetching && !logs.isFetchingNextPage && !logs.isPlaceholderData}>
            Refresh
          </Button>
        </div>
        <div className="px-5">
          {logs.isPending ? (
            <LoadingState label="Loading requests…" />
          ) : logs.isError ? (
            <div className="py-4">
              <ErrorState error={logs.error} title="Could not load requests" onRetry={() => logs.refetch()} />
            </div>
          ) : empty ? (
            <div className="py-5">
              <EmptyState
                title="No requests match"
                action={
                  filtered ? (
                    <Button variant="secondary" onClick={() => applyFilters(EMPTY_FILTERS)}>
                      Clear filters
                    </Button>
                  ) : undefined
                }
              >
                {neverSent ? (
                  <>
                    <p>This project has not received any requests yet.</p>
                    <SendFirstRequest projectId={projectId} />
                  </>
                ) : (
                  <p>Try other words or fewer filters.</p>
                )}
              </EmptyState>
            </div>
          ) : (
            <div className={cn(logs.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={logs.isPlaceholderData || undefined}>
              <LogTable rows={rows} sort={sort} onSort={onSort} onOpen={openRequest} selectedId={selectedId} />
            </div>
          )}
        </div>
        {rows.length > 0 && !empty ? (
          <div className="border-t border-slate-200 px-5 py-3 text-center">
            <div ref={sentinel} aria-hidden="true" />
            {logs.isFetchNextPageError ? (
              <p role="alert" className="mb-2 text-sm text-red-700">
                Could not load more: {errorMessage(logs.error)}
              </p>
            ) : null}
            {logs.hasNextPage ? (
              <Button variant="secondary" size="sm" onClick={() => logs.fetchNextPage()} pending={logs.isFetchingNextPage} disabled={logs.isPlaceholderData}>
                {logs.isFetchingNextPage ? "Loading more…" : "Load more"}
              </Button>
            ) : (
              <p className="text-xs text-muted">End of results</p>
            )}
          </div>
        ) : null}
      </div>

      <LogDrawer projectId={projectId} requestId={selectedId} onClose={closeRequest} />
    </div>
  );
}
