"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Remediation } from "@llmguard/domain/schemas";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { parametersSummary, remediationTypeLabel, rollbackConflicts } from "./remediation-format";
import { useInvalidateRemediations } from "./use-invalidate-remediations";

/**
 * Confirms a rollback. When someone changed the action's keys since (409 naming them), says which and
 * offers to roll back anyway (force: their change is overwritten).
 */
export function RollbackDialog({ remediation, onClose, onDone }: { remediation: Remediation | null; onClose: () => void; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRemediations();
  const rollback = useMutation(
    trpc.remediation.rollback.mutationOptions({
      onSuccess: async (r) => {
        await invalidate({ incidentId: r.incidentId, projectId: r.projectId });
        await queryClient.invalidateQueries(trpc.config.pathFilter());
        rollback.reset();
        onDone(`Rolled back: ${remediationTypeLabel(r.type)} in ${r.environment}${r.rollbackVersion ? ` (config version ${r.rollbackVersion})` : ""}.`);
      },
    }),
  );
  const conflicts = rollbackConflicts(rollback.error);
  const forcing = conflicts.length > 0;

  function close() {
    rollback.reset();
    onClose();
  }

  return (
    <ConfirmDialog
      open={remediation !== null}
      title={forcing ? "Keys changed since the fix" : "Roll back this fix?"}
      confirmLabel={forcing ? "Roll back anyway" : "Roll back"}
      pending={rollback.isPending}
      error={rollback.isError && !forcing ? errorMessage(rollback.error) : null}
      onCancel={close}
      onConfirm={() => {
        if (remediation) rollback.mutate({ remediationId: remediation.id, force: forcing });
      }}
    >
      {remediation ? (
        forcing ? (
          <>
            <p>Someone changed these keys of {remediation.environment} after the fix was applied:</p>
            <ul className="flex flex-wrap gap-1" data-testid="rollback-conflicts">
              {conflicts.map((k) => (
                <li key={k}>
                  <code className="rounded bg-amber-50 px-1.5 py-0.5 font-mono text-xs text-amber-900 ring-1 ring-amber-600/20">{k}</code>
                </li>
              ))}
            </ul>
            <p>Rolling back anyway restores their values from before the fix and overwrites those later changes.</p>
          </>
        ) : (
          <>
            <p>
              <span className="font-medium text-slate-800">{remediationTypeLabel(remediation.type)}</span> ({parametersSummary(remediation.type, remediation.parameters)}) in{" "}
              {remediation.environment}.
            </p>
            <p>A new config version restores exactly the keys the fix changed; every SDK and server instance stops enforcing it on the next call.</p>
          </>
        )
      ) : null}
    </ConfirmDialog>
  );
}
