import type { Metadata } from "next";
import { ProjectPicker } from "~/components/logs/project-scope";

export const metadata: Metadata = { title: "Config & Secrets" };

export default function Page() {
  return <ProjectPicker page="config" />;
}
