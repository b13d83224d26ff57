"use client";

import type { ReactNode } from "react";
import { INCIDENT_SEVERITIES, INCIDENT_STATUSES, INCIDENT_TRIGGERS } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { SelectField } from "~/components/ui/field";
import { severityLabel, statusLabel, triggerLabel } from "./incident-format";
import { EMPTY_FILTERS, effectiveFilters, hasFilters, type IncidentFilters } from "./incident-query-state";

/** Three selects, applied as soon as one changes (there is nothing to type). */
export function IncidentFiltersForm({ applied, onApply, actions }: { applied: IncidentFilters; onApply: (filters: IncidentFilters) => void; actions?: ReactNode }) {
  const current = effectiveFilters(applied);
  const set = (key: keyof IncidentFilters) => (e: { target: { value: string } }) => onApply({ ...current, [key]: e.target.value });
  return (
    <form role="search" aria-label="Filter incidents" onSubmit={(e) => e.preventDefault()} className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <SelectField label="Status" name="status" value={current.status} onChange={set("status")} className="w-44">
        <option value="">Any status</option>
        {INCIDENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {statusLabel(s)}
          </option>
        ))}
      </SelectField>
      <SelectField label="Severity" name="severity" value={current.severity} onChange={set("severity")} className="w-44">
        <option value="">Any severity</option>
        {INCIDENT_SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {severityLabel(s)}
          </option>
        ))}
      </SelectField>
      <SelectField label="Trigger" name="trigger" value={current.trigger} onChange={set("trigger")} className="w-48">
        <option value="">Any trigger</option>
        {INCIDENT_TRIGGERS.map((t) => (
          <option key={t} value={t}>
            {triggerLabel(t)}
          </option>
        ))}
      </SelectField>
      {hasFilters(applied) ? (
        <Button variant="ghost" onClick={() => onApply(EMPTY_FILTERS)}>
          Clear filters
        </Button>
      ) : null}
      {actions ? <div className="ml-auto flex items-end gap-2">{actions}</div> : null}
    </form>
  );
}
