"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { KeyTypeView, ProjectRoleName } from "@llmguard/domain/schemas";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { GuardedButton } from "~/components/ui/guarded-button";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { canManageTypes } from "./config-permissions";
import { DeclareTypeDialog } from "./declare-type-dialog";
import { describeKeyType } from "./key-type-format";

/** The keys whose values are type-checked: LLMGuard's settings keys, then the project's own. */
export function KeyTypesPanel({ projectId, role }: { projectId: string; role: ProjectRoleName }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const types = useQuery(trpc.config.listTypes.queryOptions({ projectId }));
  const [declaring, setDeclaring] = useState(false);
  const [removing, setRemoving] = useState<KeyTypeView | null>(null);
  const rule = canManageTypes(role);
  const remove = useMutation(
    trpc.config.deleteType.mutationOptions({
      onSuccess: async () => {
        setRemoving(null);
        await Promise.all([queryClient.invalidateQueries(trpc.config.listTypes.queryFilter({ projectId })), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
      },
    }),
  );

  return (
    <Section
      id="key-types"
      title="Key types"
      description="Values of a typed key are checked in every environment."
      actions={
        <GuardedButton allowed={rule.allowed} reason={rule.reason} variant="secondary" size="sm" onClick={() => setDeclaring(true)}>
          Declare a type
        </GuardedButton>
      }
    >
      {types.isPending ? (
        <LoadingState label="Loading key types…" />
      ) : types.isError ? (
        <ErrorState error={types.error} title="Could not load key types" onRetry={() => types.refetch()} />
      ) : types.data.length === 0 ? (
        <EmptyState title="No key types" />
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Key types">
          {types.data.map((t) => (
            <li key={t.key} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
              <code className="font-mono text-xs font-semibold text-slate-900">{t.key}</code>
              {t.builtin ? <Badge tone="gray">built-in</Badge> : <Badge tone="blue">declared</Badge>}
              <span className="text-slate-600">{describeKeyType(t)}</span>
              {!t.builtin && t.description ? <span className="text-xs text-muted">· {t.description}</span> : null}
              {!t.builtin && rule.allowed ? (
                <Button variant="ghost" size="sm" className="ml-auto text-red-700 hover:bg-red-50" onClick={() => setRemoving(t)} aria-label={`Remove the type of ${t.key}`}>
                  Remove
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <DeclareTypeDialog projectId={projectId} open={declaring} onClose={() => setDeclaring(false)} />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove the type of ${removing?.key ?? ""}?`}
        confirmLabel="Remove type"
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => removing && remove.mutate({ projectId, key: removing.key })}
      >
        <p>Values of this key are no longer checked. Stored values stay as they are.</p>
      </ConfirmDialog>
    </Section>
  );
}
