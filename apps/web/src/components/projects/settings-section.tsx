"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { roleAllows, type ProjectRoleName, type ProjectSettings } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { FormError, FormStatus, SelectField, TextareaField, TextField } from "~/components/ui/field";
import { ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { formErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { SettingsHistory } from "./settings-history";

const FIELDS = ["name", "preferredModel", "safetyThreshold", "rateLimit", "systemPrompt", "blockedKeywords", "allowlist", "redaction", "message"] as const;

type Redaction = ProjectSettings["redaction"];
const REDACTION_HELP: Record<Redaction, string> = {
  off: "Prompts and responses are stored as sent.",
  secrets: "Detected secrets (API keys, tokens, private keys, passwords) are stored as placeholders such as [SECRET:aws_access_key].",
  "secrets+pii": "Detected secrets and personal data (e-mail, phone, cards, national ids, addresses…) are stored as placeholders such as [PII:email].",
};

/** One entry per line; blank lines dropped. */
const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function SettingsSection({ projectId, role }: { projectId: string; role: ProjectRoleName }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.setting.get.queryOptions({ projectId }));
  const [status, setStatus] = useState<string | null>(null);
  const canEdit = roleAllows(role, "settings.update");

  return (
    <Section id="settings" title="Settings" description="Every save becomes a new version; the newest one applies to the next request.">
      <div className="space-y-8">
        {settings.isPending ? (
          <LoadingState label="Loading settings…" />
        ) : settings.isError ? (
          <ErrorState error={settings.error} title="Could not load settings" onRetry={() => settings.refetch()} />
        ) : (
          <>
            {!canEdit ? <Notice>Your role ({role}) can read these settings; an admin or the owner can change them.</Notice> : null}
            {/* Re-mount on a new version so the form starts from what is now in force. */}
            <SettingsForm key={`${settings.data.version}:${settings.data.name}`} initial={settings.data} canEdit={canEdit} onSaved={setStatus} />
            <FormStatus message={status} />
          </>
        )}
        <SettingsHistory projectId={projectId} />
      </div>
    </Section>
  );
}

function SettingsForm({ initial, canEdit, onSaved }: { initial: ProjectSettings; canEdit: boolean; onSaved: (message: string | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(initial.name);
  const [preferredModel, setPreferredModel] = useState(initial.preferredModel);
  const [safetyThreshold, setSafetyThreshold] = useState(String(initial.safetyThreshold));
  const [rateLimit, setRateLimit] = useState(String(initial.rateLimit));
  const [systemPrompt, setSystemPrompt] = useState(initial.systemPrompt);
  const [blockedKeywords, setBlockedKeywords] = useState(initial.blockedKeywords.join("\n"));
  const [allowlist, setAllowlist] = useState(initial.allowlist.join("\n"));
  const [redaction, setRedaction] = useState<Redaction>(initial.redaction);
  const [message, setMessage] = useState("");
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [nothing, setNothing] = useState(false);

  const update = useMutation(
    trpc.setting.update.mutationOptions({
      onSuccess: async (data) => {
        onSaved(data.version > initial.version ? `Saved. Settings are now at version ${data.version}.` : "Saved.");
        await Promise.all([
          queryClient.invalidateQueries(trpc.setting.pathFilter()),
          queryClient.invalidateQueries(trpc.project.pathFilter()),
          queryClient.invalidateQueries(trpc.audit.list.pathFilter()),
        ]);
      },
    }),
  );
  const server = formErrors(update.error, FIELDS);
  const fieldError = (f: (typeof FIELDS)[number]) => clientErrors[f] ?? server.fields[f];

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onSaved(null);
    setNothing(false);
    const errs: Record<string, string> = {};
    const threshold = safetyThreshold.trim() === "" ? NaN : Number(safetyThreshold);
    const limit = rateLimit.trim() === "" ? NaN : Number(rateLimit);
    if (Number.isNaN(threshold)) errs.safetyThreshold = "Enter a number from 0 to 100";
    if (Number.isNaN(limit)) errs.rateLimit = "Enter a number of requests per minute";
    setClientErrors(errs);
    if (Object.keys(errs).length > 0) return;

    // Send only what changed: the server records exactly those keys in the new version.
    const patch = {
      ...(name !== initial.name ? { name } : {}),
      ...(preferredModel !== initial.preferredModel ? { preferredModel } : {}),
      ...(threshold !== initial.safetyThreshold ? { safetyThreshold: threshold } : {}),
      ...(limit !== initial.rateLimit ? { rateLimit: limit } : {}),
      ...(systemPrompt !== initial.systemPrompt ? { systemPrompt } : {}),
      ...(!sameList(lines(blockedKeywords), initial.blockedKeywords) ? { blockedKeywords: lines(blockedKeywords) } : {}),
      ...(!sameList(lines(allowlist), initial.allowlist) ? { allowlist: lines(allowlist) } : {}),
      ...(redaction !== initial.redaction ? { redaction } : {}),
    };
    if (Object.keys(patch).length === 0) {
      setNothing(true);
      return;
    }
    update.mutate({ projectId: initial.projectId, ...patch, ...(message.trim() ? { message: message.trim() } : {}) });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={!canEdit} className="space-y-5">
        <legend className="sr-only">Project settings</legend>
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField label="Project name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError("name")} maxLength={100} />
          <TextField
            label="Preferred model"
            name="preferredModel"
            value={preferredModel}
            onChange={(e) => setPreferredModel(e.target.value)}
            error={fieldError("preferredModel")}
            hint="The model your SDK calls by default, e.g. gpt-4o-mini."
          />
          <TextField
            label="Safety threshold"
            name="safetyThreshold"
            type="number"
            inputMode="numeric"
            step={1}
            value={safetyThreshold}
            onChange={(e) => setSafetyThreshold(e.target.value)}
            error={fieldError("safetyThreshold")}
            hint="0–100. Requests whose risk score is at or above it are flagged."
          />
          <TextField
            label="Ingest limit (records/minute)"
            name="rateLimit"
            type="number"
            inputMode="numeric"
            step={1}
            value={rateLimit}
            onChange={(e) => setRateLimit(e.target.value)}
            error={fieldError("rateLimit")}
            hint="Per project, across all of its API keys. Default 300,000 (5,000 a second); a batch is admitted or refused whole (429 with Retry-After)."
          />
        </div>
        <TextareaField
          label="System prompt"
          name="systemPrompt"
          rows={5}
          value={systemPrompt}
          onChange={(e) => setSystemPrompt(e.target.value)}
          error={fieldError("systemPrompt")}
          hint="Prepended to every request that goes through the SDK."
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextareaField
            label="Blocked keywords"
            name="blockedKeywords"
            rows={4}
            value={blockedKeywords}
            onChange={(e) => setBlockedKeywords(e.target.value)}
            error={fieldError("blockedKeywords")}
            hint="One per line. Each request that contains one gets risk points."
          />
          <TextareaField
            label="Allowlisted phrases"
            name="allowlist"
            rows={4}
            value={allowlist}
            onChange={(e) => setAllowlist(e.target.value)}
            error={fieldError("allowlist")}
            hint="One per line. Text matching these never counts toward risk."
          />
        </div>
        <SelectField
          label="Redaction before storage"
          name="redaction"
          value={redaction}
          onChange={(e) => setRedaction(e.target.value as Redaction)}
          error={fieldError("redaction")}
          hint={`${REDACTION_HELP[redaction]} Risk is scored before redaction; new records only.`}
        >
          <option value="off">Off</option>
          <option value="secrets">Secrets</option>
          <option value="secrets+pii">Secrets and personal data</option>
        </SelectField>
        <TextField
          label="Change message"
          name="message"
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          error={fieldError("message")}
          hint="Optional. Why you made this change; shown in the history."
          maxLength={500}
        />
        <FormError message={server.form} />
        {nothing ? <Notice>Nothing changed: edit a setting first.</Notice> : null}
        {canEdit ? (
          <Button type="submit" pending={update.isPending}>
            Save settings
          </Button>
        ) : null}
      </fieldset>
    </form>
  );
}
