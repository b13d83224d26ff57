import type { Metadata } from "next";
import { AuditView } from "~/components/audit/audit-view";

export const metadata: Metadata = { title: "Audit log" };

export default async function ProjectAuditPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <AuditView projectId={projectId} />;
}
