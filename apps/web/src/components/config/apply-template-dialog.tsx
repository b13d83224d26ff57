"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ConfigTemplate, EnvironmentView, ProjectRoleName, SetConfigInput } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { Modal } from "~/components/ui/modal";
import { ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { placeIssues } from "./config-issues";
import { canWriteEnvironment, canWriteSecrets } from "./config-permissions";
import { ValuePreview } from "./value-preview";

/**
 * A starter template (OpenAI, Anthropic, ...): asks for the secrets it needs that do not exist yet,
 * creates them, then sets the template's keys in the chosen environment as one version.
 */
export function ApplyTemplateDialog({
  open,
  projectId,
  role,
  environments,
  initialEnvironment,
  existingSecrets,
  onClose,
  onApplied,
}: {
  open: boolean;
  projectId: string;
  role: ProjectRoleName;
  environments: EnvironmentView[];
  initialEnvironment: string;
  existingSecrets: ReadonlySet<string> | null;
  onClose: () => void;
  onApplied: (status: string) => void;
}) {
  const trpc = useTRPC();
  const templates = useQuery({ ...trpc.config.listTemplates.queryOptions(), enabled: open, staleTime: Infinity });
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      size="xl"
      title="Apply a starter template"
      description="Sets the keys a provider typically needs, with secrets as references. Keys with the same names are replaced; the change is one version you can restore."
      busy={busy}
      onClose={onClose}
    >
      {templates.isPending ? (
        <LoadingState label="Loading templates…" />
      ) : templates.isError ? (
        <ErrorState error={templates.error} title="Could not load the templates" onRetry={() => templates.refetch()} />
      ) : (
        <TemplateForm
          projectId={projectId}
          role={role}
          templates={templates.data}
          environments={environments}
          initialEnvironment={initialEnvironment}
          existingSecrets={existingSecrets}
          onBusy={setBusy}
          onClose={onClose}
          onApplied={onApplied}
        />
      )}
    </Modal>
  );
}

