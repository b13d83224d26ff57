import { Badge } from "~/components/ui/badge";

// blocked: the guard stopped the call before the provider (issue 10); not an error of the provider.
const STATUS_TONES = { success: "green", error: "red", timeout: "amber", blocked: "indigo" } as const;
const STATUS_LABELS = { success: "Success", error: "Error", timeout: "Timeout", blocked: "Blocked" } as const;

export function StatusBadge({ status }: { status: string }) {
  const known = status in STATUS_TONES ? (status as keyof typeof STATUS_TONES) : null;
  return <Badge tone={known ? STATUS_TONES[known] : "gray"}>{known ? STATUS_LABELS[known] : status}</Badge>;
}

// Who logged the call (issue 13): the gateway, or the REST ingest API the SDKs use.
const SOURCE_LABELS = { gateway: "Gateway", api: "API" } as const;

export function SourceBadge({ source }: { source: string }) {
  const label = source in SOURCE_LABELS ? SOURCE_LABELS[source as keyof typeof SOURCE_LABELS] : source;
  return (
    <Badge tone={source === "gateway" ? "blue" : "gray"} className="whitespace-nowrap">
      {label}
    </Badge>
  );
}

export type RiskLevel = "low" | "medium" | "high";

/** Display bands for a 0–100 score; whether a request is flagged is the project's own threshold. */
export function riskLevel(score: number): RiskLevel {
  if (score >= 70) return "high";
  if (score >= 30) return "medium";
  return "low";
}

const RISK_TONES = { low: "green", medium: "amber", high: "red" } as const;

/** The score, colored by level (the level is also in the text for screen readers), plus a flagged marker. */
export function RiskBadge({ score, flagged }: { score: number; flagged?: boolean }) {
  const level = riskLevel(score);
  return (
    <span className="inline-flex items-center gap-1.5">
      <Badge tone={RISK_TONES[level]} className="tabular-nums">
        <span title={`${level[0]!.toUpperCase()}${level.slice(1)} risk`}>{score}</span>
        <span className="sr-only"> ({level} risk)</span>
      </Badge>
      {flagged ? (
        <span className="inline-flex items-center gap-0.5 text-xs font-semibold text-red-700" title="At or above the project's risk threshold">
          <svg viewBox="0 0 16 16" className="size-3" aria-hidden="true" fill="currentColor">
            <path d="M3 1.5a.75.75 0 0 1 .75.75V3h8.69a.5.5 0 0 1 .4.8L11.1 6.25l1.74 2.45a.5.5 0 0 1-.4.8H3.75v5.25a.75.75 0 0 1-1.5 0V2.25A.75.75 0 0 1 3 1.5Z" />
          </svg>
          flagged
        </span>
      ) : null}
    </span>
  );
}
