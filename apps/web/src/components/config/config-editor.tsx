"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { EnvironmentView, ProjectRoleName, SetConfigInput } from "@llmguard/domain/schemas";
import { FormStatus, TextField } from "~/components/ui/field";
import { GuardedButton } from "~/components/ui/guarded-button";
import { EmptyState, ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";
import { ApplyTemplateDialog } from "./apply-template-dialog";
import { ConfigEntriesTable, type EntryRow } from "./config-entries-table";
import { placeIssues } from "./config-issues";
import { canWriteEnvironment } from "./config-permissions";
import { KeyEditorDialog, type KeyEditTarget } from "./key-editor-dialog";
import { describeKeyType } from "./key-type-format";
import { SaveBar } from "./save-bar";

/** Staged changes of one environment: a value to set, or null to remove the environment's own value. */
export type Draft = Record<string, unknown>;

export function ConfigEditor({
  projectId,
  role,
  environment,
  environments,
  draft,
  setDraft,
}: {
  projectId: string;
  role: ProjectRoleName;
  environment: EnvironmentView;
  environments: EnvironmentView[];
  draft: Draft;
  setDraft: (next: Draft) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const env = environment.name;
  const effective = useQuery(trpc.config.getEffective.queryOptions({ projectId, environment: env }));
  const types = useQuery(trpc.config.listTypes.queryOptions({ projectId }));
  const secrets = useQuery(trpc.secret.list.queryOptions({ projectId }));
  const [editing, setEditing] = useState<KeyEditTarget | null>(null);
  const [templateOpen, setTemplateOpen] = useState(false);
  const [message, setMessage] = useState("");
  const [filter, setFilter] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const rule = canWriteEnvironment(role, environment);

  const typeMap = useMemo(() => new Map((types.data ?? []).map((t) => [t.key, describeKeyType(t)])), [types.data]);
  const secretNames = useMemo(() => (secrets.data ? new Set(secrets.data.map((s) => s.name)) : null), [secrets.data]);
  const missingSecrets = useMemo(() => {
    const missing = new Set<string>();
    if (!secretNames) return missing;
    for (const e of effective.data?.entries ?? []) for (const n of e.secretRefs) if (!secretNames.has(n)) missing.add(n);
    return missing;
  }, [effective.data, secretNames]);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.config.pathFilter()),
      queryClient.invalidateQueries(trpc.secret.list.queryFilter({ projectId })),
      queryClient.invalidateQueries(trpc.setting.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.list.pathFilter()),
    ]);

  const save = useMutation(
    trpc.config.set.mutationOptions({
      onSuccess: async (result) => {
        setDraft({});
        setMessage("");
        setStatus(result.created ? `Saved as version ${result.version}.` : "Nothing changed: the values match what is stored.");
        await refresh();
      },
    }),
  );

  const entryKeys = (effective.data?.entries ?? []).map((e) => e.key);
  const allKeys = [...new Set([...entryKeys, ...Object.keys(draft)])];
  const placed = placeIssues(save.error, env, allKeys);
  const storedIssues: Record<string, string[]> = {};
  for (const i of effective.data?.issues ?? []) (storedIssues[i.key] ??= []).push(i.message);

  const byKey = new Map((effective.data?.entries ?? []).map((e) => [e.key, e]));
  const needle = filter.trim().toLowerCase();
  const rows: EntryRow[] = allKeys
    .sort()
    .filter((k) => !needle || k.toLowerCase().includes(needle))
    .map((key) => ({
      key,
      entry: byKey.get(key),
      pending: key in draft ? (draft[key] === null ? null : { value: draft[key] }) : undefined,
      issues: [...(placed.byKey[key] ?? []), ...(storedIssues[key] ?? [])],
    }));

  const stage = (key: string, value: unknown) => {
    setStatus(null);
    save.reset();
    setDraft({ ...draft, [key]: value });
  };
  const unstage = (key: string) => {
    const next = { ...draft };
    delete next[key];
    save.reset();
    setDraft(next);
  };
  const changeCount = Object.keys(draft).length;

  return (
    <div className="space-y-4">
      {!rule.allowed ? <Notice>{rule.reason} You can read this environment and its history.</Notice> : null}
      <div className="flex flex-wrap items-end gap-3">
        <TextField label="Filter keys" name="filterKeys" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="llm." className="w-64" autoComplete="off" />
        <div className="ml-auto flex flex-wrap gap-2">
          <GuardedButton allowed={rule.allowed} reason={rule.reason} variant="secondary" onClick={() => setTemplateOpen(true)}>
            Apply template
          </GuardedButton>
          <GuardedButton allowed={rule.allowed} reason={rule.reason} onClick={() => setEditing({ kind: "add" })}>
            Add key
          </GuardedButton>
        </div>
      </div>

      {status ? <FormStatus message={status} /> : null}
      {changeCount > 0 ? (
        <SaveBar
          environment={env}
          count={changeCount}
          message={message}
          onMessage={setMessage}
          pending={save.isPending}
          problems={placed.form.length > 0 ? placed.form : Object.keys(placed.byKey).length > 0 ? ["Some values were refused: see the highlighted keys."] : []}
          onDiscard={() => {
            save.reset();
            setDraft({});
          }}
          onSave={() => save.mutate({ projectId, environment: env, values: draft as SetConfigInput["values"], ...(message.trim() ? { message: message.trim() } : {}) })}
        />
      ) : null}
      <div className="rounded-xl border border-slate-200 bg-white px-5 shadow-sm">
        {effective.isPending ? (
          <LoadingState label={`Loading ${env}…`} />
        ) : effective.isError ? (
          <div className="py-4">
            <ErrorState error={effective.error} title={`Could not load ${env}`} onRetry={() => effective.refetch()} />
          </div>
        ) : rows.length === 0 ? (
          <div className="py-5">
            {filter.trim() ? (
              <EmptyState title="No key matches the filter" />
            ) : (
              <EmptyState title={`No keys in ${env} yet`}>
                {env === "base" ? "Keys set here apply to every environment." : "It shows every key of base; nothing is set in base either."}
                {rule.allowed ? " Add a key or apply a starter template." : ""}
              </EmptyState>
            )}
          </div>
        ) : (
          <ConfigEntriesTable
            projectId={projectId}
            environment={env}
            rows={rows}
            rule={rule}
            missingSecrets={missingSecrets}
            typeOf={(k) => typeMap.get(k)}
            onEdit={(row) => {
              const current = row.pending ? row.pending.value : row.entry?.value;
              setEditing({ kind: "edit", key: row.key, value: current, override: env === "base" || row.entry?.source === "override" || !row.entry });
            }}
            onRemove={(row) => stage(row.key, null)}
            onUndo={(row) => unstage(row.key)}
          />
        )}
      </div>
      {effective.data ? (
        <p className="text-xs text-muted">
          Effective version {effective.data.version} (base v{effective.data.baseVersion}
          {env === "base" ? "" : `, ${env} v${effective.data.environmentVersion}`}). Secret references are shown as chips; their values are never loaded here.
        </p>
      ) : null}


      <KeyEditorDialog
        target={editing}
        environment={env}
        existingKeys={new Set(allKeys)}
        secretNames={secretNames}
        typeOf={(k) => typeMap.get(k)}
        onClose={() => setEditing(null)}
        onApply={(key, value) => {
          stage(key, value);
          setEditing(null);
        }}
      />
      <ApplyTemplateDialog
        open={templateOpen}
        projectId={projectId}
        role={role}
        environments={environments}
        initialEnvironment={env}
        existingSecrets={secretNames}
        onClose={() => setTemplateOpen(false)}
        onApplied={(text) => {
          setTemplateOpen(false);
          setStatus(text);
        }}
      />
    </div>
  );
}
