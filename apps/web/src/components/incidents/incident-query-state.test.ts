import { ListIncidentsInputSchema } from "@llmguard/domain/schemas";
import { describe, expect, it } from "vitest";
import { EMPTY_FILTERS, effectiveFilters, hasFilters, incidentsHref, isKnown, readFilters, toListInput, writeParams, type IncidentFilters } from "./incident-query-state";

const PROJECT = "7d0c5f0e-3b1a-4c57-9a4e-2f6a0c1d9b8e";
const filters = (over: Partial<IncidentFilters>): IncidentFilters => ({ ...EMPTY_FILTERS, ...over });
const params = (query: string) => new URLSearchParams(query);

describe("reading the filters from the URL", () => {
  it("reads status, severity and trigger from their parameters", () => {
    expect(readFilters(params("status=acknowledged&severity=critical&trigger=high_risk"))).toEqual({ status: "acknowledged", severity: "critical", trigger: "high_risk" });
  });

  it("reads missing parameters as empty, trims values and ignores unrelated ones", () => {
    expect(readFilters(params("request=abc&q=x&severity=%20high%20"))).toEqual({ status: "", severity: "high", trigger: "" });
  });

  it("keeps unknown values as read (the form shows them) but filters only by known ones", () => {
    const f = readFilters(params("status=closed&severity=HIGH&trigger=latency"));
    expect(f).toEqual({ status: "closed", severity: "HIGH", trigger: "latency" });
    expect(effectiveFilters(f)).toEqual({ status: "", severity: "", trigger: "latency" });
  });
});

describe("known values", () => {
  it.each([
    ["status", "open", true],
    ["status", "mitigated", true],
    ["status", "resolved", true],
    ["status", "closed", false],
    ["status", "Open", false],
    ["severity", "low", true],
    ["severity", "critical", true],
    ["severity", "urgent", false],
    ["trigger", "error_rate", true],
    ["trigger", "cost_spike", true],
    ["trigger", "datadog", true],
    ["trigger", "manual", true],
    ["trigger", "error-rate", false],
    ["trigger", "", false],
  ] as const)("%s %j is known: %s", (key, value, known) => {
    expect(isKnown(key, value)).toBe(known);
  });
});

describe("writing the filters to the URL", () => {
  it("writes known non-empty filters, drops empty and unknown ones and keeps unrelated parameters", () => {
    const current = params("request=abc&status=open&severity=low");
    const next = writeParams(current, filters({ status: "", severity: "urgent", trigger: "latency" }));
    expect(next.toString()).toBe("request=abc&trigger=latency");
    expect(current.toString()).toBe("request=abc&status=open&severity=low");
  });

  it("round-trips every filter through the URL", () => {
    const f = filters({ status: "mitigated", severity: "medium", trigger: "cost_spike" });
    expect(readFilters(params(writeParams(params(""), f).toString()))).toEqual(f);
  });

  it("builds the list's address with its filters", () => {
    expect(incidentsHref(PROJECT)).toBe(`/projects/${PROJECT}/incidents`);
    expect(incidentsHref(PROJECT, { severity: "critical" })).toBe(`/projects/${PROJECT}/incidents?severity=critical`);
    expect(incidentsHref(PROJECT, { status: "open", trigger: "anomaly" })).toBe(`/projects/${PROJECT}/incidents?status=open&trigger=anomaly`);
  });
});

describe("hasFilters", () => {
  it("counts only known values as filtering", () => {
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasFilters(filters({ status: "closed" }))).toBe(false);
    expect(hasFilters(filters({ trigger: "manual" }))).toBe(true);
  });
});

describe("toListInput", () => {
  it("asks for the first page of 25 without filters", () => {
    expect(toListInput(PROJECT, EMPTY_FILTERS)).toEqual({ projectId: PROJECT, limit: 25 });
  });

  it("sends every known filter", () => {
    expect(toListInput(PROJECT, filters({ status: "open", severity: "high", trigger: "error_rate" }))).toEqual({
      projectId: PROJECT,
      limit: 25,
      status: "open",
      severity: "high",
      trigger: "error_rate",
    });
  });

  it("leaves out unknown values (a hand-edited URL) and keeps the rest", () => {
    expect(toListInput(PROJECT, filters({ status: "closed", severity: "low", trigger: "slow" }))).toEqual({ projectId: PROJECT, limit: 25, severity: "low" });
  });

  it.each([
    ["empty filters", EMPTY_FILTERS],
    ["every filter", filters({ status: "resolved", severity: "critical", trigger: "datadog" })],
    ["unknown values", filters({ status: "x", severity: "y", trigger: "z" })],
  ])("builds an input the server accepts from %s", (_name, f) => {
    const res = ListIncidentsInputSchema.safeParse(toListInput(PROJECT, f));
    expect(res.error?.issues ?? []).toEqual([]);
  });
});
