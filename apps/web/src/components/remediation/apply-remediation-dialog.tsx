"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApplyRemediationInputSchema, type ProjectRoleName, type RecommendedAction, type Remediation } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { FormError, SelectField, TextareaField, TextField } from "~/components/ui/field";
import { ModalForm } from "~/components/ui/modal";
import { formErrors, zodFieldErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import {
  canRemediateIn,
  defaultEnvironment,
  emptyForm,
  environmentOf,
  formFieldPaths,
  formFromParameters,
  isRemediationType,
  PARAMETER_FIELDS,
  parametersSummary,
  REMEDIATION_TYPES,
  remediationTypeLabel,
  switchType,
  toApplyInput,
  type RemediationForm,
} from "./remediation-format";
import { useInvalidateRemediations } from "./use-invalidate-remediations";

/** What the dialog applies: one of the analysis's recommended actions, or an action of the user's own. */
export type ApplyRequest = { source: "recommended"; action: RecommendedAction } | { source: "manual" };

/**
 * Applies an action to an incident (issue 10): a recommended one pre-filled (every value editable), or
 * any type with its own fields. Where (environment), for how long and why (a note on the timeline).
 * Mount it with a new `key` per opening so every opening starts from the request's values.
 */
export function ApplyRemediationDialog({
  projectId,
  incidentId,
  role,
  request,
  onClose,
  onDone,
}: {
  projectId: string;
  incidentId: string;
  role: ProjectRoleName;
  request: ApplyRequest | null;
  onClose: () => void;
  onDone: (remediation: Remediation, message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRemediations();
  const environments = useQuery({ ...trpc.config.listEnvironments.queryOptions({ projectId }), enabled: request !== null });
  const envs = environments.data ?? [];
  const recommended = request?.source === "recommended" && isRemediationType(request.action.type) ? request.action : null;
  const [form, setForm] = useState<RemediationForm>(() =>
    recommended ? formFromParameters(recommended.type, recommended.parameters) : emptyForm("disable_endpoint"),
  );
  // Until the environments are known the form says production; then it moves to one this role may write.
  const [envTouched, setEnvTouched] = useState(false);
  const environment = envTouched || envs.length === 0 ? form.environment : defaultEnvironment(role, envs);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  const apply = useMutation(
    trpc.remediation.create.mutationOptions({
      onSuccess: async (remediation) => {
        await invalidate({ incidentId, projectId });
        // The config changed: the editor and history of that environment show it.
        await queryClient.invalidateQueries(trpc.config.pathFilter());
        const where = remediation.environment;
        onDone(
          remediation,
          `Applied: ${remediationTypeLabel(remediation.type)} (${parametersSummary(remediation.type, remediation.parameters)}) in ${where}${remediation.configVersion ? `, config version ${remediation.configVersion}` : ""}.`,
        );
      },
    }),
  );
  const server = formErrors(apply.error, formFieldPaths(form.type));
  const fieldError = (path: string) => clientErrors[path] ?? server.fields[path];
  const fields = PARAMETER_FIELDS[form.type];
  const envRule = canRemediateIn(role, environmentOf(envs, form.type === "reset_settings" ? "base" : environment));

  function close() {
    apply.reset();
    setClientErrors({});
    onClose();
  }

  function setValue(name: string, value: string) {
    setForm((f) => ({ ...f, values: { ...f.values, [name]: value } }));
  }

  return (
    <ModalForm
      open={request !== null}
      size="lg"
      title={recommended ? `Apply: ${remediationTypeLabel(recommended.type)}` : "Apply a fix"}
      description={
        recommended ? (
          <>
            <span className="font-medium text-slate-800">Recommended by the analysis:</span> {recommended.reason}
          </>
        ) : (
          "Change what the guard enforces for this project. The change is a new config version: every SDK and server instance enforces it on the next call, and rolling it back restores exactly the keys it changed."
        )
      }
      busy={apply.isPending}
      onClose={close}
      testId="apply-remediation-dialog"
      onSubmit={() => {
        const built = toApplyInput({ ...form, environment }, incidentId, recommended ? "recommended" : "manual");
        if (!built.ok) {
          setClientErrors(built.errors);
          return;
        }
        const parsed = ApplyRemediationInputSchema.safeParse(built.input);
        if (!parsed.success) {
          setClientErrors(zodFieldErrors(parsed.error.issues));
          return;
        }
        setClientErrors({});
        apply.mutate(built.input);
      }}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={apply.isPending}>
            Cancel
          </Button>
          <Button type="submit" pending={apply.isPending} disabled={!envRule.allowed}>
            Apply fix
          </Button>
        </>
      }
    >
      {recommended ? null : (
        <SelectField
          label="Action"
          name="remediationType"
          value={form.type}
          onChange={(e) => {
            const t = e.target.value;
            if (!isRemediationType(t)) return;
            setClientErrors({});
            apply.reset();
            setForm((f) => switchType(f, t));
          }}
        >
          {REMEDIATION_TYPES.map((t) => (
            <option key={t} value={t}>
              {remediationTypeLabel(t)}
            </option>
          ))}
        </SelectField>
      )}

      {fields.length === 0 ? (
        <p className="text-sm text-slate-600">Puts the project settings (the settings page&apos;s keys) back to their defaults. Settings live in base, so this changes base.</p>
      ) : (
        <div className="space-y-4" data-testid="remediation-parameters">
          {fields.map((f) =>
            f.kind === "textarea" ? (
              <TextareaField
                key={`${form.type}-${f.name}`}
                label={f.label}
                name={f.name}
                rows={5}
                value={form.values[f.name] ?? ""}
                onChange={(e) => setValue(f.name, e.target.value)}
                hint={f.hint}
                error={fieldError(`parameters.${f.name}`)}
              />
            ) : (
              <TextField
                key={`${form.type}-${f.name}`}
                label={f.label}
                name={f.name}
                value={form.values[f.name] ?? ""}
                onChange={(e) => setValue(f.name, e.target.value)}
                placeholder={f.placeholder}
                inputMode={f.kind === "int" ? "numeric" : undefined}
                autoComplete="off"
                required={f.required}
                aria-required={f.required || undefined}
                hint={f.hint}
                error={fieldError(`parameters.${f.name}`)}
              />
            ),
          )}
        </div>
      )}

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {form.type === "reset_settings" ? (
          <SelectField label="Environment" name="environment" value="base" disabled hint="Settings live in base." error={fieldError("environment") ?? (envRule.allowed ? undefined : envRule.reason)}>
            <option value="base">base</option>
          </SelectField>
        ) : (
          <SelectField
            label="Environment"
            name="environment"
            value={environment}
            onChange={(e) => {
              setEnvTouched(true);
              setForm((f) => ({ ...f, environment: e.target.value }));
            }}
            hint={environments.isError ? "Could not load the environments; production is used." : "Where the rule is written; the SDK enforces the rules of the environment it reads."}
            error={fieldError("environment") ?? (envRule.allowed || envs.length === 0 ? undefined : envRule.reason)}
          >
            {envs.length === 0 ? <option value={environment}>{environment}</option> : null}
            {envs
              .filter((e) => e.name !== "base")
              .map((e) => {
                const rule = canRemediateIn(role, e);
                return (
                  <option key={e.name} value={e.name} disabled={!rule.allowed}>
                    {e.name}
                    {e.protected ? " (protected)" : ""}
                    {rule.allowed ? "" : " — admin only"}
                  </option>
                );
              })}
          </SelectField>
        )}
        <TextField
          label="Duration in minutes (optional)"
          name="durationMinutes"
          inputMode="numeric"
          autoComplete="off"
          value={form.durationMinutes}
          onChange={(e) => setForm((f) => ({ ...f, durationMinutes: e.target.value }))}
          placeholder="60"
          hint="Rolled back automatically when it ends. Empty: until someone rolls it back."
          error={fieldError("durationMinutes")}
        />
      </div>
      <TextareaField
        label="Note (optional)"
        name="note"
        rows={2}
        value={form.note}
        onChange={(e) => setForm((f) => ({ ...f, note: e.target.value }))}
        hint="Shown on the incident's timeline with your name."
        error={fieldError("note")}
      />
      <FormError message={Object.keys(clientErrors).length > 0 || Object.keys(server.fields).length > 0 ? null : server.form} />
    </ModalForm>
  );
}
