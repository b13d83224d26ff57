"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { DEFAULT_SETTINGS, type ProjectRoleName } from "@llmguard/domain/schemas";
import { canWriteEnvironment } from "~/components/config/config-permissions";
import { Button } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { CopyButton } from "~/components/ui/copy-button";
import { FormError, FormStatus, TextareaField, TextField } from "~/components/ui/field";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { useTRPC, useTRPCClient } from "~/trpc/react";
import {
  GATEWAY_KEYS,
  gatewayBaseUrl,
  gatewayChangeMessage,
  gatewayForm,
  gatewayServerErrors,
  gatewaySnippet,
  KEY_PLACEHOLDER,
  readGatewaySettings,
  SNIPPET_LABELS,
  toGatewayValues,
  type GatewayField,
  type GatewayForm,
  type GatewaySettings,
  type SnippetLanguage,
} from "./gateway-format";

const noSubscribe = () => () => {};
const SNIPPETS: SnippetLanguage[] = ["typescript", "python", "curl"];

/**
 * The project page's Gateway section (issue 13): where to point an OpenAI client, how, and the upstream the
 * gateway forwards to — typed keys of the base config (`gateway.*`), saved as one config version.
 */
export function GatewaySection({ projectId, role }: { projectId: string; role: ProjectRoleName }) {
  const trpc = useTRPC();
  // The server renders a placeholder origin; the browser knows the real one.
  const origin = useSyncExternalStore(noSubscribe, () => window.location.origin, () => "https://your-llmguard-host");
  const baseUrl = gatewayBaseUrl(origin);
  const config = useQuery(trpc.config.getEffective.queryOptions({ projectId, environment: "base" }));
  const rule = canWriteEnvironment(role, { name: "base", protected: true });

  return (
    <Section
      id="gateway"
      title="Gateway"
      description="An OpenAI-compatible endpoint: change your client's base URL and key, and every call is logged, scored and held to this project's policy."
    >
      <div className="space-y-6">
        <div className="space-y-1.5">
          <h3 className="text-sm font-semibold text-slate-900">Base URL</h3>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="gateway-base-url" className="rounded bg-chip px-2 py-1 font-mono text-xs break-all text-chip-fg">
              {baseUrl}
            </code>
            <CopyButton value={baseUrl} label="Copy base URL" />
          </div>
          <p className="text-xs text-muted">
            Authenticate with <code className="font-mono">Authorization: Bearer {KEY_PLACEHOLDER}</code>: a project API key with the <code className="font-mono">gateway</code> scope, not your
            provider&apos;s key.{" "}
            <Link href={`/projects/${projectId}#api-keys`} className="link">
              Create a key with the gateway scope
            </Link>{" "}
            under API keys. Optional headers, errors and streaming are described in{" "}
            <Link href="/docs/api" className="link">
              the API reference
            </Link>
            .
          </p>
        </div>

        <div className="space-y-4">
          {SNIPPETS.map((language) => (
            <Snippet key={language} language={language} code={gatewaySnippet(language, baseUrl)} />
          ))}
        </div>

        <div className="border-t border-slate-200 pt-5">
          <h3 className="text-sm font-semibold text-slate-900">Upstream</h3>
          <p className="mt-0.5 mb-4 text-xs text-muted">
            Where calls go and with which provider key. Saved in the base config, so every environment uses them unless it overrides a key on the{" "}
            <Link href={`/projects/${projectId}/config`} className="link">
              Config page
            </Link>
            .
          </p>
          {config.isPending ? (
            <LoadingState label="Loading gateway settings…" />
          ) : config.isError ? (
            <ErrorState error={config.error} title="Could not load the gateway settings" onRetry={() => config.refetch()} />
          ) : (
            <UpstreamForm projectId={projectId} stored={readGatewaySettings(config.data.entries)} canEdit={rule.allowed} readOnlyReason={rule.reason} />
          )}
        </div>
      </div>
    </Section>
  );
}

function Snippet({ language, code }: { language: SnippetLanguage; code: string }) {
  const label = `${SNIPPET_LABELS[language]} example`;
  return (
    <div data-testid={`gateway-snippet-${language}`}>
      <div className="mb-1.5 flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-800">{language === "curl" ? "curl" : `OpenAI SDK, ${SNIPPET_LABELS[language]}`}</h3>
        <CopyButton value={code} label={`Copy ${SNIPPET_LABELS[language]}`} />
      </div>
      <ScrollRegion as="pre" label={label} className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
        <code>{code}</code>
      </ScrollRegion>
    </div>
  );
}

