"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import {
  DEFAULT_SETTINGS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_SECRETS,
  NOTIFICATION_SETTING_KEYS,
  NOTIFICATION_SIGNATURE_HEADER,
  type NotificationChannel,
  type NotificationMinSeverity,
  type SecretMetadata,
} from "@llmguard/domain/schemas";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { CopyButton } from "~/components/ui/copy-button";
import { FormError, FormStatus, SelectField, TextField } from "~/components/ui/field";
import { GuardedButton } from "~/components/ui/guarded-button";
import { Modal } from "~/components/ui/modal";
import { Notice } from "~/components/ui/states";
import { Time } from "~/components/ui/time";
import { errorMessage, formErrors } from "~/trpc/errors";
import { useTRPC, useTRPCClient } from "~/trpc/react";
import { CHANNEL_SECRETS, generateSigningSecret, MIN_SEVERITY_LABELS, MIN_SEVERITY_OPTIONS, notificationUrlError, testFailureMessage, type IncidentSettingsRules } from "./incident-settings-format";

const CHANNEL_TEXT: Record<NotificationChannel, { title: string; description: ReactNode; test: string; sent: string; save: string }> = {
  email: {
    title: "E-mail",
    description: "To the project's owner and admins, through the server's mailer (the dev outbox when SMTP is not configured).",
    test: "Send test e-mail",
    sent: "Test e-mail sent to the project's owner and admins.",
    save: "Save e-mail settings",
  },
  slack: {
    title: "Slack",
    description: "A message with the severity, title, evidence and link, posted to a Slack incoming webhook.",
    test: "Send test to Slack",
    sent: "Slack accepted the test message.",
    save: "Save Slack settings",
  },
  webhook: {
    title: "Signed webhook",
    description: (
      <>
        A JSON <code className="font-mono text-xs">incident.opened</code> event posted to any HTTPS endpoint, signed with <code className="font-mono text-xs">{NOTIFICATION_SIGNATURE_HEADER}</code>.
      </>
    ),
    test: "Send test webhook",
    sent: "The endpoint accepted the signed test event.",
    save: "Save webhook settings",
  },
};

const URL_SECRET: Partial<Record<NotificationChannel, { name: string; label: string; description: string; hint: string }>> = {
  slack: {
    name: NOTIFICATION_SECRETS.slackUrl,
    label: "New Slack incoming webhook URL",
    description: "Incident notifications: Slack incoming webhook URL",
    hint: "From Slack's Incoming Webhooks app, e.g. https://hooks.slack.com/services/…",
  },
  webhook: {
    name: NOTIFICATION_SECRETS.webhookUrl,
    label: "New webhook URL",
    description: "Incident notifications: signed webhook URL",
    hint: "An HTTPS endpoint on a public address.",
  },
};

/**
 * Notification channels: per channel the minimum severity (typed keys of the base config), the
 * destination (write-only project secrets: only whether one is set is shown) and a test message.
 */
export function NotificationSettings({
  projectId,
  rules,
  minSeverity,
  secrets,
}: {
  projectId: string;
  rules: IncidentSettingsRules;
  minSeverity: Record<NotificationChannel, NotificationMinSeverity>;
  secrets: SecretMetadata[];
}) {
  const byName = new Map(secrets.map((s) => [s.name, s]));
  return (
    <Section
      id="notifications"
      title="Notifications"
      description="A new incident is announced on each channel whose minimum severity it reaches. Destinations are stored as encrypted project secrets and never shown again."
    >
      <div className="divide-y divide-slate-200">
        {NOTIFICATION_CHANNELS.map((channel) => (
          <ChannelCard key={channel} projectId={projectId} channel={channel} rules={rules} stored={minSeverity[channel]} secrets={byName} />
        ))}
      </div>
    </Section>
  );
}

