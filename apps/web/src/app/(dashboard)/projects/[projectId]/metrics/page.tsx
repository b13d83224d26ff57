import type { Metadata } from "next";
import { Suspense } from "react";
import { MetricsView } from "~/components/metrics/metrics-view";
import { LoadingState } from "~/components/ui/states";

export const metadata: Metadata = { title: "Metrics" };

export default async function ProjectMetricsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // The view reads its range from the query string (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<LoadingState label="Loading metrics…" />}>
      <MetricsView projectId={projectId} />
    </Suspense>
  );
}
