import type { Metadata } from "next";
import { Suspense } from "react";
import { IncidentView } from "~/components/incidents/incident-view";
import { LoadingState } from "~/components/ui/states";

export const metadata: Metadata = { title: "Incident" };

export default async function ProjectIncidentPage({ params }: { params: Promise<{ projectId: string; incidentId: string }> }) {
  const { projectId, incidentId } = await params;
  // The open request's drawer is in the query string (?request=<id>, useSearchParams): a Suspense boundary.
  return (
    <Suspense fallback={<LoadingState label="Loading incident…" />}>
      <IncidentView projectId={projectId} incidentId={incidentId} />
    </Suspense>
  );
}
