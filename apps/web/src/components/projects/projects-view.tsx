"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { KeyStatusBadge, RoleBadge } from "~/components/ui/badge";
import { PageHeader, Section } from "~/components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { Table, Td, Th } from "~/components/ui/table";
import { Time } from "~/components/ui/time";
import { useTRPC } from "~/trpc/react";
import { NewProjectForm } from "./new-project-form";

export function ProjectsView() {
  return (
    <>
      <PageHeader title="Projects" description="Each project has its own API keys, members, settings and audit trail." />
      <div className="space-y-6">
        <NewProjectForm />
        <ProjectList />
      </div>
    </>
  );
}

function ProjectList() {
  const trpc = useTRPC();
  const projects = useQuery(trpc.project.list.queryOptions());

  return (
    <Section id="your-projects" title="Your projects">
      {projects.isPending ? (
        <LoadingState label="Loading projects…" />
      ) : projects.isError ? (
        <ErrorState error={projects.error} title="Could not load your projects" onRetry={() => projects.refetch()} />
      ) : projects.data.length === 0 ? (
        <EmptyState title="No projects yet">Create your first project above to get an API key for the SDK.</EmptyState>
      ) : (
        <Table caption="Your projects">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Created</Th>
              <Th>Your role</Th>
              <Th>API keys</Th>
              <Th>Last used</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {projects.data.map((p) => (
              <tr key={p.id} className="hover:bg-slate-50">
                <Td className="font-medium">
                  <Link href={`/projects/${p.id}`} className="text-indigo-600 hover:text-indigo-700 hover:underline">
                    {p.name}
                  </Link>
                </Td>
                <Td>
                  <Time value={p.createdAt} />
                </Td>
                <Td>
                  <RoleBadge role={p.role} />
                </Td>
                <Td>
                  <span className="inline-flex items-center gap-2">
                    <KeyStatusBadge status={p.keyStatus} />
                    {p.keyStatus === "active" ? <span className="text-xs text-muted">{p.activeKeys} active</span> : null}
                  </span>
                </Td>
                <Td>
                  <Time value={p.lastUsedAt} mode="relative" />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Section>
  );
}
