import { redirect } from "next/navigation";

/** The history is a tab of the config page; this address opens it (with ?env= kept). */
export default async function ProjectConfigHistoryPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ env?: string | string[] }> }) {
  const { projectId } = await params;
  const { env } = await searchParams;
  const q = new URLSearchParams({ view: "history" });
  const environment = Array.isArray(env) ? env[0] : env;
  if (environment) q.set("env", environment);
  redirect(`/projects/${encodeURIComponent(projectId)}/config?${q.toString()}`);
}
