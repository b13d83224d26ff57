"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { DEFAULT_SETTINGS, type EnvironmentView, type IncidentSeverity, type IncidentTrigger } from "@llmguard/domain/schemas";
import { Badge } from "~/components/ui/badge";
import { Section } from "~/components/ui/card";
import { FormError, FormStatus, SelectField, TextField } from "~/components/ui/field";
import { GuardedButton } from "~/components/ui/guarded-button";
import { Notice } from "~/components/ui/states";
import { useTRPC, useTRPCClient } from "~/trpc/react";
import {
  AUTOMATION_KEYS,
  AUTOMATION_SEVERITY_LABELS,
  AUTOMATION_SEVERITY_OPTIONS,
  AUTOMATION_TRIGGER_LABELS,
  AUTOMATION_TRIGGERS,
  automationChangeMessage,
  automationForm,
  automationSavedMessage,
  automationServerErrors,
  automationWarnings,
  NUMBER_RANGES,
  PRODUCTION_ENVIRONMENTS,
  sortTriggers,
  toAutomationValues,
  UNMEASURED_TRIGGERS,
  type AutomationField,
  type AutomationForm,
  type AutomationSettings as StoredAutomationSettings,
  type AutomationValues,
} from "./automation-settings-format";
import type { IncidentSettingsRules } from "./incident-settings-format";

const fmt = (n: number) => n.toLocaleString("en");

/**
 * Remediation automation and the regression watch (issue 10): typed keys of the base config
 * (`remediation.automation.*`, `remediation.verify*`), saved in one config version. Admins and the owner
 * change them; everyone else sees the values in force, read-only, with the reason.
 */
