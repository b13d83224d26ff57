import type { IncidentSeverity, IncidentStatus } from "@llmguard/domain/schemas";
import { Badge } from "~/components/ui/badge";
import { cn } from "~/components/ui/cn";
import { severityLabel, statusLabel } from "./incident-format";

// Every chip's text meets 4.5:1 on its fill (issue 17); the word is always there, the colour only repeats it.
// Own classes rather than Badge tones: critical is a solid chip, and cn() does not merge conflicting utilities.
const SEVERITY_CLASSES: Record<IncidentSeverity, string> = {
  low: "bg-chip text-chip-fg ring-slate-500/20",
  medium: "bg-amber-50 text-amber-800 ring-amber-600/20",
  high: "bg-red-50 text-red-700 ring-red-600/20",
  // White on red-700: 6.5:1.
  critical: "bg-red-700 text-white ring-red-700",
};

export function SeverityBadge({ severity, className }: { severity: IncidentSeverity; className?: string }) {
  return (
    <span className={cn("inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset", SEVERITY_CLASSES[severity] ?? SEVERITY_CLASSES.low, className)}>
      <span className="sr-only">Severity: </span>
      {severityLabel(severity)}
    </span>
  );
}

const STATUS_TONES = { open: "red", acknowledged: "amber", mitigated: "blue", resolved: "green" } as const;

export function IncidentStatusBadge({ status, className }: { status: IncidentStatus; className?: string }) {
  return (
    <Badge tone={STATUS_TONES[status] ?? "gray"} className={className}>
      <span className="sr-only">Status: </span>
      {statusLabel(status)}
    </Badge>
  );
}
