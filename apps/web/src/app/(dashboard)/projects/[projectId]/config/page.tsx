import type { Metadata } from "next";
import { Suspense } from "react";
import { ConfigView } from "~/components/config/config-view";
import { LoadingState } from "~/components/ui/states";

export const metadata: Metadata = { title: "Config" };

export default async function ProjectConfigPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // The view reads the environment and tab from the query string (useSearchParams): a Suspense boundary.
  return (
    <Suspense fallback={<LoadingState label="Loading config…" />}>
      <ConfigView projectId={projectId} />
    </Suspense>
  );
}
