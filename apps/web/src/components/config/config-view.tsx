"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import type { EnvironmentView, ProjectSummary } from "@llmguard/domain/schemas";
import { ProjectScope } from "~/components/logs/project-scope";
import { cn } from "~/components/ui/cn";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { GuardedButton } from "~/components/ui/guarded-button";
import { LockIcon } from "~/components/ui/icons";
import { ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { Time } from "~/components/ui/time";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { ConfigEditor, type Draft } from "./config-editor";
import { ConfigHistory } from "./config-history";
import { canCreateEnvironment, canDeleteEnvironment } from "./config-permissions";
import { CreateEnvironmentDialog } from "./create-environment-dialog";
import { EnvironmentTabs } from "./environment-tabs";
import { KeyTypesPanel } from "./key-types-panel";

export type ConfigTab = "editor" | "history";
const DEFAULT_ENVIRONMENT = "base";

/** A description as a sentence: the built-in ones have no full stop. */
const sentence = (text: string) => (!text ? "" : /[.!?]$/.test(text) ? text : `${text}.`);

export function ConfigView({ projectId }: { projectId: string }) {
  return (
    <ProjectScope projectId={projectId} page="config">
      {(project) => <ConfigWorkspace project={project} />}
    </ProjectScope>
  );
}

/** Environment tabs, then the chosen environment's editor or history (?env=production&view=history). */
function ConfigWorkspace({ project }: { project: ProjectSummary }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const envName = params.get("env") ?? DEFAULT_ENVIRONMENT;
  const tab: ConfigTab = params.get("view") === "history" ? "history" : "editor";
  const environments = useQuery(trpc.config.listEnvironments.queryOptions({ projectId: project.id }));
  // Staged changes per environment, kept while switching tabs so nothing typed is lost.
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const unsaved = new Set(Object.entries(drafts).filter(([, d]) => Object.keys(d).length > 0).map(([e]) => e));
  const hasUnsaved = unsaved.size > 0;

  useEffect(() => {
    if (!hasUnsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [hasUnsaved]);

  const href = (env: string, view: ConfigTab = tab) => {
    const q = new URLSearchParams();
    if (env !== DEFAULT_ENVIRONMENT) q.set("env", env);
    if (view === "history") q.set("view", "history");
    const qs = q.toString();
    return qs ? `${pathname}?${qs}` : pathname;
  };

  const remove = useMutation(
    trpc.config.deleteEnvironment.mutationOptions({
      onSuccess: async () => {
        setDeleting(false);
        router.replace(href(DEFAULT_ENVIRONMENT));
        await Promise.all([queryClient.invalidateQueries(trpc.config.pathFilter()), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
      },
    }),
  );

  if (environments.isPending) return <LoadingState label="Loading environments…" />;
  if (environments.isError) return <ErrorState error={environments.error} title="Could not load the environments" onRetry={() => environments.refetch()} />;

  const envs = environments.data;
  const env: EnvironmentView | undefined = envs.find((e) => e.name === envName);
  const createRule = canCreateEnvironment(project.role, false);
  const deleteRule = canDeleteEnvironment(project.role);

  return (
    <div>
      <EnvironmentTabs
        environments={envs}
        current={envName}
        hrefFor={(e) => href(e)}
        unsaved={unsaved}
        actions={
          <GuardedButton allowed={createRule.allowed} reason={createRule.reason} variant="secondary" size="sm" onClick={() => setCreating(true)}>
            New environment
          </GuardedButton>
        }
      />
      {!env ? (
        <Notice tone="warning">
          There is no environment named “{envName}” in this project.{" "}
          <Link href={href(DEFAULT_ENVIRONMENT)} className="font-medium underline">
            Open base
          </Link>
        </Notice>
      ) : (
        <div className="space-y-6">
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div>
              <h2 className="flex items-center gap-2 text-lg font-semibold text-slate-900">
                {env.name}
                {env.protected ? (
                  <span className="inline-flex items-center gap-1 rounded-md bg-chip text-chip-fg px-2 py-0.5 text-xs font-medium">
                    <LockIcon /> protected
                  </span>
                ) : null}
                {!env.builtin ? <span className="rounded-md bg-chip text-chip-fg px-2 py-0.5 text-xs font-medium">custom</span> : null}
              </h2>
              <p className="mt-0.5 text-sm text-muted">
                {sentence(env.description)} {env.protected ? "Admins and owners change it." : "Developers, admins and owners change it."}{" "}
                {env.version > 0 ? (
                  <>
                    Own keys: {env.keys}, last changed <Time value={env.updatedAt} mode="relative" /> (v{env.version}).
                  </>
                ) : (
                  "Nothing set here yet."
                )}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <nav aria-label="Config views" className="inline-flex rounded-md bg-slate-100 p-0.5">
                {(["editor", "history"] as const).map((v) => (
                  <Link
                    key={v}
                    href={href(env.name, v)}
                    scroll={false}
                    aria-current={tab === v ? "page" : undefined}
                    className={cn("rounded px-3 py-1 text-sm font-medium", tab === v ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900")}
                  >
                    {v === "editor" ? "Editor" : "History"}
                  </Link>
                ))}
              </nav>
              {!env.builtin ? (
                <GuardedButton allowed={deleteRule.allowed} reason={deleteRule.reason} variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setDeleting(true)}>
                  Delete environment
                </GuardedButton>
              ) : null}
            </div>
          </div>

          {tab === "editor" ? (
            <>
              <ConfigEditor
                key={env.name}
                projectId={project.id}
                role={project.role}
                environment={env}
                environments={envs}
                draft={drafts[env.name] ?? {}}
                setDraft={(d) => setDrafts((cur) => ({ ...cur, [env.name]: d }))}
              />
              <KeyTypesPanel projectId={project.id} role={project.role} />
            </>
          ) : (
            <ConfigHistory key={env.name} projectId={project.id} role={project.role} environment={env} />
          )}
        </div>
      )}

      <CreateEnvironmentDialog projectId={project.id} role={project.role} open={creating} onClose={() => setCreating(false)} onCreated={(e) => {
        setCreating(false);
        router.push(href(e.name, "editor"));
      }} />
      <ConfirmDialog
        open={deleting}
        title={`Delete the environment ${envName}?`}
        confirmLabel="Delete environment"
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate({ projectId: project.id, environment: envName })}
      >
        <p>Its keys and all of its versions are deleted. Services reading {envName} get an error from now on. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
