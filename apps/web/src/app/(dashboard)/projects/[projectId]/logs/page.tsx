import type { Metadata } from "next";
import { Suspense } from "react";
import { LogsView } from "~/components/logs/logs-view";
import { LoadingState } from "~/components/ui/states";

export const metadata: Metadata = { title: "Logs" };

export default async function ProjectLogsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // The view reads its filters from the query string (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<LoadingState label="Loading logs…" />}>
      <LogsView projectId={projectId} />
    </Suspense>
  );
}
