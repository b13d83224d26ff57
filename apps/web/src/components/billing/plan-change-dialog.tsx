"use client";

import type { BillingInfo } from "@llmguard/domain/schemas";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { changeDialogText, type PlanChange } from "./billing-format";

/** Confirms a plan change before it is sent to Stripe. */
export function PlanChangeDialog({
  billing,
  change,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  billing: BillingInfo;
  change: PlanChange | null;
  pending: boolean;
  error: string | null;
  onConfirm: (change: PlanChange) => void;
  onCancel: () => void;
}) {
  const text = change ? changeDialogText(billing, change) : null;
  return (
    <ConfirmDialog
      open={change !== null}
      title={text?.title ?? ""}
      confirmLabel={text?.confirmLabel ?? "Confirm"}
      tone={text?.tone ?? "primary"}
      pending={pending}
      error={error}
      onConfirm={() => {
        if (change) onConfirm(change);
      }}
      onCancel={onCancel}
    >
      {text?.body.map((line) => <p key={line}>{line}</p>)}
    </ConfirmDialog>
  );
}
