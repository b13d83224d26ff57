"use client";

import type { IncidentRca, RecommendedAction } from "@llmguard/domain/schemas";
import { formatInt } from "~/components/logs/format";
import { Badge } from "~/components/ui/badge";
import { GuardedButton } from "~/components/ui/guarded-button";
import { Section } from "~/components/ui/card";
import { Spinner } from "~/components/ui/spinner";
import { Time } from "~/components/ui/time";
import { SeverityBadge } from "./incident-badges";
import { actionLabel, parameterPairs } from "./incident-format";

/** Where the analysis came from: "OpenAI · <model>" or "Heuristic" (no key, or OpenAI failed). */
export function RcaSourceBadge({ rca }: { rca: IncidentRca }) {
  if (rca.source === "openai") {
    return (
      <Badge tone="indigo" className="max-w-full">
        <span className="truncate">OpenAI{rca.model ? ` · ${rca.model}` : ""}</span>
      </Badge>
    );
  }
  return <Badge tone="gray">Heuristic</Badge>;
}

/**
 * The root-cause analysis: what happened, what to change, the recommended actions with their reasons and
 * parameters, each with Apply (a dialog pre-filled with them, issue 10), and how many requests it affected.
 * While none is stored yet, a pending note (the page polls meanwhile).
 */
export function RcaCard({
  rca,
  reanalysing,
  apply,
}: {
  rca: IncidentRca | null;
  reanalysing: boolean;
  /** Apply for each recommended action; disabled with the reason when the role may not. */
  apply?: { allowed: boolean; reason: string; onApply: (action: RecommendedAction) => void };
}) {
  return (
    <Section
      id="analysis"
      title="Root-cause analysis"
      description={rca ? <>Generated <Time value={rca.createdAt} mode="relative" /></> : "Written when the incident opens: by OpenAI with a key, else by LLMGuard's own rules."}
      actions={rca ? <RcaSourceBadge rca={rca} /> : null}
      className="min-w-0"
    >
      <div data-testid="rca-card" className="space-y-5">
        {reanalysing || !rca ? (
          <p role="status" aria-live="polite" className="flex items-center gap-2 text-sm text-slate-700">
            <Spinner className="size-4 text-indigo-600" />
            {rca ? "Re-analysis queued… the new analysis replaces this one when it is ready." : "Analysis pending…"}
          </p>
        ) : null}
        {rca ? (
          <>
            <div>
              <h3 className="text-sm font-semibold text-slate-900">Root cause</h3>
              <p className="mt-1 text-sm break-words whitespace-pre-line text-slate-700">{rca.rootCause}</p>
            </div>
            <div>
              <h3 className="text-sm font-semibold text-slate-900">Recommended fix</h3>
              <p className="mt-1 text-sm break-words whitespace-pre-line text-slate-700">{rca.recommendedFix}</p>
            </div>
            <dl className="grid grid-cols-2 gap-4 text-sm">
              <div>
                <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">Affected requests</dt>
                <dd className="mt-0.5 text-lg font-semibold text-slate-900 tabular-nums">{formatInt(rca.affectedRequests)}</dd>
              </div>
              <div>
                <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">Assessed severity</dt>
                <dd className="mt-1">
                  <SeverityBadge severity={rca.severity} />
                </dd>
              </div>
            </dl>
            <div>
              <h3 className="text-sm font-semibold text-slate-900">Recommended actions</h3>
              {rca.recommendedActions.length === 0 ? (
                <p className="mt-1 text-sm text-slate-600">None: nothing in the project&apos;s settings would help here.</p>
              ) : (
                <ol className="mt-2 space-y-2">
                  {rca.recommendedActions.map((a, i) => {
                    const params = parameterPairs(a.parameters);
                    return (
                      <li key={`${a.type}-${i}`} data-testid="rca-action" data-type={a.type} className="rounded-lg border border-slate-200 px-3 py-2 text-sm">
                        <div className="flex items-start justify-between gap-3">
                          <p className="font-medium text-slate-900">
                            {actionLabel(a.type)} <code className="ml-1 font-mono text-xs font-normal text-slate-600">{a.type}</code>
                          </p>
                          {apply ? (
                            <GuardedButton
                              allowed={apply.allowed}
                              reason={apply.reason}
                              variant="secondary"
                              size="sm"
                              onClick={() => apply.onApply(a)}
                              aria-label={`Apply: ${actionLabel(a.type)}`}
                            >
                              Apply
                            </GuardedButton>
                          ) : null}
                        </div>
                        <p className="mt-0.5 break-words text-slate-700">{a.reason}</p>
                        {params.length > 0 ? (
                          <dl className="mt-1.5 flex flex-wrap gap-1.5">
                            {params.map((p) => (
                              <div key={p.name} className="inline-flex max-w-full items-baseline gap-1 rounded bg-chip text-chip-fg px-1.5 py-0.5 font-mono text-xs">
                                <dt className="text-slate-600">{p.name}:</dt>
                                <dd className="truncate" title={p.value}>
                                  {p.value}
                                </dd>
                              </div>
                            ))}
                          </dl>
                        ) : null}
                      </li>
                    );
                  })}
                </ol>
              )}
            </div>
          </>
        ) : null}
      </div>
    </Section>
  );
}
