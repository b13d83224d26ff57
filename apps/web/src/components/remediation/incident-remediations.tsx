"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { ProjectSummary, Remediation } from "@llmguard/domain/schemas";
import { Section } from "~/components/ui/card";
import { GuardedButton } from "~/components/ui/guarded-button";
import { ErrorState, LoadingState } from "~/components/ui/states";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { RemediationCard } from "./remediation-card";
import { canRemediateIn, environmentOf, remediationsHref } from "./remediation-format";
import { RollbackDialog } from "./rollback-dialog";

/** How often the list is read again: a temporary fix expires by itself (a job), and others may act. */
const REFRESH_MS = 10_000;

/**
 * The incident's remediations, newest first, with "Apply a fix" (a custom action) and Roll back. Applying
 * and rolling back need the developer role, and admin for protected environments (base, production).
 */
export function IncidentRemediations({ project, incidentId, onApplyCustom, onStatus }: { project: ProjectSummary; incidentId: string; onApplyCustom: () => void; onStatus: (message: string) => void }) {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.remediation.listByIncident.queryOptions({ incidentId }), refetchInterval: REFRESH_MS });
  const environments = useQuery(trpc.config.listEnvironments.queryOptions({ projectId: project.id }));
  const [rollingBack, setRollingBack] = useState<Remediation | null>(null);
  const canApply = canRemediateIn(project.role, undefined);
  const items = list.data?.items ?? [];

  return (
    <Section
      id="remediations"
      title="Remediations"
      description={
        <>
          Fixes applied to this incident, newest first; each is a config version that every SDK enforces on the next call.{" "}
          <Link href={remediationsHref(project.id)} className="font-medium text-indigo-700 hover:underline">
            All of the project&apos;s remediations
          </Link>
        </>
      }
      actions={
        <GuardedButton allowed={canApply.allowed} reason={canApply.reason} variant="secondary" onClick={onApplyCustom}>
          Apply a fix
        </GuardedButton>
      }
    >
      {list.isPending ? (
        <LoadingState label="Loading remediations…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load the remediations" onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-600">None yet. Apply one of the analysis&apos;s recommended actions, or a fix of your own.</p>
      ) : (
        <>
          {list.isRefetchError ? (
            <p role="alert" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Could not refresh the remediations: {errorMessage(list.error)} Showing what was loaded before.
            </p>
          ) : null}
          <ol className="space-y-3" aria-label="Remediations of this incident">
            {items.map((r) => (
              <RemediationCard
                key={r.id}
                remediation={r}
                rollbackRule={canRemediateIn(project.role, environmentOf(environments.data, r.environment))}
                onRollback={setRollingBack}
              />
            ))}
          </ol>
        </>
      )}
      <RollbackDialog
        remediation={rollingBack}
        onClose={() => setRollingBack(null)}
        onDone={(message) => {
          setRollingBack(null);
          onStatus(message);
        }}
      />
    </Section>
  );
}
