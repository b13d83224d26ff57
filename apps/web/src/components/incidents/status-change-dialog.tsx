"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { FormError, TextareaField } from "~/components/ui/field";
import { ModalForm } from "~/components/ui/modal";
import { errorCode, formErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

export type StatusAction = "acknowledge" | "resolve" | "reopen";

export const ACTION_TEXT: Record<StatusAction, { button: string; title: string; submit: string; done: string; description: string }> = {
  acknowledge: {
    button: "Acknowledge",
    title: "Acknowledge incident",
    submit: "Acknowledge incident",
    done: "Acknowledged.",
    description: "Tell the team someone is on it. The incident stays open and keeps counting occurrences.",
  },
  resolve: {
    button: "Resolve",
    title: "Resolve incident",
    submit: "Resolve incident",
    done: "Resolved.",
    description: "The problem is fixed. If it happens again, LLMGuard opens a new incident.",
  },
  reopen: { button: "Reopen", title: "Reopen incident", submit: "Reopen incident", done: "Reopened.", description: "The problem is back: the incident opens again and counts new occurrences." },
};

/** The incident another open incident already tracks (a 409 on reopen names it). */
function otherIncidentId(err: unknown): string | null {
  const details = (err as { data?: { details?: { incidentId?: unknown } } } | null)?.data?.details;
  return typeof details?.incidentId === "string" ? details.incidentId : null;
}

/** Acknowledge, resolve or reopen, with an optional note that goes on the timeline. */
export function StatusChangeDialog({
  projectId,
  incidentId,
  action,
  onClose,
  onDone,
}: {
  projectId: string;
  incidentId: string;
  action: StatusAction | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const options = {
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries(trpc.incident.byId.queryFilter({ incidentId })),
        queryClient.invalidateQueries(trpc.incident.list.pathFilter()),
        queryClient.invalidateQueries(trpc.incident.countOpen.queryFilter({ projectId })),
      ]);
      setNote("");
      onDone(action ? ACTION_TEXT[action].done : "Done.");
    },
  };
  const acknowledge = useMutation(trpc.incident.acknowledge.mutationOptions(options));
  const resolve = useMutation(trpc.incident.resolve.mutationOptions(options));
  const reopen = useMutation(trpc.incident.reopen.mutationOptions(options));
  const mutation = action === "acknowledge" ? acknowledge : action === "resolve" ? resolve : reopen;
  const errors = formErrors(mutation.error, ["note"]);
  const other = errorCode(mutation.error) === "CONFLICT" ? otherIncidentId(mutation.error) : null;
  const text = action ? ACTION_TEXT[action] : null;

  function close() {
    mutation.reset();
    setNote("");
    onClose();
  }

  return (
    <ModalForm
      open={action !== null}
      title={text?.title ?? ""}
      description={text?.description}
      busy={mutation.isPending}
      onClose={close}
      testId="status-change-dialog"
      onSubmit={() => {
        const trimmed = note.trim();
        mutation.mutate({ incidentId, ...(trimmed ? { note: trimmed } : {}) });
      }}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" pending={mutation.isPending}>
            {text?.submit}
          </Button>
        </>
      }
    >
      <TextareaField label="Note (optional)" name="note" value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={2_000} hint="Shown on the incident's timeline with your name." error={errors.fields.note} autoFocus />
      <FormError message={Object.keys(errors.fields).length ? null : errors.form} />
      {other ? (
        <p className="text-sm">
          <Link href={`/projects/${projectId}/incidents/${other}`} className="font-medium text-indigo-700 hover:underline">
            Open the incident that tracks it now
          </Link>
        </p>
      ) : null}
    </ModalForm>
  );
}
