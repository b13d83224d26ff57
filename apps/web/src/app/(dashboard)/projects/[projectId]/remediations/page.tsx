import type { Metadata } from "next";
import { Suspense } from "react";
import { RemediationsView } from "~/components/remediation/remediations-view";
import { LoadingState } from "~/components/ui/states";

export const metadata: Metadata = { title: "Remediations" };

export default async function ProjectRemediationsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // The status filter is in the query string (useSearchParams): a Suspense boundary.
  return (
    <Suspense fallback={<LoadingState label="Loading remediations…" />}>
      <RemediationsView projectId={projectId} />
    </Suspense>
  );
}
