"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { Remediation } from "@llmguard/domain/schemas";
import { actorLabel, triggerLabel } from "~/components/incidents/incident-format";
import { GuardedButton } from "~/components/ui/guarded-button";
import { formatDateTime } from "~/components/ui/format";
import { Time } from "~/components/ui/time";
import { RemediationSourceBadge, RemediationStatusBadge, WatchBadge } from "./remediation-badges";
import { automationCause, changeValueText, configHistoryHref, expiryText, parametersSummary, remediationErrorMessage, remediationTypeLabel, type Rule } from "./remediation-format";
import { ScrollRegion } from "~/components/ui/scroll-region";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function ChangeValue({ value }: { value: unknown }) {
  const text = changeValueText(value);
  if (text === null) return <span className="text-xs text-muted italic">not set</span>;
  return (
    <code className="block font-mono text-xs break-all text-slate-800" title={changeValueText(value, 10_000) ?? undefined}>
      {text}
    </code>
  );
}

/** The config keys an action changed, before and after (what a rollback restores). */
export function RemediationChanges({ changes }: { changes: Remediation["changes"] }) {
  if (changes.length === 0) return <p className="text-sm text-slate-600">No config keys changed.</p>;
  return (
    <ScrollRegion label="Config keys the fix changed" className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full min-w-[36rem] table-fixed text-sm" data-testid="remediation-changes">
        <caption className="sr-only">Config keys the fix changed</caption>
        <colgroup>
          <col className="w-56" />
          <col />
          <col />
        </colgroup>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <th scope="col" className="px-3 py-1.5">
              Key
            </th>
            <th scope="col" className="px-3 py-1.5">
              Before
            </th>
            <th scope="col" className="px-3 py-1.5">
              After
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {changes.map((c) => (
            <tr key={c.key} className="align-top">
              <td className="px-3 py-1.5">
                <code className="block font-mono text-xs font-semibold break-all text-slate-900">{c.key}</code>
              </td>
              <td className="bg-red-50/70 px-3 py-1.5">
                <ChangeValue value={c.before} />
              </td>
              <td className="bg-emerald-50/70 px-3 py-1.5">
                <ChangeValue value={c.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/**
 * The outcome of an action: its regression watch (a badge and the server's sentence: what was measured,
 * before → after) or, for a failed attempt, the error.
 */
export function RemediationOutcome({ remediation: r }: { remediation: Remediation }) {
  const error = r.status === "failed" ? remediationErrorMessage(r.metadata) : null;
  if (error) {
    return (
      <div data-testid="remediation-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        <span className="font-semibold">{r.source === "automatic" ? "The automatic attempt failed:" : "The attempt failed:"}</span> <span className="break-words">{error}</span>
      </div>
    );
  }
  if (!r.watch) return null;
  return (
    <div data-testid="remediation-watch" data-watch-status={r.watch.status} className="flex flex-wrap items-start gap-x-3 gap-y-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
      <span className="text-xs font-medium tracking-wide text-slate-600 uppercase">Regression watch</span>
      <WatchBadge watch={r.watch} status={r.status} withTitle={false} />
      {r.watch.message ? <p className="min-w-0 flex-1 basis-64 text-sm break-words text-slate-700">{r.watch.message}</p> : null}
    </div>
  );
}

/** One remediation of an incident: what, where, who and when, until when, its watch, the config change, and Roll back. */
export function RemediationCard({ remediation: r, rollbackRule, onRollback }: { remediation: Remediation; rollbackRule: Rule; onRollback: (r: Remediation) => void }) {
  const expiry = expiryText(r);
  const note = typeof r.metadata.note === "string" ? r.metadata.note : null;
  const cause = r.source === "automatic" ? automationCause(r.metadata, triggerLabel) : null;
  return (
    <li data-testid="remediation" data-remediation-id={r.id} data-status={r.status} data-type={r.type} className="space-y-3 rounded-lg border border-slate-200 px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="text-sm font-semibold text-slate-900">{remediationTypeLabel(r.type)}</h3>
            <RemediationStatusBadge status={r.status} />
            <RemediationSourceBadge source={r.source} />
          </div>
          <p className="mt-1 font-mono text-xs break-words text-slate-700" data-testid="remediation-summary">
            {parametersSummary(r.type, r.parameters)}
          </p>
          {cause ? <p className="mt-1 text-xs text-slate-600">{r.status === "failed" ? "Tried" : "Applied"} by automation for {cause}: the analysis&apos;s first recommended action.</p> : null}
        </div>
        {r.status === "applied" ? (
          <GuardedButton allowed={rollbackRule.allowed} reason={rollbackRule.reason} variant="secondary" size="sm" onClick={() => onRollback(r)}>
            Roll back
          </GuardedButton>
        ) : null}
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Fact label="Environment">
          <span className="font-mono text-xs">{r.environment}</span>
        </Fact>
        <Fact label="Applied">
          <span className="block truncate" title={r.appliedBy?.email ?? undefined}>
            {r.source === "automatic" && !r.appliedBy ? "LLMGuard" : actorLabel(r.appliedBy)}
          </span>
          <span className="text-xs text-slate-600">
            <Time value={r.appliedAt} mode="datetime" />
          </span>
        </Fact>
        <Fact label={r.status === "applied" ? "Ends" : r.status === "expired" ? "Expired" : r.status === "rolled_back" ? "Rolled back" : "Ended"}>
          {r.rolledBackAt ? (
            <>
              <span className="block truncate">{r.status === "rolled_back" ? actorLabel(r.rolledBackBy) : "LLMGuard"}</span>
              <span className="text-xs text-slate-600">
                <Time value={r.rolledBackAt} mode="datetime" />
              </span>
            </>
          ) : r.status === "applied" ? (
            expiry && r.expiresAt ? (
              <span title={formatDateTime(r.expiresAt)}>{expiry}</span>
            ) : (
              <span className="text-slate-600">When rolled back</span>
            )
          ) : (
            "—"
          )}
        </Fact>
        <Fact label="Config version">
          {r.configVersion ? (
            <Link href={configHistoryHref(r.projectId, r.environment)} className="font-medium text-indigo-700 hover:underline" title={`The history of ${r.environment}`}>
              v{r.configVersion}
            </Link>
          ) : (
            "—"
          )}
          {r.rollbackVersion ? <span className="text-xs text-slate-600"> · rollback v{r.rollbackVersion}</span> : null}
        </Fact>
      </dl>
      <RemediationOutcome remediation={r} />
      {note ? <p className="text-sm break-words whitespace-pre-line text-slate-700">“{note}”</p> : null}
      <RemediationChanges changes={r.changes} />
    </li>
  );
}
