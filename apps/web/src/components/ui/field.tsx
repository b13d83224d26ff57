"use client";

import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-muted focus:ring-2 focus:ring-inset focus:ring-indigo-600 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-muted";
const INVALID = "ring-red-500 focus:ring-red-600";

interface FieldChrome {
  label: ReactNode;
  /** The error to show under the control; marks it aria-invalid and links it with aria-describedby. */
  error?: string | null;
  hint?: ReactNode;
  className?: string;
}

function useFieldIds(error?: string | null, hint?: ReactNode) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return { id, errorId, hintId, describedBy };
}

function Chrome({ id, label, error, errorId, hint, hintId, className, children }: FieldChrome & { id: string; errorId: string; hintId: string; children: ReactNode }) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={hintId} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ label, error, hint, className, ...input }: FieldChrome & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(error, hint);
  return (
    <Chrome {...ids} label={label} error={error} hint={hint} className={className}>
      <input id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} className={cn(CONTROL, error && INVALID)} {...input} />
    </Chrome>
  );
}

export function TextareaField({ label, error, hint, className, ...input }: FieldChrome & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(error, hint);
  return (
    <Chrome {...ids} label={label} error={error} hint={hint} className={className}>
      <textarea id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} className={cn(CONTROL, "font-mono", error && INVALID)} {...input} />
    </Chrome>
  );
}

export function SelectField({ label, error, hint, className, children, ...input }: FieldChrome & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(error, hint);
  return (
    <Chrome {...ids} label={label} error={error} hint={hint} className={className}>
      <select id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} className={cn(CONTROL, "pr-8", error && INVALID)} {...input}>
        {children}
      </select>
    </Chrome>
  );
}

/** A form-level message (server error, throttling, ...), announced when it appears. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </div>
  );
}

/** A short success or progress note, announced politely. */
export function FormStatus({ message }: { message?: string | null }) {
  return (
    <p role="status" className="text-sm text-emerald-700">
      {message ?? ""}
    </p>
  );
}
