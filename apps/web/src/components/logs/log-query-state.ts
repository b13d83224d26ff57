import { ENFORCEMENT_OUTCOMES, REQUEST_SOURCES, REQUEST_STATUSES, SORT_FIELDS, type LogQuery } from "@llmguard/domain/schemas";

/**
 * The logs view lives in the URL (?q=…&status=error&sort=latency&order=asc&request=<id>) so that a view
 * can be bookmarked and shared. Values are kept as the form shows them (strings); `toSearchInput`
 * turns the valid ones into the API's LogQuery.
 */
export interface LogFilters {
  search: string;
  model: string;
  status: string;
  minRisk: string;
  maxRisk: string;
  from: string;
  to: string;
  endUser: string;
  endpoint: string;
  /** What the guard did (issue 10): blocked, modified or would_block. */
  enforcement: string;
  /** Who logged the call (issue 13): api or gateway. */
  source: string;
}

export type SortField = (typeof SORT_FIELDS)[number];
export interface LogSort {
  sortBy: SortField;
  sortOrder: "asc" | "desc";
}

export const PARAMS: Record<keyof LogFilters, string> = {
  search: "q",
  model: "model",
  status: "status",
  minRisk: "minRisk",
  maxRisk: "maxRisk",
  from: "from",
  to: "to",
  endUser: "user",
  endpoint: "endpoint",
  enforcement: "enforcement",
  source: "source",
};

export const EMPTY_FILTERS: LogFilters = { search: "", model: "", status: "", minRisk: "", maxRisk: "", from: "", to: "", endUser: "", endpoint: "", enforcement: "", source: "" };
export const DEFAULT_SORT: LogSort = { sortBy: "timestamp", sortOrder: "desc" };

interface ParamsLike {
  get(name: string): string | null;
}

export function readFilters(params: ParamsLike): LogFilters {
  const out = { ...EMPTY_FILTERS };
  for (const key of Object.keys(PARAMS) as (keyof LogFilters)[]) out[key] = params.get(PARAMS[key]) ?? "";
  return out;
}

export function readSort(params: ParamsLike): LogSort {
  const by = params.get("sort");
  const order = params.get("order");
  return {
    sortBy: (SORT_FIELDS as readonly string[]).includes(by ?? "") ? (by as SortField) : DEFAULT_SORT.sortBy,
    sortOrder: order === "asc" || order === "desc" ? order : DEFAULT_SORT.sortOrder,
  };
}

export function sameFilters(a: LogFilters, b: LogFilters): boolean {
  return (Object.keys(PARAMS) as (keyof LogFilters)[]).every((k) => a[k].trim() === b[k].trim());
}

export function hasFilters(f: LogFilters): boolean {
  return !sameFilters(f, EMPTY_FILTERS);
}

/** A copy of `current` with the filters (and, if given, the sort) replaced; empty values are left out. */
export function writeParams(current: URLSearchParams, filters: LogFilters, sort?: LogSort): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const key of Object.keys(PARAMS) as (keyof LogFilters)[]) {
    const v = filters[key].trim();
    if (v) next.set(PARAMS[key], v);
    else next.delete(PARAMS[key]);
  }
  if (sort) {
    if (sort.sortBy === DEFAULT_SORT.sortBy && sort.sortOrder === DEFAULT_SORT.sortOrder) {
      next.delete("sort");
      next.delete("order");
    } else {
      next.set("sort", sort.sortBy);
      next.set("order", sort.sortOrder);
    }
  }
  return next;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A yyyy-mm-dd date input as a local day: its first or last millisecond. */
export function parseDay(value: string, edge: "start" | "end"): Date | undefined {
  const m = DATE_RE.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = edge === "start" ? new Date(y, mo, d, 0, 0, 0, 0) : new Date(y, mo, d, 23, 59, 59, 999);
  return date.getFullYear() === y && date.getMonth() === mo && date.getDate() === d ? date : undefined;
}

function parseRisk(value: string): number | undefined {
  const v = value.trim();
  if (!/^\d{1,3}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= 100 ? n : undefined;
}

export type FilterErrors = Partial<Record<keyof LogFilters, string>>;

/** What is wrong with the filters as typed; the query only ever gets valid values. */
export function validateFilters(f: LogFilters): FilterErrors {
  const errors: FilterErrors = {};
  if (f.minRisk.trim() && parseRisk(f.minRisk) === undefined) errors.minRisk = "A whole number from 0 to 100";
  if (f.maxRisk.trim() && parseRisk(f.maxRisk) === undefined) errors.maxRisk = "A whole number from 0 to 100";
  const min = parseRisk(f.minRisk);
  const max = parseRisk(f.maxRisk);
  if (min !== undefined && max !== undefined && min > max) errors.minRisk = "Must not exceed the maximum";
  if (f.from.trim() && !parseDay(f.from, "start")) errors.from = "Not a valid date";
  if (f.to.trim() && !parseDay(f.to, "end")) errors.to = "Not a valid date";
  const from = parseDay(f.from, "start");
  const to = parseDay(f.to, "end");
  if (from && to && from > to) errors.from = "Must not be after the end date";
  if (f.status && !(REQUEST_STATUSES as readonly string[]).includes(f.status)) errors.status = "Unknown status";
  if (f.enforcement && !(ENFORCEMENT_OUTCOMES as readonly string[]).includes(f.enforcement)) errors.enforcement = "Unknown outcome";
  if (f.source && !(REQUEST_SOURCES as readonly string[]).includes(f.source)) errors.source = "Unknown source";
  return errors;
}

export const PAGE_SIZE = 50;

export type LogSearchInput = Omit<LogQuery, "cursor">;

/** The search input for the valid part of the filters; invalid values (a hand-edited URL) are ignored. */
export function toSearchInput(projectId: string, f: LogFilters, sort: LogSort): LogSearchInput {
  const errors = validateFilters(f);
  const input: LogSearchInput = { projectId, sortBy: sort.sortBy, sortOrder: sort.sortOrder, limit: PAGE_SIZE };
  const text = (key: "search" | "model" | "endUser" | "endpoint") => (f[key].trim() ? f[key].trim() : undefined);
  const search = text("search");
  if (search) input.search = search.slice(0, 500);
  const model = text("model");
  if (model) input.model = model;
  const endUserId = text("endUser");
  if (endUserId) input.endUserId = endUserId;
  const endpoint = text("endpoint");
  if (endpoint) input.endpoint = endpoint;
  if (f.status && !errors.status) input.status = f.status as LogQuery["status"];
  if (f.enforcement && !errors.enforcement) input.enforcement = f.enforcement as LogQuery["enforcement"];
  if (f.source && !errors.source) input.source = f.source as LogQuery["source"];
  if (!errors.minRisk && !errors.maxRisk) {
    const min = parseRisk(f.minRisk);
    const max = parseRisk(f.maxRisk);
    if (min !== undefined) input.minRiskScore = min;
    if (max !== undefined) input.maxRiskScore = max;
  }
  if (!errors.from && !errors.to) {
    const from = parseDay(f.from, "start");
    const to = parseDay(f.to, "end");
    if (from) input.startDate = from;
    if (to) input.endDate = to;
  }
  return input;
}