export function AutomationSettings({
  projectId,
  rules,
  stored,
  environments,
}: {
  projectId: string;
  rules: IncidentSettingsRules;
  stored: StoredAutomationSettings;
  environments: EnvironmentView[];
}) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useId();
  const [form, setForm] = useState<AutomationForm>(() => automationForm(stored));
  // A new stored value (saved here or elsewhere) becomes the form's value: it shows what is in force.
  const storedKey = JSON.stringify(stored);
  const [seen, setSeen] = useState(storedKey);
  if (seen !== storedKey) {
    setSeen(storedKey);
    setForm(automationForm(stored));
  }
  const [clientErrors, setClientErrors] = useState<Partial<Record<AutomationField, string>>>({});
  const [status, setStatus] = useState<string | null>(null);
  const canEdit = rules.config.allowed;

  const save = useMutation({
    mutationFn: async (change: { values: AutomationValues; message: string; saved: string }) => {
      await client.config.set.mutate({ projectId, environment: "base", values: change.values, message: change.message });
      return change;
    },
    onSuccess: async (change) => {
      setStatus(change.saved);
      await Promise.all([queryClient.invalidateQueries(trpc.config.pathFilter()), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
    },
  });
  const server = automationServerErrors(save.error);
  const errorOf = (field: AutomationField) => clientErrors[field] ?? server.fields[field] ?? null;

  // An edited field's own error goes away with the edit; the others stay until the next save.
  const clearError = (field: AutomationField) => setClientErrors((errors) => (errors[field] ? { ...errors, [field]: undefined } : errors));
  const set = <K extends AutomationField>(key: K, value: AutomationForm[K]) => {
    clearError(key);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const toggleTrigger = (t: IncidentTrigger, on: boolean) => {
    clearError("triggers");
    setForm((f) => ({ ...f, triggers: sortTriggers(on ? [...f.triggers, t] : f.triggers.filter((x) => x !== t)) }));
  };

  function submit() {
    setStatus(null);
    save.reset();
    const built = toAutomationValues(form, stored);
    if (!built.ok) {
      setClientErrors(built.errors);
      return;
    }
    setClientErrors({});
    if (built.changed.length === 0) {
      setStatus("Nothing changed.");
      return;
    }
    save.mutate({ values: built.values, message: automationChangeMessage(built.changed, form), saved: automationSavedMessage(built.changed, form) });
  }

  const envNames = environments.map((e) => e.name);
  const warnings = automationWarnings(form, envNames);
  const production = PRODUCTION_ENVIRONMENTS.includes(form.environment);
  const range = (field: keyof typeof NUMBER_RANGES, unit: string) => `${fmt(NUMBER_RANGES[field].min)}–${fmt(NUMBER_RANGES[field].max)} ${unit}`;

  return (
    <Section
      id="automation"
      title="Automation"
      description="What LLMGuard does about an incident by itself, and how every fix — yours or its own — is checked afterwards."
      actions={
        <span data-testid="automation-state">
          {stored.enabled ? <Badge tone="indigo">Automation on</Badge> : <Badge tone="gray">Automation off</Badge>}
        </span>
      }
    >
      <form
        noValidate
        aria-label="Automation settings"
        className="space-y-6"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {!canEdit ? (
          <p className="text-sm text-slate-600" data-testid="automation-read-only">
            Read-only: {rules.config.reason}
          </p>
        ) : null}

        <fieldset disabled={!canEdit} className="space-y-6">
          <legend className="sr-only">Automatic remediation</legend>
          <div className="space-y-4">
            <Checkbox
              label="Apply fixes automatically"
              checked={form.enabled}
              onChange={(v) => set("enabled", v)}
              hint="When an incident's root-cause analysis is ready, LLMGuard applies the analysis's first recommended action by itself, within the limits below."
            />

            <fieldset aria-describedby={`${ids}-triggers-hint${errorOf("triggers") ? ` ${ids}-triggers-error` : ""}`} className="space-y-2">
              <legend className="text-sm font-medium text-slate-800">Incident triggers</legend>
              <p id={`${ids}-triggers-hint`} className="text-xs text-muted">
                Automation acts only on incidents opened by these. Anomaly, Datadog and manual incidents have no metric the watch measures.
              </p>
              <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
                {AUTOMATION_TRIGGERS.map((t) => (
                  <label
                    key={t}
                    className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 has-checked:border-indigo-600 has-checked:bg-indigo-50 has-disabled:cursor-not-allowed has-disabled:text-slate-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
                  >
                    <input type="checkbox" checked={form.triggers.includes(t)} onChange={(e) => toggleTrigger(t, e.target.checked)} className="size-4 accent-indigo-600 focus:outline-none" />
                    <span>{AUTOMATION_TRIGGER_LABELS[t]}</span>
                    {UNMEASURED_TRIGGERS.includes(t) ? <span className="ml-auto text-xs text-muted">not measured</span> : null}
                  </label>
                ))}
              </div>
              {errorOf("triggers") ? (
                <p id={`${ids}-triggers-error`} className="text-sm text-red-600">
                  {errorOf("triggers")}
                </p>
              ) : null}
            </fieldset>

            <div className="grid gap-4 md:grid-cols-3">
              <SelectField
                label="Minimum severity"
                name="automationMinSeverity"
                value={form.minSeverity}
                onChange={(e) => set("minSeverity", e.target.value as IncidentSeverity)}
                error={errorOf("minSeverity")}
                hint={`Less severe incidents are left to people. Default: ${AUTOMATION_SEVERITY_LABELS[DEFAULT_SETTINGS[AUTOMATION_KEYS.minSeverity]].toLowerCase()}.`}
              >
                {AUTOMATION_SEVERITY_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </SelectField>
              <TextField
                label="Max automatic actions per hour"
                name="automationMaxPerHour"
                type="number"
                inputMode="numeric"
                min={NUMBER_RANGES.maxPerHour.min}
                max={NUMBER_RANGES.maxPerHour.max}
                step={1}
                value={form.maxPerHour}
                onChange={(e) => set("maxPerHour", e.target.value)}
                error={errorOf("maxPerHour")}
                hint={`${range("maxPerHour", "actions")} over a rolling hour, for the whole project; past it, incidents get a timeline note instead.`}
              />
              <SelectField
                label="Environment"
                name="automationEnvironment"
                value={form.environment}
                onChange={(e) => set("environment", e.target.value)}
                error={errorOf("environment")}
                hint="Where automatic actions write their config: the environment your SDKs read."
              >
                {envNames.includes(form.environment) ? null : <option value={form.environment}>{form.environment} (does not exist)</option>}
                {environments.map((e) => (
                  <option key={e.name} value={e.name}>
                    {e.name}
                    {e.protected ? " (protected)" : ""}
                  </option>
                ))}
              </SelectField>
            </div>

            <div className="space-y-2">
              <Checkbox
                label="Allow automatic changes to production and base"
                checked={form.allowProduction}
                onChange={(v) => set("allowProduction", v)}
                error={errorOf("allowProduction")}
                hint="Off: automation never writes production or base, even when that is the environment chosen above."
              />
              {form.allowProduction ? (
                <Notice tone="warning">
                  <span className="font-semibold">Automatic actions may change the config your live traffic uses, without anyone approving them.</span> Each one is versioned, audited and watched, and
                  rolled back automatically if it makes the incident&apos;s metric worse{production ? "" : ` (the environment chosen now is ${form.environment})`}.
                </Notice>
              ) : null}
            </div>
          </div>

          <div className="space-y-3 border-t border-slate-200 pt-5">
            <div>
              <h3 className="text-sm font-semibold text-slate-900">Regression watch</h3>
              <p className="text-sm text-slate-600">
                Every action, manual or automatic, is watched: its incident&apos;s metric over the time below is compared with the same time before the action, and the action is rolled back
                automatically if the metric got worse by more than the margin.
              </p>
            </div>
            <div className="grid gap-4 md:grid-cols-3">
              <TextField
                label="Watch for (minutes)"
                name="verifyMinutes"
                type="number"
                inputMode="numeric"
                min={NUMBER_RANGES.verifyMinutes.min}
                max={NUMBER_RANGES.verifyMinutes.max}
                step={1}
                value={form.verifyMinutes}
                onChange={(e) => set("verifyMinutes", e.target.value)}
                error={errorOf("verifyMinutes")}
                hint={`${range("verifyMinutes", "minutes")}. Default ${DEFAULT_SETTINGS[AUTOMATION_KEYS.verifyMinutes]}.`}
              />
              <TextField
                label="Rollback margin (%)"
                name="verifyMarginPct"
                type="number"
                inputMode="decimal"
                min={NUMBER_RANGES.verifyMarginPct.min}
                max={NUMBER_RANGES.verifyMarginPct.max}
                step="any"
                value={form.verifyMarginPct}
                onChange={(e) => set("verifyMarginPct", e.target.value)}
                error={errorOf("verifyMarginPct")}
                hint={`${range("verifyMarginPct", "%")}. How much worse than before the metric must get to roll back. Default ${DEFAULT_SETTINGS[AUTOMATION_KEYS.verifyMarginPct]}%.`}
              />
            </div>
          </div>
        </fieldset>

        {warnings.length > 0 ? (
          <div className="space-y-2" data-testid="automation-warnings">
            {warnings.map((w) => (
              <Notice key={w} tone="warning">
                {w}
              </Notice>
            ))}
          </div>
        ) : null}
        <FormError message={server.form} />
        <div className="flex flex-wrap items-center gap-3">
          <GuardedButton type="submit" allowed={canEdit} reason={rules.config.reason} pending={save.isPending}>
            Save automation settings
          </GuardedButton>
          <span className="text-xs text-slate-600">
            Saved as <code className="font-mono">remediation.*</code> keys of the base config.
          </span>
        </div>
        <FormStatus message={status} />
      </form>
    </Section>
  );
}

function Checkbox({ label, checked, onChange, hint, error }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint: ReactNode; error?: string | null }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
          className="mt-0.5 size-4 shrink-0 accent-indigo-600"
        />
        <div>
          <label htmlFor={id} className="block text-sm font-medium text-slate-900">
            {label}
          </label>
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {hint}
          </p>
          {error ? (
            <p id={`${id}-error`} className="text-sm text-red-600">
              {error}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
