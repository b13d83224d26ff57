import type { Metadata } from "next";
import { ComingSoon } from "~/components/shell/coming-soon";

export const metadata: Metadata = { title: "Incidents" };

export default function Page() {
  return (
    <ComingSoon
      title="Incidents"
      summary="Risky or failing LLM calls grouped into incidents, with explanations and suggested fixes."
      planned={[
        "Automatic detection from safety and error signals",
        "Acknowledge, assign and resolve workflow",
        "Remediation suggestions and notifications",
      ]}
    />
  );
}
