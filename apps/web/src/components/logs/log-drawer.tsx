"use client";

import { useModalDialog } from "~/components/ui/use-modal-dialog";
import { useQuery } from "@tanstack/react-query";
import { useId, type ReactNode } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { ErrorState, LoadingState } from "~/components/ui/states";
import { Time } from "~/components/ui/time";
import { errorCode } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { EnforcementBadge } from "~/components/remediation/remediation-badges";
import { remediationTypeLabel } from "~/components/remediation/remediation-format";
import { RiskBadge, SourceBadge, StatusBadge } from "./badges";
import { formatCost, formatInt, formatLatency } from "./format";
import { segmentText, type MarkSpan } from "./highlight";
import { factorName, normalizeFactors, type FactorView } from "./risk-factors";
import { ScrollRegion } from "~/components/ui/scroll-region";

/**
 * The full record of one request, in a side panel. Built on a modal <dialog>: the browser keeps focus
 * inside it, makes the page behind inert, closes it on Escape and returns focus to where it was.
 */
export function LogDrawer({ projectId, requestId, onClose }: { projectId: string; requestId: string | null; onClose: () => void }) {

  const titleId = useId();
  const open = requestId !== null;

  const ref = useModalDialog(open);

  return (
    <dialog
      ref={ref}
      role="dialog"
      aria-labelledby={titleId}
      data-testid="log-drawer"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself, outside the panel.
        if (e.target === e.currentTarget) onClose();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-3xl overflow-hidden bg-white p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      {open ? (
        <div className="flex h-full flex-col">
          <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-6 py-4">
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              Request details
            </h2>
            <Button variant="secondary" size="sm" onClick={onClose} autoFocus>
              Close
            </Button>
          </div>
          <ScrollRegion label="Request details content" className="flex-1 overflow-y-auto px-6 py-5">
            <RequestDetail projectId={projectId} requestId={requestId} />
          </ScrollRegion>
        </div>
      ) : null}
    </dialog>
  );
}

