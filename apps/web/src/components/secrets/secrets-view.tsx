"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { ProjectSummary, RevealedSecret, SecretMetadata } from "@llmguard/domain/schemas";
import { canRevealSecrets, canWriteSecrets } from "~/components/config/config-permissions";
import { ProjectScope } from "~/components/logs/project-scope";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { FormStatus } from "~/components/ui/field";
import { GuardedButton } from "~/components/ui/guarded-button";
import { EmptyState, ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { DeleteSecretDialog } from "./delete-secret-dialog";
import { RotateSecretDialog } from "./rotate-secret-dialog";
import { SecretFormDialog } from "./secret-form-dialog";
import { SecretsTable, type SecretAction } from "./secrets-table";

export function SecretsView({ projectId }: { projectId: string }) {
  return (
    <ProjectScope projectId={projectId} page="secrets">
      {(project) => <SecretsWorkspace project={project} />}
    </ProjectScope>
  );
}

type Open = { action: SecretAction; secret: SecretMetadata } | { action: "create" } | null;

function SecretsWorkspace({ project }: { project: ProjectSummary }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const projectId = project.id;
  const secrets = useQuery(trpc.secret.list.queryOptions({ projectId }));
  const writeRule = canWriteSecrets(project.role);
  const revealRule = canRevealSecrets(project.role);
  const [open, setOpen] = useState<Open>(null);
  const [status, setStatus] = useState<string | null>(null);
  // Revealed values live in this component only: never in the query cache, gone on navigation.
  const [revealed, setRevealed] = useState<Record<string, RevealedSecret>>({});
  const hide = useCallback((name: string) => setRevealed(({ [name]: _gone, ...rest }) => rest), []);

  const reveal = useMutation(
    trpc.secret.reveal.mutationOptions({
      onSuccess: async (value) => {
        setRevealed((cur) => ({ ...cur, [value.name]: value }));
        setOpen(null);
        await queryClient.invalidateQueries(trpc.audit.list.pathFilter());
      },
    }),
  );
  const close = () => setOpen(null);
  const done = (message: string) => {
    setOpen(null);
    setStatus(message);
  };
  const target = open && open.action !== "create" ? open.secret : null;
  const overdue = secrets.data?.filter((s) => s.overdue) ?? [];

  return (
    <div className="space-y-4">
      {!writeRule.allowed ? <Notice>Your role ({project.role}) sees secret names and metadata only. Admins and owners create, rotate and reveal secrets.</Notice> : null}
      {overdue.length > 0 ? (
        <Notice tone="warning">
          {overdue.length === 1 ? `${overdue[0]!.name} is` : `${overdue.length} secrets are`} past the rotation due date. Rotate {overdue.length === 1 ? "it" : "them"} with a grace period so services keep working.
        </Notice>
      ) : null}
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
          <p className="text-sm text-slate-600">
            {secrets.data ? `${secrets.data.length} secret${secrets.data.length === 1 ? "" : "s"}` : "Secrets"} · encrypted with this project&apos;s own data key; values never appear in lists, logs or config reads.
          </p>
          <GuardedButton allowed={writeRule.allowed} reason={writeRule.reason} size="sm" onClick={() => setOpen({ action: "create" })}>
            New secret
          </GuardedButton>
        </div>
        <div className="space-y-3 px-5 py-1">
          <FormStatus message={status} />
          {secrets.isPending ? (
            <LoadingState label="Loading secrets…" />
          ) : secrets.isError ? (
            <div className="pb-4">
              <ErrorState error={secrets.error} title="Could not load secrets" onRetry={() => secrets.refetch()} />
            </div>
          ) : secrets.data.length === 0 ? (
            <div className="pb-5">
              <EmptyState title="No secrets yet">
                Create one, then use it in config as <code className="font-mono text-xs">{"{{ secret:NAME }}"}</code>: services with a <code className="font-mono text-xs">secrets:read</code> key get the value.
              </EmptyState>
            </div>
          ) : (
            <SecretsTable
              projectId={projectId}
              secrets={secrets.data}
              revealed={revealed}
              writeRule={writeRule}
              revealRule={revealRule}
              onHide={hide}
              onAction={(action, secret) => {
                setStatus(null);
                reveal.reset();
                setOpen({ action, secret });
              }}
            />
          )}
        </div>
      </div>

      <SecretFormDialog projectId={projectId} open={open?.action === "create" || open?.action === "update"} secret={open?.action === "update" ? open.secret : null} onClose={close} onSaved={done} />
      <RotateSecretDialog projectId={projectId} secret={open?.action === "rotate" ? open.secret : null} onClose={close} onRotated={done} />
      <DeleteSecretDialog projectId={projectId} secret={open?.action === "delete" ? open.secret : null} onClose={close} onDeleted={done} />
      <ConfirmDialog
        open={open?.action === "reveal"}
        title={`Reveal ${target?.name ?? ""}?`}
        confirmLabel="Reveal value"
        tone="primary"
        pending={reveal.isPending}
        error={reveal.isError ? errorMessage(reveal.error) : null}
        onCancel={() => {
          reveal.reset();
          close();
        }}
        onConfirm={() => target && reveal.mutate({ projectId, name: target.name })}
      >
        <p>The value is shown on this page until you hide it (at most two minutes).</p>
        <p className="font-medium text-slate-700">This reveal is recorded in the project&apos;s audit log with your name, the time and your IP address.</p>
      </ConfirmDialog>
    </div>
  );
}
