"use client";

import { useQuery } from "@tanstack/react-query";
import { SETTINGS_KEYS } from "@llmguard/domain/schemas";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { Time } from "~/components/ui/time";
import { useTRPC } from "~/trpc/react";

const LABELS: Record<string, string> = {
  [SETTINGS_KEYS.preferredModel]: "Preferred model",
  [SETTINGS_KEYS.safetyThreshold]: "Safety threshold",
  [SETTINGS_KEYS.rateLimit]: "Rate limit",
  [SETTINGS_KEYS.systemPrompt]: "System prompt",
  [SETTINGS_KEYS.blockedKeywords]: "Blocked keywords",
  [SETTINGS_KEYS.allowlist]: "Allowlisted phrases",
  [SETTINGS_KEYS.redaction]: "Redaction before storage",
  [SETTINGS_KEYS.priceOverrides]: "Price overrides",
};

function show(value: unknown): string {
  if (value === undefined || value === null) return "(unset)";
  if (typeof value === "string") {
    if (value === "") return "(empty)";
    return value.length > 80 ? `${value.slice(0, 77)}…` : value;
  }
  return JSON.stringify(value);
}

export function SettingsHistory({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.setting.listHistory.queryOptions({ projectId }));

  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">Settings history</h3>
      <div className="mt-3">
        {history.isPending ? (
          <LoadingState label="Loading history…" />
        ) : history.isError ? (
          <ErrorState error={history.error} title="Could not load the history" onRetry={() => history.refetch()} />
        ) : history.data.length === 0 ? (
          <EmptyState title="No versions yet" />
        ) : (
          <ol className="space-y-3" aria-label="Settings versions, newest first">
            {[...history.data]
              .sort((a, b) => b.version - a.version)
              .map((v) => (
                <li key={v.version} data-testid="settings-version" className="rounded-lg border border-slate-200 px-4 py-3">
                  <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
                    <span className="font-semibold text-slate-900">Version {v.version}</span>
                    <span className="text-slate-600">{v.author?.email ?? "unknown author"}</span>
                    <span className="text-muted">
                      <Time value={v.createdAt} mode="datetime" />
                    </span>
                  </div>
                  {v.message ? <p className="mt-1 text-sm text-slate-700 italic">{v.message}</p> : null}
                  {v.changes.length > 0 ? (
                    <ul className="mt-2 space-y-1 text-sm">
                      {v.changes.map((c) => (
                        <li key={c.key} className="flex flex-wrap items-baseline gap-x-2">
                          <span className="font-medium text-slate-700">{LABELS[c.key] ?? c.key}</span>
                          <code className="font-mono text-xs text-muted">{c.key}</code>
                          <span className="break-all text-slate-600">
                            {show(c.before)} → {show(c.after)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="mt-1 text-sm text-muted">No setting changed.</p>
                  )}
                </li>
              ))}
          </ol>
        )}
      </div>
    </div>
  );
}
