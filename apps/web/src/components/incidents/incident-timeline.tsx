"use client";

import type { IncidentEvent } from "@llmguard/domain/schemas";
import { Badge } from "~/components/ui/badge";
import { Time } from "~/components/ui/time";
import { actorLabel } from "./incident-format";

const KIND_LABELS: Record<string, { label: string; tone: "gray" | "green" | "amber" | "red" | "indigo" | "blue" }> = {
  opened: { label: "Opened", tone: "red" },
  occurrence: { label: "Seen again", tone: "gray" },
  acknowledged: { label: "Acknowledged", tone: "amber" },
  mitigated: { label: "Mitigated", tone: "blue" },
  resolved: { label: "Resolved", tone: "green" },
  open: { label: "Reopened", tone: "red" },
  rca: { label: "Analysis", tone: "indigo" },
  remediation_applied: { label: "Fix applied", tone: "blue" },
  remediation_rolled_back: { label: "Fix rolled back", tone: "gray" },
  remediation_expired: { label: "Fix expired", tone: "amber" },
  remediation_verified: { label: "Fix verified", tone: "green" },
  remediation_failed: { label: "Automatic fix failed", tone: "red" },
  remediation_automation: { label: "Automation", tone: "indigo" },
};

/** What happened to the incident, oldest first: when, who (a person, or LLMGuard itself) and what. */
export function IncidentTimeline({ events }: { events: IncidentEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">Nothing yet.</p>;
  return (
    <ol data-testid="incident-timeline" className="relative space-y-4 border-l border-slate-200 pl-5">
      {events.map((e, i) => {
        const kind = KIND_LABELS[e.kind] ?? { label: e.kind, tone: "gray" as const };
        const actor = actorLabel(e.actor);
        return (
          <li key={`${new Date(e.at).getTime()}-${i}`} data-testid="timeline-event" className="relative">
            <span aria-hidden="true" className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full bg-white ring-2 ring-slate-400" />
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <Badge tone={kind.tone}>{kind.label}</Badge>
              <span className="font-medium text-slate-900" title={e.actor?.email ?? undefined}>
                {actor}
              </span>
              <span aria-hidden="true" className="text-muted">
                ·
              </span>
              <span className="text-slate-600 tabular-nums">
                <Time value={e.at} mode="datetime" />
              </span>
            </div>
            <p className="mt-1 text-sm break-words whitespace-pre-line text-slate-700">{e.message}</p>
          </li>
        );
      })}
    </ol>
  );
}
