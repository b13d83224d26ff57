"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CreateIncidentInputSchema, INCIDENT_SEVERITIES, type Incident, type IncidentSeverity } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { FormError, SelectField, TextareaField, TextField } from "~/components/ui/field";
import { ModalForm } from "~/components/ui/modal";
import { formErrors, zodFieldErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { severityLabel } from "./incident-format";

const FIELDS = ["title", "severity", "description"] as const;

/** Opens an incident by hand (developers and above): title, severity and an optional description. */
export function NewIncidentDialog({ projectId, open, onClose, onCreated }: { projectId: string; open: boolean; onClose: () => void; onCreated: (incident: Incident) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<IncidentSeverity>("medium");
  const [description, setDescription] = useState("");
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.incident.create.mutationOptions({
      onSuccess: async (incident) => {
        await Promise.all([queryClient.invalidateQueries(trpc.incident.list.pathFilter()), queryClient.invalidateQueries(trpc.incident.countOpen.queryFilter({ projectId }))]);
        setTitle("");
        setSeverity("medium");
        setDescription("");
        onCreated(incident);
      },
    }),
  );
  const server = formErrors(create.error, FIELDS);
  const fieldError = (name: (typeof FIELDS)[number]) => clientErrors[name] ?? server.fields[name];

  function close() {
    create.reset();
    setClientErrors({});
    onClose();
  }

  return (
    <ModalForm
      open={open}
      title="New incident"
      description="Open an incident by hand for a problem LLMGuard did not detect. It is analysed like a detected one."
      busy={create.isPending}
      onClose={close}
      testId="new-incident-dialog"
      onSubmit={() => {
        const parsed = CreateIncidentInputSchema.safeParse({ projectId, title, severity, description });
        if (!parsed.success) {
          setClientErrors(zodFieldErrors(parsed.error.issues));
          return;
        }
        setClientErrors({});
        create.mutate(parsed.data);
      }}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" pending={create.isPending}>
            Open incident
          </Button>
        </>
      }
    >
      <TextField label="Title" name="incidentTitle" value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" maxLength={200} required aria-required="true" error={fieldError("title")} autoFocus />
      <SelectField label="Severity" name="incidentSeverity" value={severity} onChange={(e) => setSeverity(e.target.value as IncidentSeverity)} error={fieldError("severity")}>
        {INCIDENT_SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {severityLabel(s)}
          </option>
        ))}
      </SelectField>
      <TextareaField label="Description" name="incidentDescription" value={description} onChange={(e) => setDescription(e.target.value)} rows={4} maxLength={10_000} hint="Optional: what you saw, where, since when." error={fieldError("description")} />
      <FormError message={Object.keys(server.fields).length ? null : server.form} />
    </ModalForm>
  );
}
