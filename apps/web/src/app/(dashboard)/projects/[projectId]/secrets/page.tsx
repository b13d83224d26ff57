import type { Metadata } from "next";
import { SecretsView } from "~/components/secrets/secrets-view";

export const metadata: Metadata = { title: "Secrets" };

export default async function ProjectSecretsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <SecretsView projectId={projectId} />;
}
