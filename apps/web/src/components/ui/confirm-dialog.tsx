"use client";

import { useModalDialog } from "~/components/ui/use-modal-dialog";
import { useId, type ReactNode } from "react";
import { Button } from "./button";
import { FormError } from "./field";

/**
 * A modal confirmation built on <dialog>: the browser traps focus, closes it on Escape and makes the
 * page behind it inert.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = "danger",
  pending = false,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {

  const titleId = useId();
  const bodyId = useId();

  const ref = useModalDialog(open);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) onCancel();
      }}
      className="m-auto w-full max-w-md rounded-xl bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {open ? (
        <div className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          {children ? (
            <div id={bodyId} className="space-y-2 text-sm text-slate-600">
              {children}
            </div>
          ) : null}
          <FormError message={error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
            <Button variant={tone === "danger" ? "danger" : "primary"} onClick={onConfirm} pending={pending}>
              {confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
