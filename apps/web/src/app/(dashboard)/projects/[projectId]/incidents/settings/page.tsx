import type { Metadata } from "next";
import { IncidentSettingsView } from "~/components/incidents/incident-settings-view";

export const metadata: Metadata = { title: "Integrations & notifications" };

export default async function ProjectIncidentSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <IncidentSettingsView projectId={projectId} />;
}
