import { LogQuerySchema } from "@llmguard/domain/schemas";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SORT,
  EMPTY_FILTERS,
  hasFilters,
  parseDay,
  readFilters,
  readSort,
  sameFilters,
  toSearchInput,
  validateFilters,
  writeParams,
  type LogFilters,
} from "./log-query-state";

const PROJECT = "7d0c5f0e-3b1a-4c57-9a4e-2f6a0c1d9b8e";
const filters = (over: Partial<LogFilters>): LogFilters => ({ ...EMPTY_FILTERS, ...over });
const params = (query: string) => new URLSearchParams(query);

describe("reading the view from the URL", () => {
  it("reads every filter from its URL parameter", () => {
    const p = params("q=refund&model=gpt-4o&status=error&minRisk=40&maxRisk=90&from=2025-01-01&to=2025-01-31&user=u-7&endpoint=%2Fchat&enforcement=blocked&source=gateway");
    expect(readFilters(p)).toEqual({
      search: "refund",
      model: "gpt-4o",
      status: "error",
      minRisk: "40",
      maxRisk: "90",
      from: "2025-01-01",
      to: "2025-01-31",
      endUser: "u-7",
      endpoint: "/chat",
      enforcement: "blocked",
      source: "gateway",
    });
  });

  it("reads missing parameters as empty and ignores unknown ones", () => {
    expect(readFilters(params("request=abc&search=ignored&endUser=ignored"))).toEqual({
      search: "",
      model: "",
      status: "",
      minRisk: "",
      maxRisk: "",
      from: "",
      to: "",
      endUser: "",
      endpoint: "",
      enforcement: "",
      source: "",
    });
  });

  it.each([
    ["", { sortBy: "timestamp", sortOrder: "desc" }],
    ["sort=latency&order=asc", { sortBy: "latency", sortOrder: "asc" }],
    ["sort=riskScore", { sortBy: "riskScore", sortOrder: "desc" }],
    ["sort=model&order=desc", { sortBy: "model", sortOrder: "desc" }],
    ["order=asc", { sortBy: "timestamp", sortOrder: "asc" }],
    ["sort=cost&order=sideways", { sortBy: "timestamp", sortOrder: "desc" }],
    ["sort=LATENCY&order=ASC", { sortBy: "timestamp", sortOrder: "desc" }],
  ])("reads the sort from %j", (query, expected) => {
    expect(readSort(params(query))).toEqual(expected);
  });
});

describe("writing the view to the URL", () => {
  it("writes trimmed non-empty filters, drops empty ones and keeps unrelated parameters", () => {
    const current = params("request=abc&q=old&model=gpt-4o&page=2");
    const next = writeParams(current, filters({ search: "  refund  ", status: "error", endUser: "u-7", model: "   " }));
    expect(next.toString()).toBe("request=abc&q=refund&page=2&status=error&user=u-7");
    expect(current.toString()).toBe("request=abc&q=old&model=gpt-4o&page=2");
  });

  it("writes a non-default sort and removes the default one", () => {
    expect(writeParams(params(""), EMPTY_FILTERS, { sortBy: "latency", sortOrder: "asc" }).toString()).toBe("sort=latency&order=asc");
    expect(writeParams(params(""), EMPTY_FILTERS, { sortBy: "timestamp", sortOrder: "asc" }).toString()).toBe("sort=timestamp&order=asc");
    expect(writeParams(params("sort=latency&order=asc&q=x"), filters({ search: "x" }), { sortBy: "timestamp", sortOrder: "desc" }).toString()).toBe("q=x");
  });

  it("leaves the sort alone when none is given", () => {
    expect(writeParams(params("sort=model&order=asc"), filters({ model: "m" })).toString()).toBe("sort=model&order=asc&model=m");
  });

  it("round-trips filters and sort through the URL", () => {
    const f = filters({ search: "a & b = c?", model: "claude/3", status: "timeout", minRisk: "5", maxRisk: "95", from: "2025-02-01", to: "2025-02-28", endUser: "ü", endpoint: "/v1/chat?x=1" });
    const sort = { sortBy: "riskScore", sortOrder: "asc" } as const;
    const url = params(writeParams(params(""), f, sort).toString());
    expect(readFilters(url)).toEqual(f);
    expect(readSort(url)).toEqual(sort);
  });
});

