"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { Table, Td, Th } from "~/components/ui/table";
import { Time } from "~/components/ui/time";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

const LIMIT = 50;

function describe(metadata: Record<string, unknown>): string {
  const parts = Object.entries(metadata).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`);
  return parts.join(" · ");
}

export function AuditSection({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const entries = useQuery(trpc.audit.list.queryOptions({ projectId, limit: LIMIT }));
  const members = useQuery(trpc.member.list.queryOptions({ projectId }));
  // Verification reads the whole chain, so it runs only when asked.
  const verify = useQuery({ ...trpc.audit.verify.queryOptions({ projectId }), enabled: false, staleTime: 0, retry: false });
  const emailOf = new Map((members.data ?? []).map((m) => [m.userId, m.email]));

  return (
    <Section
      id="audit"
      title="Audit trail"
      description="Every change to this project, in a hash chain: altering or removing an entry breaks it."
      actions={
        <Button variant="secondary" size="sm" onClick={() => verify.refetch()} pending={verify.isFetching}>
          Verify chain
        </Button>
      }
    >
      <div className="space-y-4">
        <div role="status" aria-live="polite">
          {verify.isError ? (
            <p className="text-sm text-red-700">Verification failed: {errorMessage(verify.error)}</p>
          ) : verify.data && !verify.isFetching ? (
            verify.data.ok ? (
              <p className="flex items-center gap-2 text-sm text-slate-700">
                <Badge tone="green">Chain intact</Badge>
                All {verify.data.entries} entries match their hashes.
              </p>
            ) : (
              <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                <Badge tone="red">Chain broken</Badge>
                {verify.data.firstBroken
                  ? `Entry #${verify.data.firstBroken.seq} does not match: ${verify.data.firstBroken.reason}.`
                  : "An entry does not match its hash."}
              </p>
            )
          ) : null}
        </div>
        {entries.isPending ? (
          <LoadingState label="Loading the audit trail…" />
        ) : entries.isError ? (
          <ErrorState error={entries.error} title="Could not load the audit trail" onRetry={() => entries.refetch()} />
        ) : entries.data.length === 0 ? (
          <EmptyState title="No audit entries yet" />
        ) : (
          <>
            <Table caption="Audit entries, newest first">
              <thead>
                <tr>
                  <Th>#</Th>
                  <Th>When</Th>
                  <Th>Action</Th>
                  <Th>Actor</Th>
                  <Th>Details</Th>
                  <Th>IP</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {entries.data.map((e) => (
                  <tr key={e.id}>
                    <Td className="font-mono text-xs text-slate-500">{e.seq}</Td>
                    <Td>
                      <Time value={e.createdAt} mode="datetime" />
                    </Td>
                    <Td>
                      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{e.action}</code>
                    </Td>
                    <Td>{e.actorId ? (emailOf.get(e.actorId) ?? <span className="font-mono text-xs">{e.actorId.slice(0, 8)}</span>) : "system"}</Td>
                    <Td className="max-w-sm truncate text-xs text-slate-500" title={describe(e.metadata)}>
                      {describe(e.metadata) || "—"}
                    </Td>
                    <Td className="font-mono text-xs text-slate-500">{e.ip ?? "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            {entries.data.length >= LIMIT ? <p className="text-xs text-slate-500">Showing the latest {LIMIT} entries.</p> : null}
          </>
        )}
      </div>
    </Section>
  );
}
