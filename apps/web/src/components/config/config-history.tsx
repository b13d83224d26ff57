"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ConfigVersionSummary, EnvironmentView, ProjectRoleName } from "@llmguard/domain/schemas";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { FormStatus, TextField } from "~/components/ui/field";
import { GuardedButton } from "~/components/ui/guarded-button";
import { EmptyState, ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { Time } from "~/components/ui/time";
import { errorMessage } from "~/trpc/errors";
import { useTRPC, useTRPCClient } from "~/trpc/react";
import { ConfigDiff } from "./config-diff";
import { canWriteEnvironment } from "./config-permissions";

const PAGE = 50;

/** An environment's versions, newest first: pick two to compare, or restore one as a new version. */
export function ConfigHistory({ projectId, role, environment }: { projectId: string; role: ProjectRoleName; environment: EnvironmentView }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const env = environment.name;
  const rule = canWriteEnvironment(role, environment);
  const input = { projectId, environment: env, limit: PAGE };
  const versions = useInfiniteQuery({
    queryKey: [...trpc.config.listVersions.queryKey(input), "pages"],
    queryFn: ({ pageParam }) => client.config.listVersions.query({ ...input, ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last: ConfigVersionSummary[]) => (last.length === PAGE ? last[last.length - 1]!.version : undefined),
  });
  const list = versions.data?.pages.flat() ?? [];
  const [selected, setSelected] = useState<number[]>([]);
  const [restoring, setRestoring] = useState<ConfigVersionSummary | null>(null);
  const [restoreMessage, setRestoreMessage] = useState("");
  const [status, setStatus] = useState<string | null>(null);

  const restore = useMutation(
    trpc.config.restore.mutationOptions({
      onSuccess: async (result, vars) => {
        setRestoring(null);
        setRestoreMessage("");
        setSelected([]);
        setStatus(result.created ? `Restored version ${vars.version} as version ${result.version}.` : `Version ${vars.version} is what ${env} holds already: nothing changed.`);
        await Promise.all([
          queryClient.invalidateQueries(trpc.config.pathFilter()),
          queryClient.invalidateQueries(trpc.secret.list.queryFilter({ projectId })),
          queryClient.invalidateQueries(trpc.setting.pathFilter()),
          queryClient.invalidateQueries(trpc.audit.list.pathFilter()),
        ]);
      },
    }),
  );

  const toggle = (v: number) => {
    setStatus(null);
    setSelected((cur) => (cur.includes(v) ? cur.filter((x) => x !== v) : [...cur, v].slice(-2)));
  };
  const [from, to] = [...selected].sort((a, b) => a - b);
  const newest = list[0]?.version;

  return (
    <div className="space-y-4">
      <FormStatus message={status} />
      {selected.length === 2 && from !== undefined && to !== undefined ? (
        <ConfigDiff projectId={projectId} environment={env} from={from} to={to} onClose={() => setSelected([])} />
      ) : list.length > 1 ? (
        <Notice>Tick two versions to compare them side by side, or use “Changes” to see what one version changed.</Notice>
      ) : null}

      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        {versions.isPending ? (
          <div className="px-5">
            <LoadingState label="Loading history…" />
          </div>
        ) : versions.isError ? (
          <div className="p-5">
            <ErrorState error={versions.error} title="Could not load the history" onRetry={() => versions.refetch()} />
          </div>
        ) : list.length === 0 ? (
          <div className="p-5">
            <EmptyState title={`No versions of ${env} yet`}>Every save of this environment&apos;s keys becomes a version here.</EmptyState>
          </div>
        ) : (
          <ol aria-label={`Versions of ${env}, newest first`} className="divide-y divide-slate-100">
            {list.map((v, i) => {
              const previous = list[i + 1]?.version ?? (versions.hasNextPage ? undefined : 0);
              const checked = selected.includes(v.version);
              return (
                <li key={v.version} data-testid="config-version" data-version={v.version} className={cn("flex flex-wrap items-start gap-4 px-5 py-3", checked && "bg-indigo-50/50")}>
                  <label className="flex items-center gap-2 pt-0.5">
                    <input type="checkbox" className="size-4 rounded border-slate-300 text-indigo-600" checked={checked} onChange={() => toggle(v.version)} aria-label={`Compare version ${v.version}`} />
                  </label>
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
                      <span className="font-semibold text-slate-900">Version {v.version}</span>
                      {v.version === newest ? <Badge tone="green">current</Badge> : null}
                      {v.restoredFrom ? <Badge tone="blue">restored from v{v.restoredFrom}</Badge> : null}
                      <span className="text-slate-600">{v.author?.email ?? "unknown author"}</span>
                      <span className="text-muted">
                        <Time value={v.createdAt} mode="datetime" />
                      </span>
                    </div>
                    {v.message ? <p className="mt-1 text-sm text-slate-700 italic">{v.message}</p> : null}
                    <p className="mt-1 flex flex-wrap gap-1">
                      {v.changedKeys.map((k) => (
                        <code key={k} className="rounded bg-chip text-chip-fg px-1.5 py-0.5 font-mono text-xs">
                          {k}
                        </code>
                      ))}
                    </p>
                  </div>
                  <div className="flex gap-2">
                    {previous !== undefined ? (
                      <Button variant="ghost" size="sm" onClick={() => setSelected([previous, v.version])} aria-label={`Changes of version ${v.version}`}>
                        Changes
                      </Button>
                    ) : null}
                    <GuardedButton
                      allowed={rule.allowed && v.version !== newest}
                      reason={rule.allowed ? "This is the current version" : rule.reason}
                      variant="secondary"
                      size="sm"
                      onClick={() => setRestoring(v)}
                      aria-label={`Restore version ${v.version}`}
                    >
                      Restore
                    </GuardedButton>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {versions.hasNextPage ? (
          <div className="border-t border-slate-200 px-5 py-3 text-center">
            <Button variant="secondary" size="sm" onClick={() => versions.fetchNextPage()} pending={versions.isFetchingNextPage}>
              Load older versions
            </Button>
          </div>
        ) : null}
      </div>

      <ConfirmDialog
        open={restoring !== null}
        title={`Restore ${env} to version ${restoring?.version ?? ""}?`}
        confirmLabel="Restore version"
        tone="primary"
        pending={restore.isPending}
        error={restore.isError ? errorMessage(restore.error) : null}
        onCancel={() => {
          setRestoring(null);
          restore.reset();
        }}
        onConfirm={() => restoring && restore.mutate({ projectId, environment: env, version: restoring.version, ...(restoreMessage.trim() ? { message: restoreMessage.trim() } : {}) })}
      >
        <p>
          {env} becomes exactly what it was at version {restoring?.version}: keys added since are removed. The restore is saved as a new version, so nothing in the history is lost.
        </p>
        <TextField label="Restore message" name="restoreMessage" value={restoreMessage} onChange={(e) => setRestoreMessage(e.target.value)} placeholder={`Restored version ${restoring?.version ?? ""}`} maxLength={500} />
      </ConfirmDialog>
    </div>
  );
}