describe("comparing filters", () => {
  it("ignores surrounding spaces", () => {
    expect(sameFilters(filters({ search: " refund " }), filters({ search: "refund" }))).toBe(true);
    expect(sameFilters(filters({ search: "refund" }), filters({ search: "refunds" }))).toBe(false);
    expect(sameFilters(filters({ endpoint: "/a" }), filters({ endUser: "/a" }))).toBe(false);
  });

  it("counts only non-blank filters as filtering", () => {
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasFilters(filters({ search: "   ", to: "\t" }))).toBe(false);
    expect(hasFilters(filters({ maxRisk: "0" }))).toBe(true);
  });
});

describe("parseDay", () => {
  it("reads a date input as its first or last local millisecond", () => {
    expect(parseDay("2025-03-09", "start")).toEqual(new Date(2025, 2, 9, 0, 0, 0, 0));
    expect(parseDay("2025-03-09", "end")).toEqual(new Date(2025, 2, 9, 23, 59, 59, 999));
    expect(parseDay(" 2024-02-29 ", "start")).toEqual(new Date(2024, 1, 29));
  });

  it.each(["", "2025-02-30", "2023-02-29", "2025-13-01", "2025-00-10", "2025-1-5", "25-01-05", "2025/01/05", "2025-01-05T00:00", "yesterday"])(
    "refuses %j",
    (value) => {
      expect(parseDay(value, "start")).toBeUndefined();
      expect(parseDay(value, "end")).toBeUndefined();
    },
  );
});

describe("validateFilters", () => {
  it("accepts empty and valid filters", () => {
    expect(validateFilters(EMPTY_FILTERS)).toEqual({});
    expect(validateFilters(filters({ minRisk: "0", maxRisk: "100", from: "2025-01-01", to: "2025-01-01", status: "success" }))).toEqual({});
    expect(validateFilters(filters({ minRisk: "50", maxRisk: "50" }))).toEqual({});
    expect(validateFilters(filters({ minRisk: " 007 " }))).toEqual({});
  });

  it.each(["-1", "101", "1.5", "abc", "1e2", "0x10", "1000"])("refuses the risk %j", (value) => {
    expect(validateFilters(filters({ minRisk: value, maxRisk: value }))).toEqual({
      minRisk: "A whole number from 0 to 100",
      maxRisk: "A whole number from 0 to 100",
    });
  });

  it("refuses a minimum above the maximum", () => {
    expect(validateFilters(filters({ minRisk: "80", maxRisk: "20" }))).toEqual({ minRisk: "Must not exceed the maximum" });
  });

  it("refuses invalid dates and a start after the end", () => {
    expect(validateFilters(filters({ from: "2025-02-30", to: "soon" }))).toEqual({ from: "Not a valid date", to: "Not a valid date" });
    expect(validateFilters(filters({ from: "2025-02-02", to: "2025-02-01" }))).toEqual({ from: "Must not be after the end date" });
  });

  it("refuses an unknown status, enforcement outcome or source", () => {
    expect(validateFilters(filters({ status: "cancelled" }))).toEqual({ status: "Unknown status" });
    expect(validateFilters(filters({ status: "Error" }))).toEqual({ status: "Unknown status" });
    expect(validateFilters(filters({ status: "blocked", enforcement: "blocked" }))).toEqual({});
    expect(validateFilters(filters({ enforcement: "allowed" }))).toEqual({ enforcement: "Unknown outcome" });
    expect(validateFilters(filters({ source: "gateway" }))).toEqual({});
    expect(validateFilters(filters({ source: "sdk" }))).toEqual({ source: "Unknown source" });
  });
});

