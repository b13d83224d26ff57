"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { Section } from "~/components/ui/card";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { CopyButton } from "~/components/ui/copy-button";
import { FormError, FormStatus } from "~/components/ui/field";
import { GuardedButton } from "~/components/ui/guarded-button";
import { Modal } from "~/components/ui/modal";
import { ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { Time } from "~/components/ui/time";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { Code, DatadogSetupSteps } from "./datadog-setup";
import { DATADOG_SECRET_HEADER, datadogCustomHeaders, ON_RECOVERED_CHOICES, ON_RECOVERED_KEY, type IncidentSettingsRules, type OnRecovered } from "./incident-settings-format";

/** What configure/rotate answers, the one time the secret is shown. Kept in this component's state only. */
interface ShownSecret {
  url: string;
  basicAuthUsername: string;
  secret: string;
  rotated: boolean;
}

/**
 * Datadog alerts: whether the webhook is connected, connecting it (or rotating its secret, which stops
 * the old one at once) with the secret shown once, the setup steps, and what a recovered alert does.
 */
export function DatadogSettings({
  projectId,
  rules,
  onRecovered,
  configFallback,
}: {
  projectId: string;
  rules: IncidentSettingsRules;
  /** The stored choice (or the default); undefined while the base config loads or failed to. */
  onRecovered: OnRecovered | undefined;
  /** Shown instead of the recovery choice while the base config loads (or failed to). */
  configFallback: ReactNode;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.integration.datadogStatus.queryOptions({ projectId }));
  const [confirming, setConfirming] = useState(false);
  const [shown, setShown] = useState<ShownSecret | null>(null);

  const configure = useMutation({
    ...trpc.integration.configureDatadog.mutationOptions(),
    // The answer holds the secret: drop it from the mutation cache as soon as nothing observes it.
    gcTime: 0,
  });
  const configured = status.data?.configured ?? false;

  function connect() {
    configure.mutate(
      { projectId },
      {
        onSuccess: async (created) => {
          setConfirming(false);
          setShown({ url: created.url, basicAuthUsername: created.basicAuthUsername, secret: created.secret, rotated: configured });
          configure.reset();
          await Promise.all([queryClient.invalidateQueries(trpc.integration.datadogStatus.queryFilter({ projectId })), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
        },
      },
    );
  }

  const action = status.isSuccess ? (
    <GuardedButton
      allowed={rules.datadog.allowed}
      reason={rules.datadog.reason}
      variant={configured ? "secondary" : "primary"}
      pending={configure.isPending && !confirming}
      onClick={() => {
        configure.reset();
        if (configured) setConfirming(true);
        else connect();
      }}
    >
      {configured ? "Rotate secret" : "Connect Datadog"}
    </GuardedButton>
  ) : null;

  return (
    <Section
      id="datadog"
      title="Datadog alerts"
      description="Datadog monitors open incidents here through a webhook; when the alert recovers, the incident is mitigated or resolved."
      actions={action}
    >
      <div className="space-y-6">
        {status.isPending ? (
          <LoadingState label="Loading the Datadog integration…" />
        ) : status.isError ? (
          <ErrorState error={status.error} title="Could not load the Datadog integration" onRetry={() => status.refetch()} />
        ) : (
          <>
            {!confirming ? <FormError message={configure.isError ? errorMessage(configure.error) : null} /> : null}
            <dl className="grid gap-x-8 gap-y-4 text-sm sm:grid-cols-2 xl:grid-cols-3" data-testid="datadog-status">
              <Item term="Status">
                {configured ? <Badge tone="green">Connected</Badge> : <Badge tone="gray">Not connected</Badge>}
              </Item>
              <Item term="Webhook URL" className="sm:col-span-2 xl:col-span-2">
                <span className="flex flex-wrap items-center gap-2">
                  <Code>{status.data.url}</Code>
                  <CopyButton value={status.data.url} label="Copy URL" />
                </span>
              </Item>
              <Item term="Basic auth user name">
                <span className="flex flex-wrap items-center gap-2">
                  <Code>{status.data.basicAuthUsername}</Code>
                  <span className="text-xs text-slate-600">(the project ID)</span>
                </span>
              </Item>
              {configured ? (
                <>
                  <Item term="Secret">
                    <span className="text-slate-700">Hidden: shown once when connected or rotated</span>
                  </Item>
                  <Item term="Connected">
                    <Time value={status.data.createdAt} mode="datetime" />
                  </Item>
                  <Item term="Secret last rotated">
                    <Time value={status.data.rotatedAt} mode="datetime" never="Never rotated" />
                  </Item>
                  <Item term="Last alert received">
                    <span data-testid="datadog-last-received">
                      <Time value={status.data.lastReceivedAt} mode="relative" never="No alert received yet" />
                    </span>
                  </Item>
                </>
              ) : null}
            </dl>
            {!configured ? (
              <Notice>
                Not connected yet. {rules.datadog.allowed ? "Connect Datadog" : "An admin or the owner connects Datadog"} to get the webhook&apos;s secret (shown once), then add the webhook in
                Datadog with the steps below. Until then, alerts sent to the URL are refused.
              </Notice>
            ) : null}
          </>
        )}

        <OnRecoveredForm projectId={projectId} rules={rules} stored={onRecovered} fallback={configFallback} />

        <details className="group rounded-lg border border-slate-200">
          <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-semibold text-slate-900 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            How to set up the webhook in Datadog
          </summary>
          <div className="border-t border-slate-200 px-4 py-4">
            {status.data ? <DatadogSetupSteps url={status.data.url} username={status.data.basicAuthUsername} /> : <p className="text-sm text-slate-600">Loading the webhook URL…</p>}
          </div>
        </details>
      </div>

      <ConfirmDialog
        open={confirming}
        title="Rotate the Datadog secret?"
        confirmLabel="Rotate secret"
        pending={configure.isPending}
        error={configure.isError ? errorMessage(configure.error) : null}
        onCancel={() => {
          configure.reset();
          setConfirming(false);
        }}
        onConfirm={connect}
      >
        <p>The current secret stops working at once: Datadog&apos;s alerts are refused until you paste the new secret into its webhook. There is no grace period.</p>
        <p className="font-medium text-slate-700">The new secret is shown once, right after rotating.</p>
      </ConfirmDialog>

      <DatadogSecretDialog shown={shown} onClose={() => setShown(null)} />
    </Section>
  );
}

function Item({ term, children, className }: { term: string; children: ReactNode; className?: string }) {
  return (
    <div className={cn("min-w-0", className)}>
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{term}</dt>
      <dd className="mt-1 text-slate-900">{children}</dd>
    </div>
  );
}

/** The secret, shown this once, with what to paste where in Datadog. */
function DatadogSecretDialog({ shown, onClose }: { shown: ShownSecret | null; onClose: () => void }) {
  return (
    <Modal
      open={shown !== null}
      size="lg"
      testId="datadog-secret-dialog"
      title={shown?.rotated ? "New Datadog secret" : "Datadog connected"}
      description={shown?.rotated ? "The previous secret no longer works. Paste this one into the Datadog webhook now." : "Add the webhook in Datadog with these values."}
      onClose={onClose}
    >
      {shown ? (
        <div className="space-y-5">
          <Notice tone="warning">
            <strong className="font-semibold">Copy the secret now: it is shown only this once.</strong> If it is lost, rotate it to get a new one.
          </Notice>
          <dl className="space-y-3 text-sm">
            <Value term="Webhook URL" value={shown.url} copyLabel="Copy URL" testId="datadog-url" />
            <Value term="Basic auth user name" value={shown.basicAuthUsername} copyLabel="Copy user name" />
            <Value term="Secret (Basic auth password)" value={shown.secret} copyLabel="Copy secret" testId="datadog-secret" highlight />
            <Value term={`Or the custom header ${DATADOG_SECRET_HEADER}`} value={datadogCustomHeaders(shown.secret)} copyLabel="Copy headers" />
          </dl>
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Set up the webhook in Datadog</h3>
            <DatadogSetupSteps url={shown.url} username={shown.basicAuthUsername} secretShown />
          </div>
          <div className="flex justify-end">
            <Button onClick={onClose}>I have copied the secret</Button>
          </div>
        </div>
      ) : null}
    </Modal>
  );
}

function Value({ term, value, copyLabel, testId, highlight = false }: { term: string; value: string; copyLabel: string; testId?: string; highlight?: boolean }) {
  return (
    <div>
      <dt className="font-medium text-slate-800">{term}</dt>
      <dd className="mt-1 flex flex-wrap items-center gap-2">
        <code
          data-testid={testId}
          className={
            highlight
              ? "max-w-full rounded bg-amber-50 px-2 py-1 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-200"
              : "max-w-full rounded bg-chip px-2 py-1 font-mono text-xs break-all text-chip-fg"
          }
        >
          {value}
        </code>
        <CopyButton value={value} label={copyLabel} />
      </dd>
    </div>
  );
}

/** integrations.datadog.onRecovered of the base config: mitigate (default) or resolve. */
function OnRecoveredForm({ projectId, rules, stored, fallback }: { projectId: string; rules: IncidentSettingsRules; stored: OnRecovered | undefined; fallback: ReactNode }) {
  if (stored === undefined) {
    return (
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">When an alert recovers</legend>
        {fallback}
      </fieldset>
    );
  }
  return <OnRecoveredFormBody projectId={projectId} rules={rules} stored={stored} />;
}

function OnRecoveredFormBody({ projectId, rules, stored }: { projectId: string; rules: IncidentSettingsRules; stored: OnRecovered }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const name = useId();
  const [value, setValue] = useState<OnRecovered>(stored);
  // A new stored value (saved here or elsewhere) becomes the form's value: it shows what is in force.
  const [seen, setSeen] = useState(stored);
  if (seen !== stored) {
    setSeen(stored);
    setValue(stored);
  }
  const [status, setStatus] = useState<string | null>(null);
  const save = useMutation(
    trpc.config.set.mutationOptions({
      onSuccess: async () => {
        setStatus(value === "resolve" ? "Saved: a recovered alert now resolves its incident." : "Saved: a recovered alert now marks its incident mitigated.");
        await Promise.all([queryClient.invalidateQueries(trpc.config.pathFilter()), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
      },
    }),
  );
  const canEdit = rules.config.allowed;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setStatus(null);
        if (value === stored) {
          setStatus("Nothing changed.");
          return;
        }
        save.mutate({ projectId, environment: "base", values: { [ON_RECOVERED_KEY]: value }, message: `Datadog: a recovered alert ${value === "resolve" ? "resolves" : "mitigates"} its incident` });
      }}
      className="space-y-3"
    >
      <fieldset disabled={!canEdit} className="space-y-2">
        <legend className="text-sm font-semibold text-slate-900">When an alert recovers</legend>
        <p className="text-sm text-slate-600">
          What Datadog&apos;s &ldquo;Recovered&rdquo; does to the alert&apos;s open incident (<code className="font-mono text-xs">{ON_RECOVERED_KEY}</code> in the base config).
        </p>
        <div className="grid gap-2 sm:grid-cols-2">
          {ON_RECOVERED_CHOICES.map((c) => (
            <label
              key={c.value}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-300 px-3 py-2.5 has-checked:border-indigo-600 has-checked:bg-indigo-50 has-disabled:cursor-not-allowed has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
            >
              <input type="radio" name={name} value={c.value} checked={value === c.value} onChange={() => setValue(c.value)} className="mt-0.5 size-4 accent-indigo-600 focus:outline-none" />
              <span>
                <span className="block text-sm font-medium text-slate-900">{c.label}</span>
                <span className="block text-xs text-slate-600">{c.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormError message={save.isError ? errorMessage(save.error) : null} />
      <div className="flex flex-wrap items-center gap-3">
        <GuardedButton type="submit" allowed={canEdit} reason={rules.config.reason} variant="secondary" pending={save.isPending}>
          Save recovery setting
        </GuardedButton>
        <FormStatus message={status} />
      </div>
    </form>
  );
}
