"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { RotationDaysSchema, SecretNameSchema, type SecretMetadata } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { Modal } from "~/components/ui/modal";
import { formErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { choiceFor, ROTATION_CHOICES } from "./rotation-format";

/**
 * Creates a secret, or edits an existing one: a new value replaces the current one at once (no grace
 * period); with the value left empty only the rotation policy and description change.
 */
export function SecretFormDialog({ projectId, open, secret, onClose, onSaved }: { projectId: string; open: boolean; secret: SecretMetadata | null; onClose: () => void; onSaved: (message: string) => void }) {
  return (
    <Modal
      open={open}
      title={secret ? `Edit ${secret.name}` : "New secret"}
      description={
        secret
          ? "A new value is in force at once and the current one stops working (to keep it valid for a while, rotate instead). Leave the value empty to change only the policy and description."
          : "Stored encrypted with this project's own key. Reference it from config as {{ secret:NAME }}."
      }
      onClose={onClose}
    >
      <SecretFormBody projectId={projectId} secret={secret} onClose={onClose} onSaved={onSaved} />
    </Modal>
  );
}

function SecretFormBody({ projectId, secret, onClose, onSaved }: { projectId: string; secret: SecretMetadata | null; onClose: () => void; onSaved: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(secret?.name ?? "");
  const [value, setValue] = useState("");
  const [description, setDescription] = useState(secret?.description ?? "");
  const [choice, setChoice] = useState(choiceFor(secret?.rotationDays ?? null));
  const [customDays, setCustomDays] = useState(secret?.rotationDays ? String(secret.rotationDays) : "");
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.secret.set.mutationOptions({
      onSuccess: async (s) => {
        await Promise.all([queryClient.invalidateQueries(trpc.secret.list.queryFilter({ projectId })), queryClient.invalidateQueries(trpc.config.pathFilter()), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
        onSaved(secret ? `${s.name} now holds a new value (version ${s.version}).` : `${s.name} created.`);
      },
    }),
  );
  const update = useMutation(
    trpc.secret.update.mutationOptions({
      onSuccess: async (s) => {
        await Promise.all([queryClient.invalidateQueries(trpc.secret.list.queryFilter({ projectId })), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
        onSaved(`${s.name}: policy and description saved; the value is unchanged.`);
      },
    }),
  );
  const pending = save.isPending || update.isPending;
  const server = formErrors(save.error ?? update.error, ["name", "value", "rotationDays", "description"]);
  const err = (f: string) => clientErrors[f] ?? server.fields[f];

  function submit() {
    const errs: Record<string, string> = {};
    const parsedName = SecretNameSchema.safeParse(name);
    if (!parsedName.success) errs.name = parsedName.error.issues[0]?.message ?? "Not a valid name";
    if (!value && !secret) errs.value = "Enter the value";
    let rotationDays: number | null | undefined = ROTATION_CHOICES.find((c) => c.value === choice)?.days ?? null;
    if (choice === "custom") {
      const d = RotationDaysSchema.safeParse(Number(customDays));
      if (!customDays.trim() || !d.success) errs.rotationDays = "A whole number of days from 1 to 3650";
      else rotationDays = d.data;
    }
    setClientErrors(errs);
    if (Object.keys(errs).length > 0 || !parsedName.success) return;
    // A new secret without a policy leaves it out; an existing one's "none" removes its policy.
    if (rotationDays === null && !secret) rotationDays = undefined;
    if (secret && !value) return update.mutate({ projectId, name: parsedName.data, rotationDays: rotationDays ?? null, description: description.trim() });
    save.mutate({ projectId, name: parsedName.data, value, ...(rotationDays !== undefined ? { rotationDays } : {}), description: description.trim() });
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <TextField label="Name" name="secretName" value={name} onChange={(e) => setName(e.target.value)} disabled={!!secret} placeholder="OPENAI_API_KEY" autoComplete="off" spellCheck={false} error={err("name")} autoFocus={!secret} />
      <TextField
        label={secret ? "New value (optional)" : "Value"}
        name="secretValue"
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={err("value")}
        hint="Never shown again here: admins can reveal it, and each reveal is recorded in the audit log."
        autoFocus={!!secret}
      />
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem] sm:items-start">
        <SelectField label="Rotation policy" name="rotationPolicy" value={choice} onChange={(e) => setChoice(e.target.value)} hint="Secrets past their due date are flagged as overdue.">
          {ROTATION_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </SelectField>
        {choice === "custom" ? <TextField label="Days" name="rotationDays" type="number" inputMode="numeric" min={1} max={3650} value={customDays} onChange={(e) => setCustomDays(e.target.value)} error={err("rotationDays")} /> : null}
      </div>
      <TextField label="Description" name="secretDescription" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="Optional: what it is for" maxLength={200} error={err("description")} />
      <FormError message={Object.keys(server.fields).length ? null : server.form} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          {!secret ? "Create secret" : value ? "Replace value" : "Save"}
        </Button>
      </div>
    </form>
  );
}
