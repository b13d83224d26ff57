"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { roleAllows, type ProjectAuditEntryView, type ProjectSummary } from "@llmguard/domain/schemas";
import { ProjectScope } from "~/components/logs/project-scope";
import { buttonClasses, Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { EmptyState, ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { errorMessage } from "~/trpc/errors";
import { useTRPC, useTRPCClient } from "~/trpc/react";
import { AuditFilters, NO_AUDIT_FILTERS, type AuditFilterValues } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { ChainStatus } from "./chain-status";

const PAGE = 50;

export function AuditView({ projectId }: { projectId: string }) {
  return (
    <ProjectScope projectId={projectId} page="audit">
      {(project) =>
        roleAllows(project.role, "audit.read") ? (
          <AuditLog project={project} />
        ) : (
          <Notice>The audit log is for admins and owners; your role is {project.role}.</Notice>
        )
      }
    </ProjectScope>
  );
}

function exportHref(projectId: string, f: AuditFilterValues): string {
  const q = new URLSearchParams();
  if (f.family) q.set("action", f.family);
  if (f.actorId) q.set("actorId", f.actorId);
  const qs = q.toString();
  return `/api/v1/projects/${projectId}/audit/export${qs ? `?${qs}` : ""}`;
}

function AuditLog({ project }: { project: ProjectSummary }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const projectId = project.id;
  const [filters, setFilters] = useState<AuditFilterValues>(NO_AUDIT_FILTERS);
  const members = useQuery(trpc.member.list.queryOptions({ projectId }));
  const emailOf = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m.email])), [members.data]);
  const input = { projectId, limit: PAGE, ...(filters.family ? { action: filters.family } : {}), ...(filters.actorId ? { actorId: filters.actorId } : {}) };
  const entries = useInfiniteQuery({
    // Under audit.list's key, so every "invalidate the audit trail" elsewhere refreshes this too.
    queryKey: [...trpc.audit.list.queryKey(input), "pages"],
    queryFn: ({ pageParam }) => client.audit.list.query({ ...input, ...(pageParam ? { beforeSeq: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last: ProjectAuditEntryView[]) => (last.length === PAGE ? last[last.length - 1]!.seq : undefined),
    placeholderData: keepPreviousData,
  });
  const rows = entries.data?.pages.flat() ?? [];
  const filtered = filters.family !== "" || filters.actorId !== "";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white px-5 py-3 shadow-sm">
        <ChainStatus projectId={projectId} />
        <a href={exportHref(projectId, filters)} download className={buttonClasses("secondary", "sm")}>
          Export JSON Lines
        </a>
      </div>

      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="border-b border-slate-200 px-5 py-3">
          <AuditFilters value={filters} onChange={setFilters} members={members.data ?? []} />
        </div>
        <div className="px-5">
          {entries.isPending ? (
            <LoadingState label="Loading the audit log…" />
          ) : entries.isError && rows.length === 0 ? (
            <div className="py-4">
              <ErrorState error={entries.error} title="Could not load the audit log" onRetry={() => entries.refetch()} />
            </div>
          ) : rows.length === 0 ? (
            <div className="py-5">
              <EmptyState title={filtered ? "No entries match" : "No audit entries yet"}>{filtered ? "Try another action or actor." : undefined}</EmptyState>
            </div>
          ) : (
            <div className={cn(entries.isPlaceholderData && "opacity-60 transition-opacity")} aria-busy={entries.isPlaceholderData || undefined}>
              <AuditTable entries={rows} emailOf={emailOf} />
            </div>
          )}
        </div>
        {rows.length > 0 ? (
          <div className="border-t border-slate-200 px-5 py-3 text-center">
            {entries.isFetchNextPageError ? (
              <p role="alert" className="mb-2 text-sm text-red-700">
                Could not load more: {errorMessage(entries.error)}
              </p>
            ) : null}
            {entries.hasNextPage ? (
              <Button variant="secondary" size="sm" onClick={() => entries.fetchNextPage()} pending={entries.isFetchingNextPage} disabled={entries.isPlaceholderData}>
                Load more
              </Button>
            ) : (
              <p className="text-xs text-muted">
                {rows.length} entr{rows.length === 1 ? "y" : "ies"} · the beginning of the log
              </p>
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}
