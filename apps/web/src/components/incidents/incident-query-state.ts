import { INCIDENT_SEVERITIES, INCIDENT_STATUSES, INCIDENT_TRIGGERS, type ListIncidentsInput } from "@llmguard/domain/schemas";

/**
 * The incidents list lives in the URL (?status=open&severity=high&trigger=latency) so that a view can be
 * bookmarked and shared, like the logs view. Values are kept as the URL has them (strings);
 * `toListInput` sends only the ones the API knows.
 */
export interface IncidentFilters {
  status: string;
  severity: string;
  trigger: string;
}

export const PARAMS: Record<keyof IncidentFilters, string> = { status: "status", severity: "severity", trigger: "trigger" };

export const EMPTY_FILTERS: IncidentFilters = { status: "", severity: "", trigger: "" };

const ALLOWED: Record<keyof IncidentFilters, readonly string[]> = { status: INCIDENT_STATUSES, severity: INCIDENT_SEVERITIES, trigger: INCIDENT_TRIGGERS };

const KEYS = Object.keys(PARAMS) as (keyof IncidentFilters)[];

interface ParamsLike {
  get(name: string): string | null;
}

export function readFilters(params: ParamsLike): IncidentFilters {
  const out = { ...EMPTY_FILTERS };
  for (const key of KEYS) out[key] = (params.get(PARAMS[key]) ?? "").trim();
  return out;
}

/** Whether a value is one the API accepts for that filter (exact, lowercase). */
export function isKnown(key: keyof IncidentFilters, value: string): boolean {
  return ALLOWED[key].includes(value);
}

/** The filters with unknown values (a hand-edited URL) dropped: what the list is actually filtered by. */
export function effectiveFilters(f: IncidentFilters): IncidentFilters {
  const out = { ...EMPTY_FILTERS };
  for (const key of KEYS) out[key] = isKnown(key, f[key]) ? f[key] : "";
  return out;
}

export function hasFilters(f: IncidentFilters): boolean {
  const e = effectiveFilters(f);
  return KEYS.some((k) => e[k] !== "");
}

/** A copy of `current` with the filters replaced; empty and unknown values are left out, other parameters kept. */
export function writeParams(current: URLSearchParams, filters: IncidentFilters): URLSearchParams {
  const next = new URLSearchParams(current);
  const e = effectiveFilters(filters);
  for (const key of KEYS) {
    if (e[key]) next.set(PARAMS[key], e[key]);
    else next.delete(PARAMS[key]);
  }
  return next;
}

export const PAGE_SIZE = 25;

export type IncidentListInput = Omit<ListIncidentsInput, "cursor">;

/** The list input for the known part of the filters. */
export function toListInput(projectId: string, f: IncidentFilters): IncidentListInput {
  const e = effectiveFilters(f);
  const input: IncidentListInput = { projectId, limit: PAGE_SIZE };
  if (e.status) input.status = e.status as IncidentListInput["status"];
  if (e.severity) input.severity = e.severity as IncidentListInput["severity"];
  if (e.trigger) input.trigger = e.trigger as IncidentListInput["trigger"];
  return input;
}

/** The address of a project's incidents list with these filters. */
export function incidentsHref(projectId: string, filters: Partial<IncidentFilters> = {}): string {
  const qs = writeParams(new URLSearchParams(), { ...EMPTY_FILTERS, ...filters }).toString();
  return `/projects/${projectId}/incidents${qs ? `?${qs}` : ""}`;
}
