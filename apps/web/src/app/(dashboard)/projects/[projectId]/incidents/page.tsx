import type { Metadata } from "next";
import { Suspense } from "react";
import { IncidentsView } from "~/components/incidents/incidents-view";
import { LoadingState } from "~/components/ui/states";

export const metadata: Metadata = { title: "Incidents" };

export default async function ProjectIncidentsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // The view reads its filters from the query string (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<LoadingState label="Loading incidents…" />}>
      <IncidentsView projectId={projectId} />
    </Suspense>
  );
}
