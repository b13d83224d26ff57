"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { roleAllows } from "@llmguard/domain/schemas";
import { OpenIncidentsSummary } from "~/components/incidents/open-incidents-summary";
import { ProjectOverview } from "~/components/metrics/project-overview";
import { KeyStatusBadge, RoleBadge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { ErrorState, LoadingState } from "~/components/ui/states";
import { Time } from "~/components/ui/time";
import { errorCode } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { ApiKeysSection } from "./api-keys-section";
import { AuditSection } from "./audit-section";
import { DangerZone } from "./danger-zone";
import { GatewaySection } from "./gateway-section";
import { MembersSection } from "./members-section";
import { ProjectNotFound } from "./project-not-found";
import { SettingsSection } from "./settings-section";

export function ProjectView({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.project.byId.queryOptions({ projectId }));

  if (project.isPending) return <LoadingState label="Loading project…" />;
  if (project.isError) {
    // A malformed id fails validation; to the user it is the same as a project that is not there.
    if (["NOT_FOUND", "VALIDATION_FAILED"].includes(errorCode(project.error) ?? "")) return <ProjectNotFound />;
    return <ErrorState error={project.error} title="Could not load the project" onRetry={() => project.refetch()} />;
  }

  const p = project.data;
  const sections = [
    { id: "api-keys", label: "API keys", show: true },
    { id: "gateway", label: "Gateway", show: true },
    { id: "members", label: "Members", show: true },
    { id: "settings", label: "Settings", show: true },
    { id: "audit", label: "Audit", show: roleAllows(p.role, "audit.read") },
    { id: "danger-zone", label: "Danger zone", show: roleAllows(p.role, "project.delete") },
  ].filter((s) => s.show);

  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-muted">
        <Link href="/projects" className="hover:text-slate-700 hover:underline">
          Projects
        </Link>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{p.name}</span>
      </nav>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{p.name}</h1>
        <RoleBadge role={p.role} />
        <KeyStatusBadge status={p.keyStatus} />
        <div className="ml-auto flex flex-wrap gap-2">
          <ButtonLink href={`/projects/${p.id}/logs`} variant="secondary" size="sm">
            Logs
          </ButtonLink>
          <ButtonLink href={`/projects/${p.id}/metrics`} variant="secondary" size="sm">
            Metrics
          </ButtonLink>
          <ButtonLink href={`/projects/${p.id}/incidents`} variant="secondary" size="sm">
            Incidents
          </ButtonLink>
          <ButtonLink href={`/projects/${p.id}/config`} variant="secondary" size="sm">
            Config
          </ButtonLink>
          <ButtonLink href={`/projects/${p.id}/secrets`} variant="secondary" size="sm">
            Secrets
          </ButtonLink>
          {roleAllows(p.role, "audit.read") ? (
            <ButtonLink href={`/projects/${p.id}/audit`} variant="secondary" size="sm">
              Audit log
            </ButtonLink>
          ) : null}
        </div>
      </div>
      <p className="mb-6 text-sm text-muted">
        Created <Time value={p.createdAt} /> · Last used <Time value={p.lastUsedAt} mode="relative" /> · Project ID <code className="font-mono text-xs">{p.id}</code>
      </p>
      <ProjectOverview projectId={p.id} />
      <OpenIncidentsSummary projectId={p.id} />
      <nav aria-label="Project sections" className="sticky top-0 z-10 -mx-1 mb-6 flex gap-1 overflow-x-auto border-b border-slate-200 bg-slate-50/95 px-1 py-2 backdrop-blur">
        {sections.map((s) => (
          <a key={s.id} href={`#${s.id}`} className="rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap text-slate-600 hover:bg-white hover:text-slate-900">
            {s.label}
          </a>
        ))}
      </nav>
      <div className="space-y-8">
        <ApiKeysSection projectId={p.id} role={p.role} />
        <GatewaySection projectId={p.id} role={p.role} />
        <MembersSection projectId={p.id} role={p.role} />
        <SettingsSection projectId={p.id} role={p.role} />
        {roleAllows(p.role, "audit.read") ? <AuditSection projectId={p.id} /> : null}
        {roleAllows(p.role, "project.delete") ? <DangerZone projectId={p.id} projectName={p.name} /> : null}
      </div>
    </div>
  );
}
