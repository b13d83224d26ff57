"use client";

import type { IncidentTrigger } from "@llmguard/domain/schemas";
import { evidenceItems } from "./incident-format";

/** The evidence as label–value pairs; nested values (an anomaly's metrics, a Datadog field) as JSON. */
export function EvidenceList({ trigger, evidence }: { trigger: IncidentTrigger; evidence: Record<string, unknown> }) {
  const items = evidenceItems(trigger, evidence);
  if (items.length === 0) {
    return <p className="text-sm text-slate-600">{trigger === "manual" ? "Opened by hand: the description and the timeline say what was seen." : "The detector stored no evidence."}</p>;
  }
  return (
    <dl data-testid="evidence-list" className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      {items.map((item) => (
        <div key={item.key} className={item.json ? "min-w-0 sm:col-span-2" : "min-w-0"}>
          <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{item.label}</dt>
          <dd className="mt-0.5 text-slate-900">
            {item.json ? (
              // Focusable: the keyboard can scroll it (WCAG 2.1.1, issue 17).
              <pre tabIndex={0} aria-label={item.label} className="mt-1 max-h-56 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600">
                {item.value}
              </pre>
            ) : /^https?:\/\//.test(item.value) ? (
              <a href={item.value} target="_blank" rel="noopener noreferrer" className="break-all text-indigo-700 hover:underline">
                {item.value}
              </a>
            ) : (
              <span className="break-words">{item.value}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
