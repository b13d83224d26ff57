"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { API_KEY_SCOPES, roleAllows, type ApiKeyView, type ProjectRoleName } from "@llmguard/domain/schemas";
import { NewKeyPanel } from "~/components/api-keys/new-key-panel";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { FormError, TextField } from "~/components/ui/field";
import { EmptyState, ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { Table, Td, Th } from "~/components/ui/table";
import { Time } from "~/components/ui/time";
import { errorMessage, formErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

type Pending = { kind: "rotate" | "delete"; key: ApiKeyView } | null;

export function ApiKeysSection({ projectId, role }: { projectId: string; role: ProjectRoleName }) {
  const canRead = roleAllows(role, "apiKey.read");
  const canManage = roleAllows(role, "apiKey.manage");
  return (
    <Section id="api-keys" title="API keys" description="SDKs authenticate with a project API key. Only its prefix is stored in readable form.">
      {canRead ? (
        <ApiKeys projectId={projectId} canManage={canManage} />
      ) : (
        <Notice>Your role ({role}) cannot see this project&apos;s API keys. Ask an admin or the owner if you need one.</Notice>
      )}
    </Section>
  );
}

function ApiKeys({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKey.list.queryOptions({ projectId }));
  const [revealed, setRevealed] = useState<{ key: string; title: string } | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.apiKey.list.queryFilter({ projectId })),
      queryClient.invalidateQueries(trpc.project.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.list.pathFilter()),
    ]);

  const rotate = useMutation(
    trpc.apiKey.rotate.mutationOptions({
      onSuccess: async (data) => {
        setPending(null);
        setRevealed({ key: data.key, title: `Key “${data.name}” rotated: here is its new secret` });
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.apiKey.delete.mutationOptions({
      onSuccess: async () => {
        setPending(null);
        await refresh();
      },
    }),
  );

  function cancel() {
    setPending(null);
    rotate.reset();
    remove.reset();
  }

  return (
    <div className="space-y-5">
      {revealed ? <NewKeyPanel apiKey={revealed.key} title={revealed.title} onDismiss={() => setRevealed(null)} /> : null}

      {keys.isPending ? (
        <LoadingState label="Loading API keys…" />
      ) : keys.isError ? (
        <ErrorState error={keys.error} title="Could not load API keys" onRetry={() => keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <EmptyState title="No API keys">{canManage ? "Create a key below to send data from your application." : "An admin can create one."}</EmptyState>
      ) : (
        <Table caption="API keys">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Prefix</Th>
              <Th>Status</Th>
              <Th>Scopes</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>Expires</Th>
              {canManage ? (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.data.map((k) => (
              <tr key={k.id}>
                <Td className="font-medium text-slate-900">{k.name}</Td>
                <Td>
                  <code className="rounded bg-chip text-chip-fg px-1.5 py-0.5 font-mono text-xs">{k.prefix}…</code>
                </Td>
                <Td>{k.status === "active" ? <Badge tone="green">Active</Badge> : <Badge tone="red">Expired</Badge>}</Td>
                <Td>
                  <span className="flex flex-wrap gap-1">
                    {k.scopes.map((s) => (
                      <Badge key={s} tone="indigo">
                        {s}
                      </Badge>
                    ))}
                  </span>
                </Td>
                <Td>
                  <Time value={k.createdAt} />
                  {k.rotatedAt ? (
                    <span className="block text-xs text-muted">
                      rotated <Time value={k.rotatedAt} mode="relative" />
                    </span>
                  ) : null}
                </Td>
                <Td>
                  <Time value={k.lastUsedAt} mode="relative" />
                </Td>
                <Td>
                  <Time value={k.expiresAt} never="Never" />
                </Td>
                {canManage ? (
                  <Td className="text-right">
                    <span className="inline-flex gap-2">
                      <Button variant="secondary" size="sm" onClick={() => setPending({ kind: "rotate", key: k })}>
                        Rotate
                      </Button>
                      <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setPending({ kind: "delete", key: k })}>
                        Delete
                      </Button>
                    </span>
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      {canManage ? <CreateKeyForm projectId={projectId} onCreated={(key, name) => setRevealed({ key, title: `Key “${name}” created` })} refresh={refresh} /> : null}

      <ConfirmDialog
        open={pending?.kind === "rotate"}
        title={`Rotate key “${pending?.key.name ?? ""}”?`}
        confirmLabel="Rotate key"
        tone="primary"
        pending={rotate.isPending}
        error={rotate.isError ? errorMessage(rotate.error) : null}
        onCancel={cancel}
        onConfirm={() => pending && rotate.mutate({ projectId, keyId: pending.key.id })}
      >
        <p>A new secret is generated and the current one stops working immediately. Update every application that uses this key.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === "delete"}
        title={`Delete key “${pending?.key.name ?? ""}”?`}
        confirmLabel="Delete key"
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onCancel={cancel}
        onConfirm={() => pending && remove.mutate({ projectId, keyId: pending.key.id })}
      >
        <p>Requests that use this key fail from now on. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}

/** What each scope lets a key do, next to its checkbox. */
const SCOPE_DESCRIPTIONS: Record<(typeof API_KEY_SCOPES)[number], string> = {
  ingest: "Send request records (SDKs, POST /api/v1/requests).",
  "config:read": "Read this project's config and receive its changes (SDK enforcement).",
  "secrets:read": "Read secret values through the config API.",
  gateway: "Call the OpenAI-compatible gateway; its calls are logged without the ingest scope.",
};

function CreateKeyForm({ projectId, onCreated, refresh }: { projectId: string; onCreated: (key: string, name: string) => void; refresh: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const [name, setName] = useState("");
  const [expires, setExpires] = useState("");
  const [scopes, setScopes] = useState<string[]>(["ingest"]);
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: async (data) => {
        onCreated(data.key, data.name);
        setName("");
        setExpires("");
        await refresh();
      },
    }),
  );
  const [scopeError, setScopeError] = useState<string | null>(null);
  const errors = formErrors(create.error, ["name", "expiresAt", "scopes"]);
  const scopesMessage = scopeError ?? errors.fields.scopes;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (scopes.length === 0) {
      setScopeError("Choose at least one scope");
      return;
    }
    setScopeError(null);
    // The chosen day is the last day the key works: it expires at the end of that day, local time.
    const expiresAt = expires ? new Date(`${expires}T23:59:59`) : undefined;
    create.mutate({
      projectId,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(expiresAt ? { expiresAt } : {}),
      scopes: scopes as (typeof API_KEY_SCOPES)[number][],
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="rounded-lg border border-slate-200 bg-slate-50 p-4">
      <h3 className="text-sm font-semibold text-slate-900">Create a key</h3>
      <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_12rem_18rem_auto] lg:items-start">
        <TextField label="Key name" name="keyName" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} placeholder="default" hint="Optional" maxLength={100} />
        <TextField label="Expires on" name="expiresAt" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} error={errors.fields.expiresAt} hint="Optional; never expires if empty" />
        <fieldset aria-describedby={scopesMessage ? "scopes-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <div className="mt-2 space-y-1">
            {API_KEY_SCOPES.map((s) => (
              <div key={s} className="flex items-start gap-2 text-sm text-slate-700">
                <input
                  id={`scope-${s.replace(":", "-")}`}
                  type="checkbox"
                  className="mt-0.5 size-4 shrink-0 rounded border-slate-300 text-indigo-600"
                  checked={scopes.includes(s)}
                  onChange={(e) => setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))}
                  aria-describedby={`scope-${s.replace(":", "-")}-hint`}
                />
                <div>
                  <label htmlFor={`scope-${s.replace(":", "-")}`}>
                    <code className="font-mono text-xs">{s}</code>
                  </label>
                  <p id={`scope-${s.replace(":", "-")}-hint`} className="text-xs text-muted">
                    {SCOPE_DESCRIPTIONS[s]}
                  </p>
                </div>
              </div>
            ))}
          </div>
          {scopesMessage ? (
            <p id="scopes-error" className="mt-1 text-sm text-red-600">
              {scopesMessage}
            </p>
          ) : null}
        </fieldset>
        <div className="lg:pt-7">
          <Button type="submit" pending={create.isPending}>
            Create key
          </Button>
        </div>
      </div>
      <div className="mt-3">
        <FormError message={Object.keys(errors.fields).length ? null : errors.form} />
      </div>
    </form>
  );
}
