import type { RemediationStatus, RemediationWatch } from "@llmguard/domain/schemas";
import { Badge } from "~/components/ui/badge";
import { formatDateTime } from "~/components/ui/format";
import { enforcementLabel, remediationSourceLabel, remediationStatusLabel, watchLabel, watchTone } from "./remediation-format";

const STATUS_TONES: Record<RemediationStatus, "green" | "red" | "gray" | "amber"> = { applied: "green", failed: "red", rolled_back: "gray", expired: "amber" };

export function RemediationStatusBadge({ status }: { status: RemediationStatus }) {
  return (
    <Badge tone={STATUS_TONES[status] ?? "gray"}>
      <span className="sr-only">Status: </span>
      {remediationStatusLabel(status)}
    </Badge>
  );
}

export function RemediationSourceBadge({ source }: { source: string }) {
  return <Badge tone={source === "automatic" ? "indigo" : source === "recommended" ? "blue" : "gray"}>{remediationSourceLabel(source)}</Badge>;
}

const ENFORCEMENT_TONES = { blocked: "red", modified: "blue", would_block: "amber" } as const;
const ENFORCEMENT_TITLES: Record<string, string> = {
  blocked: "The guard stopped this call before it reached the provider",
  modified: "The guard changed the model or the system prompt of this call",
  would_block: "An active rule blocks calls like this one, but the client did not enforce it",
};

/** What the guard did to a call (issue 10); nothing when it did nothing. */
export function EnforcementBadge({ outcome }: { outcome: string | null | undefined }) {
  if (!outcome) return null;
  const tone = (ENFORCEMENT_TONES as Record<string, "red" | "blue" | "amber">)[outcome] ?? "gray";
  return (
    <span title={ENFORCEMENT_TITLES[outcome]} data-testid="enforcement-badge" className="inline-flex">
      <Badge tone={tone}>
        <span className="sr-only">Enforcement: </span>
        {enforcementLabel(outcome)}
      </Badge>
    </span>
  );
}

/**
 * The regression watch of an action (issue 10): "Watching until 14:05", "Recovered", "Regressed — rolled
 * back"… The server's sentence (what was measured, before → after) is the tooltip; callers that have the
 * room show it as text too.
 */
export function WatchBadge({ watch, status, withTitle = true }: { watch: RemediationWatch; status: RemediationStatus; withTitle?: boolean }) {
  const title = [watch.message, watch.verifyAt && watch.status === "watching" ? `Judged at ${formatDateTime(watch.verifyAt)}` : null].filter(Boolean).join(" ");
  return (
    <span title={withTitle ? title || undefined : undefined} data-testid="watch-badge" data-watch-status={watch.status} className="inline-flex">
      <Badge tone={watchTone(watch.status)}>
        <span className="sr-only">Watch: </span>
        {watchLabel(watch, status)}
      </Badge>
    </span>
  );
}
