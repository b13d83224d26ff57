import type { RelatedRequest } from "@llmguard/domain/schemas";
import { describe, expect, it } from "vitest";
import { actorLabel, allowedActions, evidenceChart, evidenceItems, humanizeKey, parameterPairs, scopeLabel } from "./incident-format";

const request = (id: string, at: string, latencyMs: number, riskScore = 0): RelatedRequest => ({
  id,
  timestamp: new Date(at),
  model: "gpt-4o",
  latencyMs,
  status: "success",
  riskScore,
  endUserId: null,
  endpoint: null,
});

describe("scopeLabel", () => {
  it.each([
    [{ kind: "project", value: null }, "Project"],
    [{ kind: "model", value: "gpt-4o-mini" }, "Model gpt-4o-mini"],
    [{ kind: "endUser", value: "user-7" }, "End user user-7"],
    [{ kind: "endpoint", value: "/chat" }, "Endpoint /chat"],
    [{ kind: "alert", value: "18692904 {host:web-1}" }, "Alert 18692904 {host:web-1}"],
    [{ kind: "manual", value: null }, "Manual"],
    [{ kind: "endUser", value: null }, "End user"],
  ] as const)("reads %j as %j", (scope, text) => {
    expect(scopeLabel(scope)).toBe(text);
  });
});

describe("actorLabel", () => {
  it("names LLMGuard when no person acted, else the person's name, else their e-mail", () => {
    expect(actorLabel(null)).toBe("LLMGuard");
    expect(actorLabel({ id: "u1", name: "Ada Lovelace", email: "ada@example.test" })).toBe("Ada Lovelace");
    expect(actorLabel({ id: "u1", name: "  ", email: "ada@example.test" })).toBe("ada@example.test");
    expect(actorLabel({ id: "u1", name: null, email: null })).toBe("A former member");
  });
});

describe("allowedActions", () => {
  // The server's transitions (incident.service.ts), written out: acknowledge from open; resolve from
  // open, acknowledged, mitigated; reopen from resolved, mitigated.
  it.each([
    ["open", ["acknowledge", "resolve"]],
    ["acknowledged", ["resolve"]],
    ["mitigated", ["resolve", "reopen"]],
    ["resolved", ["reopen"]],
  ] as const)("offers %s incidents %j", (status, actions) => {
    expect(allowedActions(status)).toEqual(actions);
  });
});

describe("humanizeKey", () => {
  it.each([
    ["alertId", "Alert id"],
    ["alert_cycle_key", "Alert cycle key"],
    ["maxLatencyMs", "Max latency ms"],
    ["p95", "P95"],
    ["x", "X"],
  ])("turns %j into %j", (key, text) => {
    expect(humanizeKey(key)).toBe(text);
  });
});

describe("evidenceItems", () => {
  it("reads a latency rule's evidence in milliseconds, in a fixed order, and counts the named requests", () => {
    // The order PostgreSQL's jsonb gives back (shorter keys first), not the detector's.
    expect(evidenceItems("latency", { metric: "latencyMs", threshold: 5000, requestIds: ["a"], maxLatencyMs: 9000, slowRequests: 1 })).toEqual([
      { key: "metric", label: "Metric", value: "Latency (latencyMs)" },
      { key: "maxLatencyMs", label: "Slowest request", value: "9,000 ms" },
      { key: "threshold", label: "Threshold", value: "5,000 ms" },
      { key: "slowRequests", label: "Slow requests", value: "1" },
      { key: "requestIds", label: "Requests named", value: "1 (listed under related requests)" },
    ]);
  });

  it("reads a high-risk streak with its scores", () => {
    expect(evidenceItems("high_risk", { metric: "riskScore", threshold: 80, streak: 3, scores: [95, 92, 88], requestIds: ["a", "b", "c"] })).toEqual([
      { key: "metric", label: "Metric", value: "Risk score (riskScore)" },
      { key: "threshold", label: "Threshold", value: "Above 80" },
      { key: "streak", label: "Streak", value: "3 requests in a row" },
      { key: "scores", label: "Risk scores", value: "95, 92, 88" },
      { key: "requestIds", label: "Requests named", value: "3 (listed under related requests)" },
    ]);
  });

  it("reads an error rate in percent", () => {
    expect(evidenceItems("error_rate", { metric: "errorRatePct", threshold: 10, value: 23.4, requests: 40, errors: 9, minRequests: 20 })).toEqual([
      { key: "metric", label: "Metric", value: "Error rate (errorRatePct)" },
      { key: "value", label: "Value", value: "23.4%" },
      { key: "threshold", label: "Threshold", value: "10%" },
      { key: "requests", label: "Requests in the last hour", value: "40" },
      { key: "errors", label: "Failed requests", value: "9" },
      { key: "minRequests", label: "Minimum requests", value: "20" },
    ]);
  });

  it("reads a cost spike in dollars, its threshold as a percentage over the baseline", () => {
    expect(evidenceItems("cost_spike", { metric: "costUsd", threshold: 50, value: 1.5, baseline: 0.25, hoursWithTraffic: 30 })).toEqual([
      { key: "metric", label: "Metric", value: "Cost (costUsd)" },
      { key: "value", label: "Value", value: "$1.50" },
      { key: "threshold", label: "Threshold", value: "50% above the baseline" },
      { key: "baseline", label: "Baseline (7-day hourly average)", value: "$0.25" },
      { key: "hoursWithTraffic", label: "Hours with traffic (7 days)", value: "30 h" },
    ]);
  });

  it("shows a Datadog alert's fields under their own names, skipping empty ones", () => {
    expect(
      evidenceItems("datadog", { source: "datadog", transition: "Triggered", priority: "P1", metric: "system.cpu.user", tags: ["env:prod", "service:chat"], alertId: "123", date: null, aggregKey: "", test: true }),
    ).toEqual([
      { key: "source", label: "Source", value: "datadog" },
      { key: "transition", label: "Transition", value: "Triggered" },
      { key: "priority", label: "Priority", value: "P1" },
      { key: "metric", label: "Metric", value: "system.cpu.user" },
      { key: "tags", label: "Tags", value: "env:prod, service:chat" },
      { key: "alertId", label: "Alert id", value: "123" },
      { key: "test", label: "Test", value: "Yes" },
    ]);
  });

  it("keeps nested values as JSON", () => {
    const items = evidenceItems("anomaly", { anomalies: [{ metric: "volume", zScore: 7.2 }], value: 2300.5, metric: "p95LatencyMs" });
    expect(items).toEqual([
      { key: "metric", label: "Metric", value: "p95 latency (p95LatencyMs)" },
      { key: "value", label: "Value", value: "2,301 ms" },
      { key: "anomalies", label: "Anomalous metrics", value: '[\n  {\n    "metric": "volume",\n    "zScore": 7.2\n  }\n]', json: true },
    ]);
  });

  it("lists unknown keys after the known ones, in their stored order", () => {
    expect(evidenceItems("anomaly", { zeta: 1, metric: "volume", alpha: "a" }).map((i) => i.key)).toEqual(["metric", "zeta", "alpha"]);
  });

  it("shows no user id for a manual incident", () => {
    expect(evidenceItems("manual", { openedBy: "7d0c5f0e-3b1a-4c57-9a4e-2f6a0c1d9b8e" })).toEqual([]);
  });
});

