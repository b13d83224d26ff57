"use client";

import { useId, type FormEvent, type ReactNode } from "react";
import { cn } from "./cn";
import { useModalDialog } from "./use-modal-dialog";

type ModalSize = "md" | "lg" | "xl";

/**
 * A modal on a native <dialog> (focus trapped, Escape closes, the page behind is inert). The body is
 * only rendered while open, so every opening starts from fresh state.
 */
export function Modal({
  open,
  title,
  description,
  children,
  onClose,
  busy = false,
  size = "md",
  testId,
}: {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  onClose: () => void;
  /** While true, Escape does not close (a request is in flight). */
  busy?: boolean;
  size?: ModalSize;
  testId?: string;
}) {
  const titleId = useId();
  const ref = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      className={cn(
        "m-auto max-h-[90dvh] w-full overflow-y-auto rounded-xl bg-white p-0 shadow-xl backdrop:bg-slate-900/40",
        size === "md" ? "max-w-md" : size === "lg" ? "max-w-2xl" : "max-w-5xl",
      )}
    >
      {open ? (
        <div className="space-y-4 p-6">
          <div>
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
            {description ? <div className="mt-1 text-sm text-slate-600">{description}</div> : null}
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

/** A Modal holding one form, with its buttons in `footer`. */
export function ModalForm({
  children,
  footer,
  onSubmit,
  ...modal
}: Omit<Parameters<typeof Modal>[0], "children"> & { children: ReactNode; footer: ReactNode; onSubmit: (e: FormEvent<HTMLFormElement>) => void }) {
  return (
    <Modal {...modal}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(e);
        }}
        className="space-y-4"
      >
        {children}
        <div className="flex flex-wrap justify-end gap-2">{footer}</div>
      </form>
    </Modal>
  );
}
