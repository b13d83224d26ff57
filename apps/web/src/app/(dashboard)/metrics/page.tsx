import type { Metadata } from "next";
import { ComingSoon } from "~/components/shell/coming-soon";

export const metadata: Metadata = { title: "Metrics" };

export default function Page() {
  return (
    <ComingSoon
      title="Metrics"
      summary="Latency, cost, token usage and error rates of your LLM calls over time."
      planned={[
        "Per-project dashboards for latency percentiles, tokens and cost",
        "Breakdowns by model and endpoint",
        "Alert thresholds on any metric",
      ]}
    />
  );
}