describe("evidenceChart", () => {
  it("plots a latency incident's related requests oldest first against the threshold", () => {
    const a = request("a", "2026-12-06T10:00:05Z", 9000);
    const b = request("b", "2026-12-06T10:00:01Z", 300);
    expect(evidenceChart("latency", { metric: "latencyMs", threshold: 5000, maxLatencyMs: 9000 }, [a, b])).toEqual({ kind: "requests", metric: "latency", threshold: 5000, points: [b, a] });
  });

  it("plots a high-risk streak's risk scores", () => {
    const a = request("a", "2026-12-06T10:00:05Z", 100, 95);
    expect(evidenceChart("high_risk", { threshold: 80 }, [a])).toEqual({ kind: "requests", metric: "risk", threshold: 80, points: [a] });
  });

  it("falls back to the slowest request against the threshold when no request is left", () => {
    expect(evidenceChart("latency", { threshold: 5000, maxLatencyMs: 9000 }, [])).toEqual({
      kind: "bars",
      unit: "ms",
      bars: [
        { label: "Slowest request", value: 9000 },
        { label: "Threshold", value: 5000 },
      ],
    });
  });

  it("compares an error rate with its threshold", () => {
    expect(evidenceChart("error_rate", { threshold: 10, value: 23.4 }, [])).toEqual({
      kind: "bars",
      unit: "percent",
      bars: [
        { label: "Error rate, last hour", value: 23.4 },
        { label: "Threshold", value: 10 },
      ],
    });
  });

  it("compares a cost spike with the baseline and the threshold above it", () => {
    expect(evidenceChart("cost_spike", { threshold: 50, value: 1.5, baseline: 0.25 }, [])).toEqual({
      kind: "bars",
      unit: "usd",
      bars: [
        { label: "Cost this hour", value: 1.5 },
        { label: "7-day hourly average", value: 0.25 },
        { label: "Threshold (+50%)", value: 0.375 },
      ],
    });
  });

  it("compares an anomaly with its baseline mean and the sigma threshold", () => {
    expect(evidenceChart("anomaly", { metric: "errorRate", value: 30, baselineMean: 2, stdDevUsed: 1.5, sigma: 4 }, [])).toEqual({
      kind: "bars",
      unit: "percent",
      bars: [
        { label: "This hour", value: 30 },
        { label: "Baseline mean", value: 2 },
        { label: "Threshold (mean + 4σ)", value: 8 },
      ],
    });
  });

  it("draws nothing when the evidence does not allow it", () => {
    expect(evidenceChart("manual", { openedBy: "x" }, [])).toBeNull();
    expect(evidenceChart("datadog", { value: 3 }, [])).toBeNull();
    expect(evidenceChart("high_risk", { streak: 3 }, [request("a", "2026-12-06T10:00:00Z", 1)])).toBeNull();
    expect(evidenceChart("error_rate", { threshold: 10 }, [])).toBeNull();
  });
});

describe("parameterPairs", () => {
  it("lists strings as they are and other values as JSON", () => {
    expect(parameterPairs({ model: "gpt-4o-mini", threshold: 60, users: ["u1"], limit: { perMinute: 5 } })).toEqual([
      { name: "model", value: "gpt-4o-mini" },
      { name: "threshold", value: "60" },
      { name: "users", value: '["u1"]' },
      { name: "limit", value: '{"perMinute":5}' },
    ]);
  });
});
