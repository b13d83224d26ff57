"use client";

import { useEffect, useRef } from "react";
import type { RevealedSecret } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { CopyButton } from "~/components/ui/copy-button";
import { Time } from "~/components/ui/time";

const HIDE_AFTER_MS = 2 * 60_000;

/** A revealed value (and the previous one during a grace period); hidden again on request or after two minutes. */
export function RevealedValue({ secret, onHide }: { secret: RevealedSecret; onHide: () => void }) {
  const hide = useRef(onHide);
  useEffect(() => {
    hide.current = onHide;
  });
  // The two minutes count from the reveal, not from the last re-render.
  useEffect(() => {
    const t = setTimeout(() => hide.current(), HIDE_AFTER_MS);
    return () => clearTimeout(t);
  }, [secret]);
  return (
    <div className="space-y-2" data-testid="revealed-secret">
      <div className="flex flex-wrap items-center gap-2">
        <code className="max-w-md rounded bg-amber-50 px-2 py-1 font-mono text-xs break-all whitespace-pre-wrap text-slate-900 ring-1 ring-amber-200">{secret.value}</code>
        <CopyButton value={secret.value} />
        <Button variant="ghost" size="sm" onClick={onHide}>
          Hide
        </Button>
      </div>
      {secret.previous ? (
        <div className="text-xs text-slate-600">
          <span className="font-medium">Previous value (v{secret.previous.version}), valid until <Time value={secret.previous.expiresAt} mode="datetime" />:</span>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <code className="max-w-md rounded bg-chip text-chip-fg px-2 py-1 font-mono text-xs break-all whitespace-pre-wrap">{secret.previous.value}</code>
            <CopyButton value={secret.previous.value} label="Copy previous" />
          </div>
        </div>
      ) : null}
    </div>
  );
}