function TemplateForm({
  projectId,
  role,
  templates,
  environments,
  initialEnvironment,
  existingSecrets,
  onBusy,
  onClose,
  onApplied,
}: {
  projectId: string;
  role: ProjectRoleName;
  templates: ConfigTemplate[];
  environments: EnvironmentView[];
  initialEnvironment: string;
  existingSecrets: ReadonlySet<string> | null;
  onBusy: (busy: boolean) => void;
  onClose: () => void;
  onApplied: (status: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? "");
  const [environment, setEnvironment] = useState(initialEnvironment);
  const [secretValues, setSecretValues] = useState<Record<string, string>>({});
  const [missingValue, setMissingValue] = useState<string | null>(null);
  const template = templates.find((t) => t.id === templateId);
  const env = environments.find((e) => e.name === environment);
  const envRule = env ? canWriteEnvironment(role, env) : { allowed: false, reason: "Choose an environment" };
  const secretRule = canWriteSecrets(role);
  const missing = (template?.secrets ?? []).filter((s) => !existingSecrets?.has(s.name));

  const apply = useMutation({
    mutationFn: async (t: ConfigTemplate) => {
      // One at a time: each is its own audited change; a failure stops before the config refers to it.
      for (const s of missing) await createSecret(s.name);
      return setConfig(t);
    },
    onMutate: () => onBusy(true),
    onSettled: async () => {
      onBusy(false);
      await Promise.all([
        queryClient.invalidateQueries(trpc.config.pathFilter()),
        queryClient.invalidateQueries(trpc.secret.list.queryFilter({ projectId })),
        queryClient.invalidateQueries(trpc.audit.list.pathFilter()),
      ]);
    },
    onSuccess: (result, t) => {
      onApplied(
        result.created
          ? `Applied the ${t.name} template to ${environment} as version ${result.version}${missing.length ? ` and created ${missing.map((m) => m.name).join(", ")}` : ""}.`
          : `The ${t.name} template was already applied to ${environment}: nothing changed.`,
      );
    },
  });
  const setSecretMutation = useMutation(trpc.secret.set.mutationOptions());
  const setConfigMutation = useMutation(trpc.config.set.mutationOptions());
  const createSecret = (name: string) => setSecretMutation.mutateAsync({ projectId, name, value: secretValues[name] ?? "" });
  const setConfig = (t: ConfigTemplate) =>
    setConfigMutation.mutateAsync({ projectId, environment, values: t.values as SetConfigInput["values"], message: `Applied the ${t.name} template` });

  const problems = apply.error ? placeIssues(apply.error, environment, Object.keys(template?.values ?? {})) : null;
  const problemLines = problems ? [...problems.form, ...Object.entries(problems.byKey).flatMap(([k, ms]) => ms.map((m) => `${k}: ${m}`))] : [];
  // Until the secret list is known, every secret would look missing, and creating one replaces its value.
  const blocked = existingSecrets === null || !envRule.allowed || (missing.length > 0 && !secretRule.allowed);

  function submit() {
    if (!template || blocked) return;
    const empty = missing.find((s) => !(secretValues[s.name] ?? "").length);
    if (empty) {
      setMissingValue(empty.name);
      return;
    }
    setMissingValue(null);
    apply.mutate(template);
  }

  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Template</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3 lg:grid-cols-5">
          {templates.map((t) => (
            <label
              key={t.id}
              className={cn(
                "cursor-pointer rounded-lg border px-3 py-2 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-600",
                t.id === templateId ? "border-indigo-500 bg-indigo-50" : "border-slate-200 hover:border-slate-300",
              )}
            >
              <input type="radio" name="template" value={t.id} checked={t.id === templateId} onChange={() => setTemplateId(t.id)} className="sr-only" />
              <span className="block font-semibold text-slate-900">{t.name}</span>
              <span className="block text-xs text-muted">{t.description}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {template ? (
        <div className="grid gap-5 lg:grid-cols-[1fr_18rem]">
          <div>
            <h3 className="text-sm font-medium text-slate-800">Keys it sets</h3>
            <dl className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200">
              {Object.entries(template.values).map(([k, v]) => (
                <div key={k} className="grid grid-cols-[12rem_1fr] gap-3 px-3 py-1.5">
                  <dt className="truncate font-mono text-xs text-slate-700" title={k}>
                    {k}
                  </dt>
                  <dd className="min-w-0">
                    <ValuePreview value={v} />
                  </dd>
                </div>
              ))}
            </dl>
          </div>
          <div className="space-y-4">
            <SelectField label="Environment" name="templateEnvironment" value={environment} onChange={(e) => setEnvironment(e.target.value)} error={envRule.allowed ? null : envRule.reason}>
              {environments.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.name}
                  {e.protected ? " (protected)" : ""}
                </option>
              ))}
            </SelectField>
            <div>
              <h3 className="text-sm font-medium text-slate-800">Secrets it references</h3>
              <div className="mt-2 space-y-3">
                {template.secrets.map((s) =>
                  existingSecrets?.has(s.name) ? (
                    <p key={s.name} className="text-sm text-slate-600">
                      <code className="font-mono text-xs">{s.name}</code> exists: kept as it is.
                    </p>
                  ) : (
                    <TextField
                      key={s.name}
                      label={s.name}
                      name={`secret-${s.name}`}
                      type="password"
                      autoComplete="new-password"
                      value={secretValues[s.name] ?? ""}
                      onChange={(e) => setSecretValues((cur) => ({ ...cur, [s.name]: e.target.value }))}
                      hint={`${s.description}. Stored encrypted; never shown in config.`}
                      error={missingValue === s.name ? "Enter the value; the config cannot resolve without it" : null}
                      disabled={!secretRule.allowed}
                    />
                  ),
                )}
              </div>
              {missing.length > 0 && !secretRule.allowed ? (
                <div className="mt-3">
                  <Notice tone="warning">{secretRule.reason} Ask an admin to create {missing.map((m) => m.name).join(", ")} first.</Notice>
                </div>
              ) : null}
            </div>
          </div>
        </div>
      ) : null}

      {existingSecrets === null ? <Notice tone="warning">The project&apos;s secrets could not be listed yet, so the template cannot tell which ones exist. Reload the page and try again.</Notice> : null}
      {problemLines.length > 0 ? (
        <FormError message={problemLines.join(" · ")} />
      ) : apply.error ? (
        <FormError message={errorMessage(apply.error)} />
      ) : null}

      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={apply.isPending}>
          Cancel
        </Button>
        <Button type="submit" pending={apply.isPending} disabled={blocked || !template}>
          {missing.length > 0 ? `Create ${missing.length} secret${missing.length === 1 ? "" : "s"} and apply` : "Apply template"}
        </Button>
      </div>
    </form>
  );
}
