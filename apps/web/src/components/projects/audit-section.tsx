"use client";

import { useQuery } from "@tanstack/react-query";
import { AuditTable } from "~/components/audit/audit-table";
import { ButtonLink } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";

const LATEST = 5;

/** The latest audit entries; filtering, paging, chain verification and export live on the audit page. */
export function AuditSection({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const entries = useQuery(trpc.audit.list.queryOptions({ projectId, limit: LATEST }));
  const members = useQuery(trpc.member.list.queryOptions({ projectId }));
  const emailOf = new Map((members.data ?? []).map((m) => [m.userId, m.email]));

  return (
    <Section
      id="audit"
      title="Audit trail"
      description="Every change to this project, in a hash chain: altering or removing an entry breaks it."
      actions={
        <ButtonLink href={`/projects/${projectId}/audit`} variant="secondary" size="sm">
          Open the audit log
        </ButtonLink>
      }
    >
      {entries.isPending ? (
        <LoadingState label="Loading the audit trail…" />
      ) : entries.isError ? (
        <ErrorState error={entries.error} title="Could not load the audit trail" onRetry={() => entries.refetch()} />
      ) : entries.data.length === 0 ? (
        <EmptyState title="No audit entries yet" />
      ) : (
        <div className="space-y-3">
          <AuditTable entries={entries.data} emailOf={emailOf} />
          <p className="text-xs text-muted">The latest {LATEST} entries. The audit log filters by action and actor, verifies the chain and exports JSON Lines.</p>
        </div>
      )}
    </Section>
  );
}
