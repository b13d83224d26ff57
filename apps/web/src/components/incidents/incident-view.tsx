"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { roleAllows, type IncidentDetail, type ProjectSummary } from "@llmguard/domain/schemas";
import { ApplyRemediationDialog, type ApplyRequest } from "~/components/remediation/apply-remediation-dialog";
import { IncidentRemediations } from "~/components/remediation/incident-remediations";
import { canRemediateIn } from "~/components/remediation/remediation-format";
import { LogDrawer } from "~/components/logs/log-drawer";
import { ProjectScope } from "~/components/logs/project-scope";
import { formatInt, formatLogTime } from "~/components/logs/format";
import { ButtonLink } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { formatDateTime } from "~/components/ui/format";
import { FormError, FormStatus } from "~/components/ui/field";
import { GuardedButton } from "~/components/ui/guarded-button";
import { ErrorState, LoadingState } from "~/components/ui/states";
import { errorCode, errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { EvidenceChart } from "./evidence-chart";
import { EvidenceList } from "./evidence-list";
import { IncidentStatusBadge, SeverityBadge } from "./incident-badges";
import { allowedActions, scopeLabel, triggerLabel } from "./incident-format";
import { incidentsHref } from "./incident-query-state";
import { IncidentTimeline } from "./incident-timeline";
import { LIVE_REFRESH_MS } from "./incidents-view";
import { RcaCard } from "./rca-card";
import { RelatedRequestsTable } from "./related-requests";
import { ACTION_TEXT, StatusChangeDialog, type StatusAction } from "./status-change-dialog";
import { useReplaceParams } from "~/components/ui/use-replace-params";

/** While an analysis is awaited the incident is read this often; otherwise at the list's pace. */
const ANALYSIS_POLL_MS = 3_000;
/** A re-run that has not produced a new analysis by then stops being awaited (the job gave up, or is slow). */
const RERUN_WAIT_MS = 3 * 60_000;

const NOT_FOUND_CODES = ["NOT_FOUND", "VALIDATION_FAILED"];

export function IncidentView({ projectId, incidentId }: { projectId: string; incidentId: string }) {
  const trpc = useTRPC();
  // The creation time of the analysis a re-run should replace (null: there was none), while awaited.
  const [awaiting, setAwaiting] = useState<{ previous: number | null } | null>(null);
  const incident = useQuery({
    ...trpc.incident.byId.queryOptions({ incidentId }),
    refetchInterval: (query) => {
      const data = query.state.data;
      if (query.state.status === "error" || !data) return false;
      const rcaAt = data.rca ? new Date(data.rca.createdAt).getTime() : null;
      return !data.rca || (awaiting && awaiting.previous === rcaAt) ? ANALYSIS_POLL_MS : LIVE_REFRESH_MS;
    },
  });
  // Read here, during this component's render: react-query re-renders it only for the result's fields
  // read while rendering (tracked properties), and the function below runs later, in ProjectScope's render.
  const { isPending, isError, isRefetchError, error, refetch } = incident;
  const data = incident.data && incident.data.projectId === projectId ? incident.data : undefined;
  const loaded = incident.data !== undefined;

  return (
    <ProjectScope projectId={projectId} page="incidents" subpage={data?.title ?? "Incident"}>
      {(project) =>
        isPending ? (
          <LoadingState label="Loading incident…" />
        ) : isError && !loaded ? (
          NOT_FOUND_CODES.includes(errorCode(error) ?? "") ? (
            <IncidentNotFound projectId={projectId} />
          ) : (
            <ErrorState error={error} title="Could not load the incident" onRetry={() => refetch()} />
          )
        ) : !data ? (
          // Another project's incident (of a project this user is also in) is not found in this one.
          <IncidentNotFound projectId={projectId} />
        ) : (
          <IncidentBody project={project} incident={data} refreshError={isRefetchError ? error : null} awaiting={awaiting} setAwaiting={setAwaiting} />
        )
      }
    </ProjectScope>
  );
}

function IncidentNotFound({ projectId }: { projectId: string }) {
  return (
    <div role="alert" className="rounded-xl border border-slate-200 bg-white px-6 py-12 text-center shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Incident not found</h1>
      <p className="mt-2 text-sm text-slate-600">It does not exist, or it belongs to another project.</p>
      <ButtonLink href={incidentsHref(projectId)} variant="secondary" className="mt-6">
        Back to incidents
      </ButtonLink>
    </div>
  );
}

/** "Dec 6, 11:46 AM" (the year only when it is not this one), the exact moment in the tooltip: fits a narrow column. */
function ShortTime({ value }: { value: Date }) {
  const d = new Date(value);
  return (
    <time dateTime={d.toISOString()} title={formatDateTime(d)} className="whitespace-nowrap">
      {formatLogTime(d)}
    </time>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function IncidentBody({
  project,
  incident,
  refreshError,
  awaiting,
  setAwaiting,
}: {
  project: ProjectSummary;
  incident: IncidentDetail;
  refreshError: unknown;
  awaiting: { previous: number | null } | null;
  setAwaiting: (value: { previous: number | null } | null) => void;
}) {
  const trpc = useTRPC();
  const searchParams = useSearchParams();
  const replaceParams = useReplaceParams();
  const selectedId = searchParams.get("request");
  const [dialog, setDialog] = useState<StatusAction | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // The fix being applied, and a counter that gives each opening of the dialog fresh state.
  const [applying, setApplying] = useState<ApplyRequest | null>(null);
  const [applyKey, setApplyKey] = useState(0);
  const openApply = (request: ApplyRequest) => {
    setApplyKey((k) => k + 1);
    setApplying(request);
  };
  const canApply = canRemediateIn(project.role, undefined);
  const canUpdate = roleAllows(project.role, "incident.update");
  const reason = `Changing an incident needs the developer role or higher (you are ${project.role}).`;
  const rcaAt = incident.rca ? new Date(incident.rca.createdAt).getTime() : null;
  const reanalysing = awaiting !== null && awaiting.previous === rcaAt;

  useEffect(() => {
    if (!awaiting) return;
    const t = setTimeout(() => setAwaiting(null), RERUN_WAIT_MS);
    return () => clearTimeout(t);
  }, [awaiting, setAwaiting]);

  const rerun = useMutation(
    trpc.incident.rerunAnalysis.mutationOptions({
      onSuccess: () => {
        setStatus(null);
        setAwaiting({ previous: rcaAt });
      },
    }),
  );

  const openRequest = (id: string) =>
    replaceParams((p) => {
      p.set("request", id);
      return p;
    });
  const closeRequest = () =>
    replaceParams((p) => {
      p.delete("request");
      return p;
    });

  const scope = scopeLabel(incident.scope);
  return (
    <div className="space-y-6">
      <header className="space-y-4">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0 flex-1">
            <div className="mb-2 flex flex-wrap items-center gap-2" data-testid="incident-badges">
              <SeverityBadge severity={incident.severity} />
              <IncidentStatusBadge status={incident.status} />
            </div>
            <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{incident.title}</h1>
          </div>
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Incident actions">
            {allowedActions(incident.status).map((action) => (
              <GuardedButton key={action} allowed={canUpdate} reason={reason} variant={action === "resolve" ? "primary" : "secondary"} onClick={() => setDialog(action)}>
                {ACTION_TEXT[action].button}
              </GuardedButton>
            ))}
            <GuardedButton allowed={canUpdate} reason={reason} variant="secondary" onClick={() => rerun.mutate({ incidentId: incident.id })} pending={rerun.isPending} disabled={reanalysing}>
              Re-run analysis
            </GuardedButton>
          </div>
        </div>
        {incident.description ? <p className="max-w-3xl text-sm break-words whitespace-pre-line text-slate-700">{incident.description}</p> : null}
        <dl className="grid grid-cols-2 gap-4 rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6">
          <Fact label="Trigger">{triggerLabel(incident.trigger)}</Fact>
          <Fact label="Scope">
            <span className="block truncate" title={scope}>
              {scope}
            </span>
          </Fact>
          <Fact label="Occurrences">
            <span className="tabular-nums">{formatInt(incident.occurrences)}</span>
          </Fact>
          <Fact label="First seen">
            <ShortTime value={incident.firstSeenAt} />
          </Fact>
          <Fact label="Last seen">
            <ShortTime value={incident.lastSeenAt} />
          </Fact>
          <Fact label={incident.resolvedAt ? "Resolved" : "Opened"}>
            <ShortTime value={incident.resolvedAt ?? incident.createdAt} />
          </Fact>
        </dl>
        <FormStatus message={status} />
        {rerun.isError ? <FormError message={`Could not queue the analysis: ${errorMessage(rerun.error)}`} /> : null}
        {refreshError ? (
          <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Could not refresh the incident: {errorMessage(refreshError)} Showing what was loaded before.
          </p>
        ) : null}
      </header>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Section id="evidence" title="Evidence" description="What the detector saw when it opened the incident." className="min-w-0">
          <EvidenceList trigger={incident.trigger} evidence={incident.evidence} />
          <EvidenceChart incident={incident} />
        </Section>
        <RcaCard rca={incident.rca} reanalysing={reanalysing} apply={{ ...canApply, onApply: (action) => openApply({ source: "recommended", action }) }} />
      </div>

      <IncidentRemediations project={project} incidentId={incident.id} onApplyCustom={() => openApply({ source: "manual" })} onStatus={setStatus} />

      <Section
        id="related-requests"
        title="Related requests"
        description={
          incident.relatedRequests.length > 0
            ? `${incident.relatedRequests.length} request${incident.relatedRequests.length === 1 ? "" : "s"} of the incident's scope around its time, the ones its evidence names first. Open one to see its prompt, response and risk factors.`
            : undefined
        }
      >
        {incident.relatedRequests.length === 0 ? (
          <p className="text-sm text-slate-600">
            {incident.trigger === "manual" || incident.trigger === "datadog" ? "This incident names no requests." : "No requests of this scope around the incident's time (retention may have removed them)."}
          </p>
        ) : (
          <RelatedRequestsTable rows={incident.relatedRequests} onOpen={openRequest} selectedId={selectedId} />
        )}
      </Section>

      <Section id="timeline" title="Timeline" description="Openings, occurrences, analyses and status changes, oldest first.">
        <IncidentTimeline events={incident.timeline} />
      </Section>

      <StatusChangeDialog
        projectId={project.id}
        incidentId={incident.id}
        action={dialog}
        onClose={() => setDialog(null)}
        onDone={(message) => {
          setDialog(null);
          setStatus(message);
        }}
      />
      <ApplyRemediationDialog
        key={applyKey}
        projectId={project.id}
        incidentId={incident.id}
        role={project.role}
        request={applying}
        onClose={() => setApplying(null)}
        onDone={(_remediation, message) => {
          setApplying(null);
          setStatus(message);
        }}
      />
      <LogDrawer projectId={project.id} requestId={selectedId} onClose={closeRequest} />
    </div>
  );
}
