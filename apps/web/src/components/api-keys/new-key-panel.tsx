"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { CopyButton } from "~/components/ui/copy-button";

/**
 * Shows a freshly created or rotated API key, the only time its secret is ever visible. Focus moves
 * here when it appears so keyboard and screen-reader users do not miss it.
 */
export function NewKeyPanel({ apiKey, title = "Your new API key", onDismiss, children }: { apiKey: string; title?: string; onDismiss?: () => void; children?: ReactNode }) {
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [apiKey]);

  return (
    <section className="rounded-xl border border-amber-300 bg-amber-50 p-5 shadow-sm">
      <h2 ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 outline-none">
        {title}
      </h2>
      <p className="mt-1 text-sm font-medium text-amber-900">
        Copy this key now and store it somewhere safe. It will not be shown again: LLMGuard keeps only a hash of it.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <code data-testid="new-api-key" className="max-w-full overflow-x-auto rounded-md bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 ring-1 ring-amber-300 ring-inset select-all">
          {apiKey}
        </code>
        <CopyButton value={apiKey} />
      </div>
      {children || onDismiss ? (
        <div className="mt-4 flex flex-wrap items-center gap-3">
          {children}
          {onDismiss ? (
            <Button variant="ghost" size="sm" onClick={onDismiss}>
              I have saved it
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
