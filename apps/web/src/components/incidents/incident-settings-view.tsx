"use client";

import { useQuery } from "@tanstack/react-query";
import type { ProjectSummary } from "@llmguard/domain/schemas";
import { ProjectScope } from "~/components/logs/project-scope";
import { ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";
import { AutomationSettings } from "./automation-settings";
import { readAutomationSettings } from "./automation-settings-format";
import { DatadogSettings } from "./datadog-settings";
import { INCIDENT_SETTINGS_TITLE, incidentSettingsRules, readIncidentSettings } from "./incident-settings-format";
import { NotificationSettings } from "./notification-settings";

/** /projects/<id>/incidents/settings: the Datadog webhook, the incident notification channels and remediation automation. */
export function IncidentSettingsView({ projectId }: { projectId: string }) {
  return (
    <ProjectScope projectId={projectId} page="incidents" subpage={INCIDENT_SETTINGS_TITLE}>
      {(project) => <IncidentSettingsBody project={project} />}
    </ProjectScope>
  );
}

function IncidentSettingsBody({ project }: { project: ProjectSummary }) {
  const trpc = useTRPC();
  const projectId = project.id;
  const rules = incidentSettingsRules(project.role);
  // The settings are typed keys of the base config; the destinations are project secrets (names only).
  const config = useQuery(trpc.config.getEffective.queryOptions({ projectId, environment: "base" }));
  const secrets = useQuery(trpc.secret.list.queryOptions({ projectId }));
  // Automation writes to one of the project's environments.
  const environments = useQuery(trpc.config.listEnvironments.queryOptions({ projectId }));
  const settings = config.data ? readIncidentSettings(config.data.entries) : undefined;
  const readOnly = !rules.datadog.allowed && !rules.config.allowed && !rules.secrets.allowed && !rules.test.allowed;

  const configFallback = config.isPending ? (
    <LoadingState label="Loading settings…" className="py-3" />
  ) : (
    <ErrorState error={config.error} title="Could not load the project's settings" onRetry={() => config.refetch()} />
  );

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{INCIDENT_SETTINGS_TITLE}</h1>
        <p className="mt-1 text-sm text-slate-600">Where incidents come from besides LLMGuard&apos;s own detection, who hears about a new one, and what LLMGuard fixes by itself.</p>
      </div>
      {readOnly ? (
        <Notice>
          Your role ({project.role}) can see these settings. Admins and the owner connect Datadog, choose the notification channels, send test messages and set up automation.
        </Notice>
      ) : null}

      <DatadogSettings projectId={projectId} rules={rules} onRecovered={settings?.onRecovered} configFallback={configFallback} />

      {config.isPending || secrets.isPending ? (
        <div className="rounded-xl border border-slate-200 bg-white px-5 shadow-sm">
          <LoadingState label="Loading notification settings…" />
        </div>
      ) : config.isError || secrets.isError ? (
        <ErrorState
          error={config.error ?? secrets.error}
          title="Could not load the notification settings"
          onRetry={() => {
            if (config.isError) void config.refetch();
            if (secrets.isError) void secrets.refetch();
          }}
        />
      ) : (
        <NotificationSettings projectId={projectId} rules={rules} minSeverity={readIncidentSettings(config.data.entries).minSeverity} secrets={secrets.data} />
      )}

      {config.isPending || environments.isPending ? (
        <div className="rounded-xl border border-slate-200 bg-white px-5 shadow-sm">
          <LoadingState label="Loading automation settings…" />
        </div>
      ) : config.isError || environments.isError ? (
        <ErrorState
          error={config.error ?? environments.error}
          title="Could not load the automation settings"
          onRetry={() => {
            if (config.isError) void config.refetch();
            if (environments.isError) void environments.refetch();
          }}
        />
      ) : (
        <AutomationSettings projectId={projectId} rules={rules} stored={readAutomationSettings(config.data.entries)} environments={environments.data} />
      )}
    </div>
  );
}