function UpstreamForm({ projectId, stored, canEdit, readOnlyReason }: { projectId: string; stored: GatewaySettings; canEdit: boolean; readOnlyReason: string }) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<GatewayForm>(() => gatewayForm(stored));
  // A new stored value (saved here or elsewhere) becomes the form's value: it shows what is in force.
  const storedKey = JSON.stringify(stored);
  const [seen, setSeen] = useState(storedKey);
  if (seen !== storedKey) {
    setSeen(storedKey);
    setForm(gatewayForm(stored));
  }
  const [clientErrors, setClientErrors] = useState<Partial<Record<GatewayField, string>>>({});
  const [status, setStatus] = useState<string | null>(null);
  // Names only (never values): tells the user before the first call that the provider key is missing (424).
  const secrets = useQuery(trpc.secret.list.queryOptions({ projectId }));
  const secretMissing = secrets.data ? !secrets.data.some((s) => s.name === stored.secret) : false;

  const save = useMutation({
    mutationFn: async (change: { values: Parameters<typeof client.config.set.mutate>[0]["values"]; message: string }) => {
      await client.config.set.mutate({ projectId, environment: "base", values: change.values, message: change.message });
      return change;
    },
    onSuccess: async () => {
      setStatus("Saved: the next gateway call uses the new upstream settings.");
      await Promise.all([queryClient.invalidateQueries(trpc.config.pathFilter()), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
    },
  });
  const server = gatewayServerErrors(save.error);
  const errorOf = (field: GatewayField) => clientErrors[field] ?? server.fields[field] ?? null;
  const set = (field: GatewayField, value: string) => {
    setClientErrors((errors) => (errors[field] ? { ...errors, [field]: undefined } : errors));
    setForm((f) => ({ ...f, [field]: value }));
  };

  function submit() {
    setStatus(null);
    save.reset();
    const built = toGatewayValues(form, stored);
    if (!built.ok) {
      setClientErrors(built.errors);
      return;
    }
    setClientErrors({});
    if (built.changed.length === 0) {
      setStatus("Nothing changed.");
      return;
    }
    save.mutate({ values: built.values, message: gatewayChangeMessage(built.changed) });
  }

  return (
    <form
      noValidate
      aria-label="Gateway upstream settings"
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {!canEdit ? (
        <p className="text-sm text-slate-600" data-testid="gateway-read-only">
          Read-only: {readOnlyReason}
        </p>
      ) : null}
      {secretMissing ? (
        <Notice tone="warning">
          This project has no secret named <code className="font-mono">{stored.secret}</code>: gateway calls answer 424 PROVIDER_SECRET_MISSING until you{" "}
          <Link href={`/projects/${projectId}/secrets`} className="link">
            add it to the project&apos;s secrets
          </Link>{" "}
          or name the secret that holds the provider key below.
        </Notice>
      ) : null}
      <fieldset disabled={!canEdit} className="space-y-5">
        <legend className="sr-only">Gateway upstream</legend>
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label="Upstream base URL"
            name="gatewayBaseUrl"
            type="url"
            value={form.baseUrl}
            onChange={(e) => set("baseUrl", e.target.value)}
            error={errorOf("baseUrl")}
            hint={`Any OpenAI-compatible API (OpenAI, Azure OpenAI, Groq, Together, vLLM, Ollama…). Default ${DEFAULT_SETTINGS[GATEWAY_KEYS.baseUrl]}. Private and loopback addresses need GATEWAY_ALLOW_PRIVATE_UPSTREAMS=1 on the server.`}
          />
          <TextField
            label="Provider key secret"
            name="gatewaySecret"
            value={form.secret}
            onChange={(e) => set("secret", e.target.value)}
            error={errorOf("secret")}
            hint={`The name of the project secret holding the upstream's API key (the key itself never leaves the secrets store). Default ${DEFAULT_SETTINGS[GATEWAY_KEYS.secret]}.`}
          />
          <TextField
            label="Timeout (ms)"
            name="gatewayTimeoutMs"
            type="number"
            inputMode="numeric"
            min={100}
            max={600_000}
            step={1}
            value={form.timeoutMs}
            onChange={(e) => set("timeoutMs", e.target.value)}
            error={errorOf("timeoutMs")}
            hint={`100–600,000 ms per attempt, until the answer's headers; past it the call answers 504. Default ${DEFAULT_SETTINGS[GATEWAY_KEYS.timeoutMs].toLocaleString("en")}.`}
          />
          <TextareaField
            label="Fallback models"
            name="gatewayFallbackModels"
            rows={3}
            value={form.fallbackModels}
            onChange={(e) => set("fallbackModels", e.target.value)}
            error={errorOf("fallbackModels")}
            hint="One per line, at most 5. Tried in order when the upstream answers 429 or 5xx, times out or cannot be reached."
          />
        </div>
        <FormError message={server.form} />
        {canEdit ? (
          <Button type="submit" pending={save.isPending}>
            Save gateway settings
          </Button>
        ) : null}
      </fieldset>
      <FormStatus message={status} />
    </form>
  );
}
