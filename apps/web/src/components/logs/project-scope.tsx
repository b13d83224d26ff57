"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, type ReactNode } from "react";
import { roleAllows, type ProjectSummary } from "@llmguard/domain/schemas";
import { ButtonLink } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { ProjectNotFound } from "~/components/projects/project-not-found";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { Time } from "~/components/ui/time";
import { errorCode } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

export type ProjectPage = "logs" | "metrics" | "incidents" | "remediations" | "config" | "secrets" | "audit";

const PAGES: { key: ProjectPage | "overview"; label: string; suffix: string; show?: (p: ProjectSummary) => boolean }[] = [
  { key: "overview", label: "Overview", suffix: "" },
  { key: "logs", label: "Logs", suffix: "/logs" },
  { key: "metrics", label: "Metrics", suffix: "/metrics" },
  { key: "incidents", label: "Incidents", suffix: "/incidents" },
  { key: "remediations", label: "Remediations", suffix: "/remediations" },
  { key: "config", label: "Config", suffix: "/config" },
  { key: "secrets", label: "Secrets", suffix: "/secrets" },
  { key: "audit", label: "Audit log", suffix: "/audit", show: (p) => roleAllows(p.role, "audit.read") },
];

const TITLES: Record<ProjectPage, { title: string; description: string; picker: string }> = {
  logs: { title: "Logs", description: "Every LLM call your SDKs sent to this project, with prompt, response, latency, cost and risk.", picker: "Requests are kept per project." },
  metrics: { title: "Metrics", description: "Traffic, errors, latency percentiles, tokens and cost of this project over time.", picker: "Metrics are kept per project." },
  incidents: {
    title: "Incidents",
    description: "Problems LLMGuard detected in this project's traffic (or someone opened by hand), with the evidence and a root-cause analysis.",
    picker: "Incidents are kept per project.",
  },
  remediations: {
    title: "Remediations",
    description: "Fixes applied to this project's incidents: what the guard enforces now, what was rolled back or expired, and the config version of each.",
    picker: "Remediations are kept per project.",
  },
  config: {
    title: "Config",
    description: "The settings your services read at run time, per environment: base, overridden key by key. Every save is a version.",
    picker: "Config and secrets are kept per project.",
  },
  secrets: { title: "Secrets", description: "Encrypted values your config references as {{ secret:NAME }}; rotated with a grace period, revealed only to admins.", picker: "Secrets are kept per project." },
  audit: { title: "Audit log", description: "Every change to this project in a hash chain: altering or removing an entry breaks it.", picker: "The audit log is kept per project." },
};

/** Most recently used first, then newest: the project someone most likely means. */
function byRecency<T extends { lastUsedAt: Date | null; createdAt: Date }>(projects: readonly T[]): T[] {
  return [...projects].sort((a, b) => (b.lastUsedAt?.getTime() ?? 0) - (a.lastUsedAt?.getTime() ?? 0) || b.createdAt.getTime() - a.createdAt.getTime());
}

