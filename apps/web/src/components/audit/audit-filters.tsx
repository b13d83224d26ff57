"use client";

import type { Member } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { SelectField } from "~/components/ui/field";
import { ACTION_FAMILIES } from "./audit-format";

export interface AuditFilterValues {
  family: string;
  actorId: string;
}

export const NO_AUDIT_FILTERS: AuditFilterValues = { family: "", actorId: "" };

/** Filters of the audit log: an action family and who acted. */
export function AuditFilters({ value, onChange, members }: { value: AuditFilterValues; onChange: (v: AuditFilterValues) => void; members: Member[] }) {
  const filtered = value.family !== "" || value.actorId !== "";
  return (
    <form role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()} className="flex flex-wrap items-end gap-3">
      <SelectField label="Action" name="auditAction" value={value.family} onChange={(e) => onChange({ ...value, family: e.target.value })} className="w-60">
        {ACTION_FAMILIES.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </SelectField>
      <SelectField label="Actor" name="auditActor" value={value.actorId} onChange={(e) => onChange({ ...value, actorId: e.target.value })} className="w-64">
        <option value="">Anyone</option>
        {members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name ? `${m.name} (${m.email})` : m.email}
          </option>
        ))}
      </SelectField>
      {filtered ? (
        <Button variant="ghost" onClick={() => onChange(NO_AUDIT_FILTERS)}>
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
