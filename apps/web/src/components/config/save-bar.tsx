"use client";

import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";

/** The staged changes of an environment: a message, then one save (one version) or discard. */
export function SaveBar({
  environment,
  count,
  message,
  onMessage,
  onSave,
  onDiscard,
  pending,
  problems,
}: {
  environment: string;
  count: number;
  message: string;
  onMessage: (m: string) => void;
  onSave: () => void;
  onDiscard: () => void;
  pending: boolean;
  problems: string[];
}) {
  return (
    <form
      noValidate
      aria-label="Unsaved changes"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      className="rounded-xl border border-amber-200 bg-amber-50 p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-end gap-3">
        <p className="w-full text-sm font-medium text-amber-900 sm:w-auto sm:flex-none sm:self-center">
          {count} unsaved change{count === 1 ? "" : "s"} in {environment}
        </p>
        <TextField label="Change message" name="changeMessage" value={message} onChange={(e) => onMessage(e.target.value)} placeholder="Why you made this change (shown in the history)" maxLength={500} className="min-w-64 flex-1" />
        <Button variant="secondary" onClick={onDiscard} disabled={pending}>
          Discard
        </Button>
        <Button type="submit" pending={pending}>
          Save changes
        </Button>
      </div>
      {problems.length > 0 ? (
        <div role="alert" className="mt-3 rounded-md border border-red-200 bg-white px-3 py-2 text-sm text-red-700">
          {problems.length === 1 ? (
            problems[0]
          ) : (
            <ul className="list-disc space-y-0.5 pl-5">
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </form>
  );
}
