"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { SecretMetadata } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { formatDateTime } from "~/components/ui/format";
import { ModalForm } from "~/components/ui/modal";
import { formErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

const DEFAULT_GRACE_HOURS = "24";

/** Rotation with a grace period: the new value is current at once, the previous one stays valid for a while. */
export function RotateSecretDialog({ projectId, secret, onClose, onRotated }: { projectId: string; secret: SecretMetadata | null; onClose: () => void; onRotated: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState("");
  const [hours, setHours] = useState(DEFAULT_GRACE_HOURS);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const rotate = useMutation(
    trpc.secret.rotate.mutationOptions({
      onSuccess: async (s) => {
        setValue("");
        setHours(DEFAULT_GRACE_HOURS);
        await Promise.all([queryClient.invalidateQueries(trpc.secret.list.queryFilter({ projectId })), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
        onRotated(
          s.previousExpiresAt
            ? `${s.name} rotated to version ${s.version}; version ${s.previousVersion} stays valid until ${formatDateTime(s.previousExpiresAt)}.`
            : `${s.name} rotated to version ${s.version}; the previous value no longer works.`,
        );
      },
    }),
  );
  const server = formErrors(rotate.error, ["value", "gracePeriodHours"]);
  const h = Number(hours);
  const validHours = hours.trim() !== "" && Number.isFinite(h) && h >= 0 && h <= 720;

  function close() {
    rotate.reset();
    setValue("");
    setHours(DEFAULT_GRACE_HOURS);
    setClientErrors({});
    onClose();
  }

  return (
    <ModalForm
      open={secret !== null}
      title={`Rotate ${secret?.name ?? ""}`}
      busy={rotate.isPending}
      onClose={close}
      onSubmit={() => {
        const errs: Record<string, string> = {};
        if (!value) errs.value = "Enter the new value";
        if (!validHours) errs.gracePeriodHours = "Hours from 0 to 720";
        setClientErrors(errs);
        if (Object.keys(errs).length > 0 || !secret) return;
        rotate.mutate({ projectId, name: secret.name, value, gracePeriodHours: h });
      }}
      description={
        <>
          The new value is current at once. The previous value (version {secret?.version}) stays valid for the grace period: SDKs receive it as <code>previous</code>, so services switch
          without downtime. Rotating again during a grace period ends the older one.
        </>
      }
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={rotate.isPending}>
            Cancel
          </Button>
          <Button type="submit" pending={rotate.isPending}>
            Rotate secret
          </Button>
        </>
      }
    >
      <TextField label="New value" name="rotateValue" type="password" autoComplete="new-password" value={value} onChange={(e) => setValue(e.target.value)} error={clientErrors.value ?? server.fields.value} autoFocus />
      <TextField
        label="Grace period (hours)"
        name="gracePeriodHours"
        type="number"
        inputMode="decimal"
        min={0}
        max={720}
        value={hours}
        onChange={(e) => setHours(e.target.value)}
        error={clientErrors.gracePeriodHours ?? server.fields.gracePeriodHours}
        hint={
          validHours
            ? h === 0
              ? "0: the previous value stops working immediately."
              : `The previous value keeps working until about ${formatDateTime(new Date(Date.now() + h * 3_600_000))}.`
            : "0 to 720 hours (30 days)."
        }
      />
      <FormError message={Object.keys(server.fields).length ? null : server.form} />
    </ModalForm>
  );
}
