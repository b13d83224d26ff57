import type { Metadata } from "next";
import { ComingSoon } from "~/components/shell/coming-soon";

export const metadata: Metadata = { title: "Logs" };

export default function Page() {
  return (
    <ComingSoon
      title="Logs"
      summary="Every LLM request your SDKs send, with prompt, completion, latency, tokens and risk score, searchable per project."
      planned={[
        "Request log with filters by project, model, status and risk",
        "Full request and response detail with redacted secrets",
        "Export to CSV and JSON",
      ]}
    />
  );
}