function RequestDetail({ projectId, requestId }: { projectId: string; requestId: string }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.log.byId.queryOptions({ projectId, id: requestId }));

  if (detail.isPending) return <LoadingState label="Loading request…" />;
  if (detail.isError) {
    if (["NOT_FOUND", "VALIDATION_FAILED"].includes(errorCode(detail.error) ?? "")) {
      return <p className="text-sm text-slate-600">This request does not exist in this project (it may have been deleted by retention).</p>;
    }
    return <ErrorState error={detail.error} title="Could not load the request" onRetry={() => detail.refetch()} />;
  }

  const r = detail.data;
  const factors = normalizeFactors(r.riskFactors);
  const tokens =
    r.promptTokens !== null || r.completionTokens !== null
      ? `${formatInt(r.totalTokens)} (${formatInt(r.promptTokens ?? 0)} prompt + ${formatInt(r.completionTokens ?? 0)} completion)`
      : formatInt(r.totalTokens);

  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <Item label="Status">
          <StatusBadge status={r.status} />
        </Item>
        <Item label="Risk score">
          <RiskBadge score={r.riskScore} flagged={r.flagged} />
        </Item>
        <Item label="Source">
          <SourceBadge source={r.source} />
          <span className="block text-xs text-muted">{r.source === "gateway" ? "Logged by the OpenAI-compatible gateway" : "Sent to the ingest API (SDK or REST)"}</span>
        </Item>
        <Item label="Enforcement">{r.enforcement ? <EnforcementBadge outcome={r.enforcement} /> : <span className="text-muted">None: no rule applied</span>}</Item>
        <Item label="Model">
          <span className="font-mono text-xs break-all">{r.model}</span>
          {r.requestedModel && r.requestedModel !== r.model ? <span className="block text-xs text-slate-600">asked for <span className="font-mono break-all">{r.requestedModel}</span></span> : null}
        </Item>
        <Item label="Latency">{formatLatency(r.latencyMs)}</Item>
        <Item label="Tokens">{tokens}</Item>
        <Item label="Cost">{r.costUsd === null ? <span className="text-muted">Unpriced (unknown model price)</span> : formatCost(r.costUsd)}</Item>
        <Item label="Time">
          <Time value={r.timestamp} mode="datetime" />
        </Item>
        <Item label="Received">
          <Time value={r.receivedAt} mode="datetime" />
        </Item>
        <Item label="End user">{r.endUserId ? <span className="break-all">{r.endUserId}</span> : <None />}</Item>
        <Item label="Endpoint">{r.endpoint ? <span className="font-mono text-xs break-all">{r.endpoint}</span> : <None />}</Item>
        <Item label="Request ID">
          <code className="font-mono text-xs break-all">{r.id}</code>
        </Item>
        <Item label="Project ID">
          <code className="font-mono text-xs break-all">{projectId}</code>
        </Item>
      </dl>

      {r.enforcementReasons.length > 0 ? (
        <section aria-label="Rules that applied">
          <h3 className="text-sm font-semibold text-slate-900">Rules that applied</h3>
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200" data-testid="enforcement-reasons">
            {r.enforcementReasons.map((reason, i) => (
              <li key={`${reason.remediationId}-${i}`} className="px-3 py-2 text-sm">
                <p className="font-medium text-slate-900">
                  {remediationTypeLabel(reason.type)} <code className="ml-1 font-mono text-xs font-normal text-muted">{reason.remediationId}</code>
                </p>
                <p className="mt-0.5 break-words text-slate-600">{reason.message}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {r.errorMessage ? (
        <div role="note" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-semibold">Error message</p>
          <p className="mt-1 font-mono text-xs whitespace-pre-wrap">{r.errorMessage}</p>
        </div>
      ) : null}

      <MarkedText title="Prompt" text={r.prompt} factors={factors} field="prompt" />
      <MarkedText title="Response" text={r.response} factors={factors} field="response" />

      <section aria-label="Risk factors">
        <h3 className="text-sm font-semibold text-slate-900">Risk factors</h3>
        {factors.length === 0 ? (
          <p className="mt-1 text-sm text-muted">None found.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200">
            {factors.map((f, i) => (
              <li key={`${f.type}-${i}`} className="flex items-start justify-between gap-4 px-3 py-2 text-sm">
                <div>
                  <p className="font-medium text-slate-900">
                    {factorName(f.type)} <code className="ml-1 font-mono text-xs font-normal text-muted">{f.type}</code>
                  </p>
                  {f.detail ? <p className="mt-0.5 text-slate-600">{f.detail}</p> : null}
                </div>
                <Badge tone={f.points >= 30 ? "red" : f.points >= 10 ? "amber" : f.points < 0 ? "green" : "gray"} className="shrink-0 tabular-nums">
                  {f.points < 0 ? `−${Math.abs(f.points)}` : `+${f.points}`}
                  <span className="sr-only"> points</span>
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-label="Metadata">
        <h3 className="text-sm font-semibold text-slate-900">Metadata</h3>
        {r.metadata && Object.keys(r.metadata).length > 0 ? (
          <ScrollRegion as="pre" label="Metadata" className="mt-2 max-h-72 overflow-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
            {JSON.stringify(r.metadata, null, 2)}
          </ScrollRegion>
        ) : (
          <p className="mt-1 text-sm text-muted">None.</p>
        )}
      </section>
    </div>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-muted uppercase">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

function None() {
  return <span className="text-muted">—</span>;
}

/** A prompt or response with the characters that risk factors pointed at marked; the mark's title says why. */
function MarkedText({ title, text, factors, field }: { title: string; text: string; factors: FactorView[]; field: "prompt" | "response" }) {
  const spans: MarkSpan[] = factors.flatMap((f) =>
    f.spans.filter((s) => s.field === field).map((s) => ({ start: s.start, end: s.end, label: f.detail || factorName(f.type) })),
  );
  const segments = segmentText(text, spans);
  const marked = segments.filter((s) => s.labels.length > 0).length;
  return (
    <section aria-label={title}>
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        <span className="text-xs text-muted">
          {formatInt(text.length)} characters{marked > 0 ? ` · ${marked} marked` : ""}
        </span>
      </div>
      <ScrollRegion as="pre" label={`${title} text`} className="mt-2 max-h-96 overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-slate-800">
        {text.length === 0 ? (
          <span className="text-muted italic">(empty)</span>
        ) : (
          segments.map((s, i) =>
            s.labels.length > 0 ? (
              <mark key={i} title={s.labels.join("\n")} className={cn("rounded-sm text-slate-900 ring-1 ring-amber-400", s.labels.length > 1 ? "bg-amber-300" : "bg-amber-200")}>
                {s.text}
              </mark>
            ) : (
              <span key={i}>{s.text}</span>
            ),
          )
        )}
      </ScrollRegion>
    </section>
  );
}