function ChannelCard({
  projectId,
  channel,
  rules,
  stored,
  secrets,
}: {
  projectId: string;
  channel: NotificationChannel;
  rules: IncidentSettingsRules;
  stored: NotificationMinSeverity;
  secrets: Map<string, SecretMetadata>;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const headingId = useId();
  const text = CHANNEL_TEXT[channel];
  const urlSecret = URL_SECRET[channel];
  const key = NOTIFICATION_SETTING_KEYS[channel];
  const [severity, setSeverity] = useState<NotificationMinSeverity>(stored);
  // A new stored value (saved here or elsewhere) becomes the form's value: it shows what is in force.
  const [seen, setSeen] = useState(stored);
  if (seen !== stored) {
    setSeen(stored);
    setSeverity(stored);
  }
  const [url, setUrl] = useState("");
  const [urlError, setUrlError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const canSave = rules.config.allowed && rules.secrets.allowed;
  const missing = CHANNEL_SECRETS[channel].filter((n) => !secrets.has(n));
  const ready = missing.length === 0;

  const save = useMutation({
    mutationFn: async (change: { severity?: NotificationMinSeverity; url?: string }) => {
      // The destination first: a refused URL leaves the severity as it was.
      if (change.url !== undefined && urlSecret) await client.secret.set.mutate({ projectId, name: urlSecret.name, value: change.url, description: urlSecret.description });
      if (change.severity !== undefined) {
        await client.config.set.mutate({
          projectId,
          environment: "base",
          values: { [key]: change.severity },
          message: `Notifications: ${text.title} minimum severity ${change.severity}`,
        });
      }
      return change;
    },
    onSuccess: async (change) => {
      setUrl("");
      const parts = [
        change.url !== undefined ? `${urlSecret?.name ?? "URL"} saved` : null,
        change.severity !== undefined ? (change.severity === "off" ? `${text.title} notifications are off` : `${text.title} notifies ${MIN_SEVERITY_LABELS[change.severity].toLowerCase()}`) : null,
      ].filter(Boolean);
      setStatus(`Saved: ${parts.join("; ")}.`);
      await Promise.all([
        queryClient.invalidateQueries(trpc.config.pathFilter()),
        queryClient.invalidateQueries(trpc.secret.list.queryFilter({ projectId })),
        queryClient.invalidateQueries(trpc.audit.list.pathFilter()),
      ]);
    },
  });
  const server = formErrors(save.error, ["value"]);

  const test = useMutation(trpc.notification.test.mutationOptions());

  function submit() {
    setStatus(null);
    save.reset();
    const change: { severity?: NotificationMinSeverity; url?: string } = {};
    if (severity !== stored) change.severity = severity;
    if (urlSecret && url.trim()) {
      const err = notificationUrlError(url);
      setUrlError(err);
      if (err) return;
      change.url = url.trim();
    } else setUrlError(null);
    if (Object.keys(change).length === 0) {
      setStatus("Nothing changed.");
      return;
    }
    save.mutate(change);
  }

  const enabled = stored !== "off";
  return (
    <section aria-labelledby={headingId} className="grid gap-4 py-5 first:pt-0 last:pb-0 lg:grid-cols-[minmax(0,18rem)_minmax(0,1fr)] lg:gap-8" data-testid={`channel-${channel}`}>
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={headingId} className="text-base font-semibold text-slate-900">
            {text.title}
          </h3>
          {!enabled ? <Badge tone="gray">Off</Badge> : ready ? <Badge tone="green">On</Badge> : <Badge tone="amber">Not configured</Badge>}
        </div>
        <p className="text-sm text-slate-600">{text.description}</p>
        {enabled && !ready ? (
          <Notice tone="warning">
            {text.title} is on, but {missing.join(" and ")} {missing.length === 1 ? "is" : "are"} not set: incidents are recorded as &ldquo;not configured&rdquo; instead of being sent.
          </Notice>
        ) : null}
      </div>

      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField
            label="Minimum severity"
            name={`${channel}MinSeverity`}
            value={severity}
            disabled={!canSave}
            onChange={(e) => setSeverity(e.target.value as NotificationMinSeverity)}
            hint={`Default: ${MIN_SEVERITY_LABELS[DEFAULT_SETTINGS[key]].toLowerCase()}.`}
          >
            {MIN_SEVERITY_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </SelectField>
          {urlSecret ? (
            <div className="space-y-4">
              <div className="space-y-2">
                <SecretState label="URL" secret={secrets.get(urlSecret.name)} name={urlSecret.name} />
                <TextField
                  label={urlSecret.label}
                  name={`${channel}Url`}
                  type="url"
                  inputMode="url"
                  autoComplete="off"
                  spellCheck={false}
                  disabled={!canSave}
                  value={url}
                  onChange={(e) => setUrl(e.target.value)}
                  error={urlError ?? server.fields.value}
                  hint={
                    <>
                      {urlSecret.hint} Write-only: saved as the <code className="font-mono">{urlSecret.name}</code> secret{secrets.has(urlSecret.name) ? "; leave empty to keep the current one" : ""}.
                    </>
                  }
                />
              </div>
              {channel === "webhook" ? <SigningSecret projectId={projectId} rules={rules} secret={secrets.get(NOTIFICATION_SECRETS.webhookSigningSecret)} /> : null}
            </div>
          ) : (
            <p className="text-sm text-slate-600 md:pt-7">No destination to set: the recipients are the project&apos;s current owner and admins.</p>
          )}
        </div>
        <FormError message={Object.keys(server.fields).length ? null : server.form} />
        <div className="flex flex-wrap items-center gap-2">
          <GuardedButton type="submit" allowed={canSave} reason={rules.config.allowed ? rules.secrets.reason : rules.config.reason} pending={save.isPending}>
            {text.save}
          </GuardedButton>
          <GuardedButton
            allowed={rules.test.allowed}
            reason={rules.test.reason}
            variant="secondary"
            pending={test.isPending}
            onClick={() => {
              test.reset();
              test.mutate({ projectId, channel });
            }}
          >
            {text.test}
          </GuardedButton>
          <span className="text-xs text-slate-600">The test uses the saved settings, whatever the minimum severity.</span>
        </div>
        <FormStatus message={status} />
        <TestResult ok={test.isSuccess ? text.sent : null} error={test.isError ? testFailureMessage(test.error) : null} />
      </form>
    </section>
  );
}

/** The result of "Send test": success politely, a failure as an alert with the server's message. */
function TestResult({ ok, error }: { ok: string | null; error: string | null }) {
  if (error) {
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
        <span className="font-semibold">Test failed:</span> {error}
      </div>
    );
  }
  return (
    <p role="status" className="text-sm text-emerald-700">
      {ok ?? ""}
    </p>
  );
}

/** Whether a write-only secret is set, and since when; never its value. */
function SecretState({ label, name, secret }: { label: string; name: string; secret: SecretMetadata | undefined }) {
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid={`secret-state-${name}`}>
      <span className="font-medium text-slate-800">{label}:</span>
      {secret ? <Badge tone="green">Set</Badge> : <Badge tone="gray">Not set</Badge>}
      {secret ? (
        <span className="text-xs text-slate-600">
          updated <Time value={secret.updatedAt} mode="relative" />
        </span>
      ) : null}
    </p>
  );
}

/** NOTIFY_WEBHOOK_SIGNING_SECRET: generated in the browser (32 random bytes), stored, shown once. */
function SigningSecret({ projectId, rules, secret }: { projectId: string; rules: IncidentSettingsRules; secret: SecretMetadata | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const store = useMutation({
    ...trpc.secret.set.mutationOptions(),
    // The variables hold the secret: drop them from the mutation cache as soon as nothing observes them.
    gcTime: 0,
  });

  function generate() {
    const value = generateSigningSecret();
    store.mutate(
      { projectId, name: NOTIFICATION_SECRETS.webhookSigningSecret, value, description: "Incident notifications: HMAC key of the signed webhook" },
      {
        onSuccess: async () => {
          setConfirming(false);
          setShown(value);
          store.reset();
          await Promise.all([queryClient.invalidateQueries(trpc.secret.list.queryFilter({ projectId })), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
        },
      },
    );
  }

  return (
    <div className="space-y-2">
      <SecretState label="Signing secret" name={NOTIFICATION_SECRETS.webhookSigningSecret} secret={secret} />
      <GuardedButton
        allowed={rules.secrets.allowed}
        reason={rules.secrets.reason}
        variant="secondary"
        size="sm"
        pending={store.isPending && !confirming}
        onClick={() => {
          store.reset();
          if (secret) setConfirming(true);
          else generate();
        }}
      >
        {secret ? "Generate new signing secret" : "Generate signing secret"}
      </GuardedButton>
      {!confirming ? <FormError message={store.isError ? errorMessage(store.error) : null} /> : null}
      <ConfirmDialog
        open={confirming}
        title="Replace the signing secret?"
        confirmLabel="Generate new secret"
        pending={store.isPending}
        error={store.isError ? errorMessage(store.error) : null}
        onCancel={() => {
          store.reset();
          setConfirming(false);
        }}
        onConfirm={generate}
      >
        <p>The new secret signs every webhook from now on: your endpoint refuses them until it verifies with the new one.</p>
        <p className="font-medium text-slate-700">It is shown once, right after it is generated.</p>
      </ConfirmDialog>
      <Modal open={shown !== null} title="Webhook signing secret" description="Copy it into your endpoint's configuration now: it is shown only this once." onClose={() => setShown(null)} testId="signing-secret-dialog">
        {shown ? (
          <div className="space-y-4">
            <div className="flex flex-wrap items-center gap-2">
              <code data-testid="signing-secret" className="max-w-full rounded bg-amber-50 px-2 py-1 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-200">
                {shown}
              </code>
              <CopyButton value={shown} label="Copy secret" />
            </div>
            <p className="text-sm text-slate-700">
              Each webhook carries <code className="font-mono text-xs">{NOTIFICATION_SIGNATURE_HEADER}: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</code> of{" "}
              <code className="font-mono text-xs">&quot;&lt;t&gt;.&lt;raw body&gt;&quot;</code>, keyed with this secret&apos;s UTF-8 bytes. Verify it on the raw body, compare in constant time and refuse
              an old <code className="font-mono text-xs">t</code>.
            </p>
            <div className="flex justify-end">
              <Button onClick={() => setShown(null)}>I have copied the secret</Button>
            </div>
          </div>
        ) : null}
      </Modal>
    </div>
  );
}
