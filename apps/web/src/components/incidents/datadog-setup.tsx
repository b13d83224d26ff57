"use client";

import { useId, type ReactNode } from "react";
import { CopyButton } from "~/components/ui/copy-button";
import { DATADOG_PAYLOAD_TEXT, DATADOG_SECRET_HEADER } from "./incident-settings-format";

/** Inline code that wraps anywhere (URLs, secrets). */
export function Code({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <code data-testid={testId} className="rounded bg-chip text-chip-fg px-1.5 py-0.5 font-mono text-xs break-all">
      {children}
    </code>
  );
}

/**
 * How to set the webhook up in Datadog (docs/incidents.md, "Setting it up in Datadog"). Right after
 * connecting or rotating (`secretShown`) the steps point to the secret above them; otherwise to the one
 * shown then. The secret itself is never repeated here.
 */
export function DatadogSetupSteps({ url, username, secretShown = false }: { url: string; username: string; secretShown?: boolean }) {
  const templateId = useId();
  const secretText = secretShown ? "the secret above" : "the secret shown when you connected or last rotated";
  return (
    <div className="space-y-4 text-sm text-slate-700">
      <ol className="list-decimal space-y-2 pl-5 marker:font-semibold marker:text-slate-700">
        <li>
          In Datadog, open <strong className="font-semibold text-slate-900">Integrations → Webhooks</strong> and add a webhook, named for example <Code>llmguard</Code>.
        </li>
        <li>
          <span className="font-medium text-slate-900">URL:</span> <Code>{url}</Code>
        </li>
        <li>
          <span className="font-medium text-slate-900">Authentication</span>, one of:
          <ul className="mt-1 list-disc space-y-1 pl-5">
            <li>
              an Auth Method of type <strong className="font-semibold text-slate-900">Basic</strong> with user name <Code>{username}</Code> (the project ID) and, as the password, {secretText};
            </li>
            <li>
              or <strong className="font-semibold text-slate-900">Custom Headers</strong> <Code>{`{"${DATADOG_SECRET_HEADER}": "<secret>"}`}</Code> with {secretText}.
            </li>
          </ul>
        </li>
        <li>
          <span className="font-medium text-slate-900">Payload:</span> leave &ldquo;Encode as form&rdquo; unticked and paste the template below. Datadog&apos;s default payload works too,
          but without the alert cycle key, priority and alert type.
        </li>
        <li>
          Add <Code>@webhook-llmguard</Code> to the message of each monitor that should open incidents, then use the monitor&apos;s &ldquo;Test Notifications&rdquo;: the last
          alert received time on this page changes and an incident opens (marked as a test).
        </li>
      </ol>
      <div className="space-y-1.5">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p id={templateId} className="text-sm font-medium text-slate-900">
            Payload template (JSON)
          </p>
          <CopyButton value={DATADOG_PAYLOAD_TEXT} label="Copy template" />
        </div>
        {/* Focusable so keyboard users can scroll it; a region so its name is announced. */}
        <pre
          role="region"
          aria-labelledby={templateId}
          tabIndex={0}
          data-testid="datadog-payload-template"
          className="max-h-64 overflow-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-xs leading-relaxed text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {DATADOG_PAYLOAD_TEXT}
        </pre>
      </div>
    </div>
  );
}
