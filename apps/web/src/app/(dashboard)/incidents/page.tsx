import type { Metadata } from "next";
import { ProjectPicker } from "~/components/logs/project-scope";

export const metadata: Metadata = { title: "Incidents" };

export default function Page() {
  return <ProjectPicker page="incidents" />;
}
