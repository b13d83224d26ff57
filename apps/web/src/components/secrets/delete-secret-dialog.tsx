"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { SecretMetadata } from "@llmguard/domain/schemas";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { errorCode, errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

type Reference = { environment: string; key: string };

function referencesOf(err: unknown): Reference[] {
  const refs = (err as { data?: { details?: { references?: unknown } } } | null)?.data?.details?.references;
  return Array.isArray(refs) ? (refs as Reference[]) : [];
}

/** Deleting a secret; refused (CONFLICT) while config still references it, with the references listed. */
export function DeleteSecretDialog({ projectId, secret, onClose, onDeleted }: { projectId: string; secret: SecretMetadata | null; onClose: () => void; onDeleted: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.secret.delete.mutationOptions({
      onSuccess: async (_d, vars) => {
        await Promise.all([queryClient.invalidateQueries(trpc.secret.list.queryFilter({ projectId })), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
        onDeleted(`${vars.name} deleted.`);
      },
    }),
  );
  const conflict = errorCode(remove.error) === "CONFLICT" ? referencesOf(remove.error) : [];
  const known = secret?.references ?? [];
  return (
    <ConfirmDialog
      open={secret !== null}
      title={`Delete ${secret?.name ?? ""}?`}
      confirmLabel="Delete secret"
      pending={remove.isPending}
      error={remove.isError && conflict.length === 0 ? errorMessage(remove.error) : null}
      onCancel={() => {
        remove.reset();
        onClose();
      }}
      onConfirm={() => secret && remove.mutate({ projectId, name: secret.name })}
    >
      {conflict.length > 0 || known.length > 0 ? (
        <div role={conflict.length > 0 ? "alert" : undefined} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          <p className="font-medium">{conflict.length > 0 ? "It cannot be deleted: config still references it." : "Config references it, so the delete will be refused."}</p>
          <ul className="mt-1 space-y-0.5">
            {(conflict.length > 0 ? conflict : known).map((r) => (
              <li key={`${r.environment}:${r.key}`}>
                <Link href={`/projects/${projectId}/config?env=${encodeURIComponent(r.environment)}`} className="underline hover:text-amber-700">
                  {r.environment}
                </Link>{" "}
                · <code className="font-mono text-xs">{r.key}</code>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs">Remove those references first, then delete the secret.</p>
        </div>
      ) : (
        <p>Its value is destroyed. This cannot be undone.</p>
      )}
    </ConfirmDialog>
  );
}