describe("toSearchInput", () => {
  it("sends the default sort and page size for empty filters", () => {
    expect(toSearchInput(PROJECT, EMPTY_FILTERS, DEFAULT_SORT)).toEqual({ projectId: PROJECT, sortBy: "timestamp", sortOrder: "desc", limit: 50 });
  });

  it("sends every valid filter, trimmed and typed", () => {
    const f = filters({ search: " refund ", model: " gpt-4o ", status: "error", minRisk: "10", maxRisk: "90", from: "2025-01-01", to: "2025-01-31", endUser: " u-7 ", endpoint: " /chat ", enforcement: "would_block", source: "api" });
    expect(toSearchInput(PROJECT, f, { sortBy: "latency", sortOrder: "asc" })).toEqual({
      projectId: PROJECT,
      sortBy: "latency",
      sortOrder: "asc",
      limit: 50,
      search: "refund",
      model: "gpt-4o",
      status: "error",
      minRiskScore: 10,
      maxRiskScore: 90,
      startDate: new Date(2025, 0, 1, 0, 0, 0, 0),
      endDate: new Date(2025, 0, 31, 23, 59, 59, 999),
      endUserId: "u-7",
      endpoint: "/chat",
      enforcement: "would_block",
      source: "api",
    });
  });

  it("sends 0 as a risk bound", () => {
    expect(toSearchInput(PROJECT, filters({ minRisk: "0", maxRisk: "0" }), DEFAULT_SORT)).toMatchObject({ minRiskScore: 0, maxRiskScore: 0 });
  });

  it("cuts the search text to 500 characters", () => {
    expect(toSearchInput(PROJECT, filters({ search: "x".repeat(600) }), DEFAULT_SORT).search).toBe("x".repeat(500));
  });

  it("leaves out what is invalid (a hand-edited URL) and keeps the rest", () => {
    const input = toSearchInput(PROJECT, filters({ search: "refund", status: "cancelled", minRisk: "80", maxRisk: "20", from: "2025-02-30", to: "2025-03-01", enforcement: "BLOCKED", source: "Gateway" }), DEFAULT_SORT);
    expect(input).toEqual({ projectId: PROJECT, sortBy: "timestamp", sortOrder: "desc", limit: 50, search: "refund" });
  });

  it("leaves out both risk bounds when either is invalid, and both dates when either is", () => {
    expect(toSearchInput(PROJECT, filters({ minRisk: "10", maxRisk: "x" }), DEFAULT_SORT)).not.toHaveProperty("minRiskScore");
    expect(toSearchInput(PROJECT, filters({ from: "2025-01-01", to: "x" }), DEFAULT_SORT)).not.toHaveProperty("startDate");
  });

  it.each([
    ["empty filters", EMPTY_FILTERS],
    ["every filter", filters({ search: "a", model: "m", status: "blocked", minRisk: "0", maxRisk: "100", from: "2025-01-01", to: "2025-12-31", endUser: "u", endpoint: "/e", enforcement: "modified", source: "gateway" })],
    ["invalid filters", filters({ status: "nope", minRisk: "101", maxRisk: "-4", from: "2025-02-31", to: "2024-01-01", enforcement: "allowed", source: "proxy" })],
    ["a start after the end", filters({ from: "2025-06-02", to: "2025-06-01" })],
    ["a minimum above the maximum", filters({ minRisk: "60", maxRisk: "59" })],
    ["a long search", filters({ search: ` ${"y".repeat(1_000)} ` })],
  ])("builds a query the server accepts from %s", (_name, f) => {
    const res = LogQuerySchema.safeParse(toSearchInput(PROJECT, f, { sortBy: "model", sortOrder: "asc" }));
    expect(res.error?.issues ?? []).toEqual([]);
  });
});
