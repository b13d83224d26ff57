"use client";

import { useEffect, useId, useRef, useState } from "react";
import { ENFORCEMENT_OUTCOMES, REQUEST_SOURCES, REQUEST_STATUSES } from "@llmguard/domain/schemas";
import { enforcementLabel } from "~/components/remediation/remediation-format";
import { Button } from "~/components/ui/button";
import { SelectField, TextField } from "~/components/ui/field";
import { EMPTY_FILTERS, hasFilters, sameFilters, validateFilters, type LogFilters } from "./log-query-state";

const DEBOUNCE_MS = 400;

const SOURCE_LABELS: Record<(typeof REQUEST_SOURCES)[number], string> = { api: "Ingest API / SDK", gateway: "Gateway" };

/**
 * The search box and filters. Typing is applied after a short pause (Enter applies at once); values
 * that are not valid yet (a max risk of 1000, a From after the To) stay in the form with a message and
 * are not sent.
 */
export function LogFiltersForm({ applied, onApply, knownModels = [] }: { applied: LogFilters; onApply: (filters: LogFilters) => void; knownModels?: string[] }) {
  const [draft, setDraft] = useState(applied);
  const modelListId = useId();
  // The last filters this form sent: when the URL changes to something else (back button, a shared
  // link), the form follows it; when it changes to what we sent, the user may have typed on since.
  const sent = useRef(applied);
  useEffect(() => {
    if (!sameFilters(applied, sent.current)) {
      sent.current = applied;
      setDraft(applied);
    }
  }, [applied]);

  const errors = validateFilters(draft);
  const valid = Object.keys(errors).length === 0;

  function apply(next: LogFilters) {
    if (Object.keys(validateFilters(next)).length > 0 || sameFilters(next, sent.current)) return;
    sent.current = next;
    onApply(next);
  }

  useEffect(() => {
    if (!valid || sameFilters(draft, sent.current)) return;
    const t = setTimeout(() => apply(draft), DEBOUNCE_MS);
    return () => clearTimeout(t);
    // Only a new draft restarts the pause; `apply` reads the latest props through the render it closes over.
  }, [draft, valid]);

  const set = (key: keyof LogFilters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  return (
    <form
      role="search"
      aria-label="Filter requests"
      onSubmit={(e) => {
        e.preventDefault();
        apply(draft);
      }}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Search prompts and responses"
          type="search"
          name="q"
          value={draft.search}
          onChange={set("search")}
          placeholder={'Words, "a phrase", -exclude'}
          maxLength={500}
          className="min-w-64 flex-1"
        />
        <Button type="submit" variant="primary">
          Search
        </Button>
        {hasFilters(draft) ? (
          <Button
            variant="ghost"
            onClick={() => {
              setDraft(EMPTY_FILTERS);
              apply(EMPTY_FILTERS);
            }}
          >
            Clear filters
          </Button>
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <TextField label="Model" name="model" value={draft.model} onChange={set("model")} placeholder="gpt-4o" autoComplete="off" list={modelListId} />
        <datalist id={modelListId}>
          {knownModels.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <SelectField label="Status" name="status" value={draft.status} onChange={set("status")} error={errors.status}>
          <option value="">Any</option>
          {REQUEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s[0]!.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </SelectField>
        <TextField label="Min risk" name="minRisk" type="number" inputMode="numeric" min={0} max={100} step={1} value={draft.minRisk} onChange={set("minRisk")} error={errors.minRisk} />
        <TextField label="Max risk" name="maxRisk" type="number" inputMode="numeric" min={0} max={100} step={1} value={draft.maxRisk} onChange={set("maxRisk")} error={errors.maxRisk} />
        <TextField label="From" name="from" type="date" value={draft.from} onChange={set("from")} error={errors.from} />
        <TextField label="To" name="to" type="date" value={draft.to} onChange={set("to")} error={errors.to} />
        <TextField label="End user" name="user" value={draft.endUser} onChange={set("endUser")} placeholder="user-123" autoComplete="off" />
        <TextField label="Endpoint" name="endpoint" value={draft.endpoint} onChange={set("endpoint")} placeholder="/chat" autoComplete="off" />
        <SelectField label="Enforcement" name="enforcement" value={draft.enforcement} onChange={set("enforcement")} error={errors.enforcement}>
          <option value="">Any</option>
          {ENFORCEMENT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {enforcementLabel(o)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Source" name="source" value={draft.source} onChange={set("source")} error={errors.source}>
          <option value="">Any</option>
          {REQUEST_SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABELS[s]}
            </option>
          ))}
        </SelectField>
      </div>
    </form>
  );
}