function ProjectSwitcher({ projectId, page }: { projectId: string; page: ProjectPage }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const projects = useQuery(trpc.project.list.queryOptions());
  if (!projects.data || projects.data.length < 2) return null;
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        Project
      </label>
      <select
        id={id}
        value={projectId}
        onChange={(e) => router.push(`/projects/${e.target.value}/${page}`)}
        className="rounded-md border-0 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
      >
        {byRecency(projects.data).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The frame of a project-scoped page: loads the project (a missing one, or one the user cannot see,
 * gets a not-found message instead of the page), then the breadcrumb, title, the tabs of the project's
 * pages (Overview, Logs, Metrics, Incidents, Remediations, Config, Secrets, Audit log) and a project switcher.
 */
export function ProjectScope({
  projectId,
  page,
  actions,
  subpage,
  children,
}: {
  projectId: string;
  page: ProjectPage;
  actions?: ReactNode;
  /**
   * A page below the section (one incident): its name ends the breadcrumb, the section's name links
   * back to the section, and the page renders its own heading instead of the section's.
   */
  subpage?: string;
  /** The page's body; a function gets the loaded project (its role decides what the page offers). */
  children: ReactNode | ((project: ProjectSummary) => ReactNode);
}) {
  const trpc = useTRPC();
  const project = useQuery(trpc.project.byId.queryOptions({ projectId }));

  if (project.isPending) return <LoadingState label="Loading project…" />;
  if (project.isError) {
    if (["NOT_FOUND", "VALIDATION_FAILED"].includes(errorCode(project.error) ?? "")) {
      return <ProjectNotFound />;
    }
    return <ErrorState error={project.error} title="Could not load the project" onRetry={() => project.refetch()} />;
  }

  const p = project.data;
  const { title, description } = TITLES[page];
  const sectionHref = `/projects/${p.id}${PAGES.find((t) => t.key === page)?.suffix ?? ""}`;
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 flex min-w-0 text-sm text-muted">
        <Link href="/projects" className="shrink-0 hover:text-slate-700 hover:underline">
          Projects
        </Link>
        <span aria-hidden="true" className="shrink-0 whitespace-pre"> / </span>
        <Link href={`/projects/${p.id}`} className="truncate hover:text-slate-700 hover:underline">
          {p.name}
        </Link>
        <span aria-hidden="true" className="shrink-0 whitespace-pre"> / </span>
        {subpage ? (
          <>
            <Link href={sectionHref} className="shrink-0 hover:text-slate-700 hover:underline">
              {title}
            </Link>
            <span aria-hidden="true" className="shrink-0 whitespace-pre"> / </span>
            <span aria-current="page" className="truncate" title={subpage}>
              {subpage}
            </span>
          </>
        ) : (
          <span aria-current="page">{title}</span>
        )}
      </nav>
      {subpage ? null : (
        <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
            <p className="mt-1 text-sm text-muted">{description}</p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <ProjectSwitcher projectId={p.id} page={page} />
            {actions}
          </div>
        </div>
      )}
      <nav aria-label="Project pages" className="-mx-1 mb-6 flex gap-1 overflow-x-auto border-b border-slate-200 px-1">
        {PAGES.filter((t) => !t.show || t.show(p)).map((t) => {
          const current = t.key === page;
          return (
            <Link
              key={t.key}
              href={`/projects/${p.id}${t.suffix}`}
              // On a page below the section, the tab marks where we are without claiming to be this page.
              aria-current={current ? (subpage ? "true" : "page") : undefined}
              className={cn(
                "-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {t.label}
            </Link>
          );
        })}
      </nav>
      {typeof children === "function" ? children(p) : children}
    </div>
  );
}

/**
 * /logs, /metrics and /config-secrets: the pages are per project, so pick one. A single project is opened directly;
 * with none, point to where projects are created.
 */
export function ProjectPicker({ page }: { page: ProjectPage }) {
  const trpc = useTRPC();
  const router = useRouter();
  const projects = useQuery(trpc.project.list.queryOptions());
  const only = projects.data?.length === 1 ? projects.data[0] : undefined;

  useEffect(() => {
    if (only) router.replace(`/projects/${only.id}/${page}`);
  }, [only, page, router]);

  const title = page === "config" || page === "secrets" ? "Config & Secrets" : TITLES[page].title;
  return (
    <div>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <p className="mt-1 text-sm text-muted">{TITLES[page].picker} Choose one.</p>
      </div>
      {projects.isPending || only ? (
        <LoadingState label={only ? `Opening ${only.name}…` : "Loading projects…"} />
      ) : projects.isError ? (
        <ErrorState error={projects.error} title="Could not load your projects" onRetry={() => projects.refetch()} />
      ) : projects.data.length === 0 ? (
        <EmptyState
          title="No projects yet"
          action={
            <ButtonLink href="/projects" variant="primary">
              Create a project
            </ButtonLink>
          }
        >
          Create a project to get an API key, then send your LLM calls to it.
        </EmptyState>
      ) : (
        <ul aria-label="Your projects" className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          {byRecency(projects.data).map((p, i) => (
            <li key={p.id}>
              <Link href={`/projects/${p.id}/${page}`} className="flex items-center justify-between gap-4 px-5 py-4 hover:bg-slate-50">
                <span>
                  <span className="block text-sm font-semibold text-indigo-600">{p.name}</span>
                  <span className="block text-xs text-muted">
                    Last used <Time value={p.lastUsedAt} mode="relative" />
                    {i === 0 && p.lastUsedAt ? " · most recent" : ""}
                  </span>
                </span>
                <span aria-hidden="true" className="text-muted">
                  →
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
