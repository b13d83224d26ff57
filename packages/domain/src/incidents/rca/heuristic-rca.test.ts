import { describe, expect, it } from "vitest";
import { RecommendedActionSchema } from "../incident.schema";
import { cheaperSibling, heuristicRca, switchTarget, SYSTEM_PROMPT_GUARD, type RcaIncident, type RcaRequest, type RcaSettings } from "./heuristic-rca";

const T0 = new Date("2025-03-01T12:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let n = 0;
function req(over: Partial<RcaRequest> = {}): RcaRequest {
  n++;
  return {
    id: `req-${n}`,
    timestamp: T0,
    model: "gpt-4o",
    endpoint: "/chat",
    endUserId: null,
    status: "success",
    latencyMs: 300,
    riskScore: 0,
    riskFactors: [],
    errorMessage: null,
    costUsd: null,
    totalTokens: 100,
    prompt: "",
    response: "",
    ...over,
  };
}

const SETTINGS: RcaSettings = { preferredModel: "gpt-4o-mini", riskThreshold: 70, systemPrompt: "You are the support bot." };

function incident(over: Partial<RcaIncident> & Pick<RcaIncident, "trigger" | "scope">): RcaIncident {
  return { title: "incident", severity: "high", occurrences: 1, firstSeenAt: T0, lastSeenAt: T0, ...over };
}

describe("heuristicRca: high risk", () => {
  it("rate-limits the end user, lowers the threshold and hardens the system prompt when one end user sends injection attempts", () => {
    const requests = [95, 90, 85].map((riskScore, i) => req({ endUserId: "mallory", riskScore, timestamp: at(i), riskFactors: ["jailbreak", "prompt_injection", "model_adjustment"] }));
    const rca = heuristicRca({
      incident: incident({ trigger: "high_risk", scope: { kind: "endUser", value: "mallory" }, severity: "critical" }),
      evidence: { metric: "riskScore", threshold: 80, streak: 3, scores: [95, 90, 85], requestIds: requests.map((r) => r.id) },
      requests,
      settings: SETTINGS,
      now: T0,
    });
    expect(rca).toEqual({
      source: "heuristic",
      severity: "critical",
      rootCause:
        "3 consecutive requests from end user mallory scored above 80 (scores 95, 90, 85). They carry prompt-injection or jailbreak attempts: a deliberate attack is likely. " +
        "3 of the 3 related requests arrived within 5 minutes (a burst). Of these, 100% used model gpt-4o, 100% hit endpoint /chat and 100% came from end user mallory. " +
        "Most frequent risk factors: jailbreak (3), prompt_injection (3).",
      recommendedFix:
        "Rate-limit end user mallory to 5 requests a minute for 60 minutes, lower the safety threshold from 70 to 60 so similar requests are flagged and add refusal instructions against prompt injection to the system prompt.",
      affectedRequests: 3,
      recommendedActions: [
        { type: "rate_limit_user", parameters: { endUserId: "mallory", requestsPerMinute: 5, durationMinutes: 60 }, reason: "End user mallory sends a streak of high-risk requests." },
        { type: "increase_safety_threshold", parameters: { threshold: 60 }, reason: "High-risk requests keep arriving. Flag requests from risk score 60 instead of 70." },
        {
          type: "change_system_prompt",
          parameters: { prompt: `You are the support bot.\n\n${SYSTEM_PROMPT_GUARD}` },
          reason: "Prompt-injection and jailbreak attempts dominate; the system prompt should refuse them explicitly.",
        },
      ],
      metadata: {
        trigger: "high_risk",
        scope: { kind: "endUser", value: "mallory" },
        analyzedRequests: 3,
        statusCounts: { success: 3, error: 0, timeout: 0 },
        dominant: { model: { value: "gpt-4o", count: 3, share: 1 }, endpoint: { value: "/chat", count: 3, share: 1 }, endUser: { value: "mallory", count: 3, share: 1 } },
        topErrors: [],
        topRiskFactors: [
          { type: "jailbreak", count: 3 },
          { type: "prompt_injection", count: 3 },
        ],
        timePattern: { kind: "burst", spanMinutes: 2, peakShare: 1 },
        latency: { medianMs: 300, maxMs: 300 },
        costUsd: 0,
      },
      createdAt: T0,
    });
  });

  it("disables the endpoint (not a user) when the streak is an endpoint's, and leaves the system prompt alone for PII", () => {
    const requests = ["u1", "u2", "u3"].map((endUserId, i) => req({ endUserId, endpoint: "/support", riskScore: 85, timestamp: at(i * 30), riskFactors: ["pii"] }));
    const rca = heuristicRca({
      incident: incident({ trigger: "high_risk", scope: { kind: "endpoint", value: "/support" } }),
      evidence: { metric: "riskScore", threshold: 80, streak: 3, scores: [85, 85, 85] },
      requests,
      settings: SETTINGS,
      now: T0,
    });
    expect(rca.rootCause).toBe(
      "3 consecutive requests from endpoint /support scored above 80 (scores 85, 85, 85). They carry PII or secrets: users are pasting sensitive data into prompts. " +
        "The 3 related requests are spread over 60 minutes. Of these, 100% used model gpt-4o and 100% hit endpoint /support. Most frequent risk factors: pii (3).",
    );
    expect(rca.recommendedFix).toBe("Disable endpoint /support until its input handling is reviewed and lower the safety threshold from 70 to 60 so similar requests are flagged.");
    expect(rca.recommendedActions).toEqual([
      { type: "disable_endpoint", parameters: { endpoint: "/support" }, reason: "Endpoint /support receives a streak of high-risk requests." },
      { type: "increase_safety_threshold", parameters: { threshold: 60 }, reason: "High-risk requests keep arriving. Flag requests from risk score 60 instead of 70." },
    ]);
  });

  it("never recommends a threshold that is not stricter than the current one", () => {
    const run = (riskThreshold: number) =>
      heuristicRca({ incident: incident({ trigger: "high_risk", scope: { kind: "project", value: null } }), evidence: {}, requests: [], settings: { ...SETTINGS, riskThreshold }, now: T0 }).recommendedActions;
    expect(run(5)).toEqual([{ type: "increase_safety_threshold", parameters: { threshold: 0 }, reason: "High-risk requests keep arriving. Flag requests from risk score 0 instead of 5." }]);
    expect(run(0)).toEqual([]);
  });

  it("rate-limits the dominant end user of a project-wide streak", () => {
    const requests = [req({ endUserId: "bob", riskScore: 90 }), req({ endUserId: "bob", riskScore: 90 }), req({ endUserId: "bob", riskScore: 90 }), req({ endUserId: "carol", riskScore: 90 })];
    const rca = heuristicRca({ incident: incident({ trigger: "high_risk", scope: { kind: "project", value: null } }), evidence: { threshold: 80, streak: 4 }, requests, settings: SETTINGS, now: T0 });
    expect(rca.recommendedActions.map((a) => [a.type, a.parameters])).toEqual([
      ["rate_limit_user", { endUserId: "bob", requestsPerMinute: 5, durationMinutes: 60 }],
      ["increase_safety_threshold", { threshold: 60 }],
    ]);
    expect(rca.affectedRequests).toBe(4);
  });
});

describe("heuristicRca: latency", () => {
  it("switches the slow model to the project's preferred model", () => {
    const requests = [req({ latencyMs: 9000, timestamp: at(30) }), req({ latencyMs: 6000, timestamp: at(0) })];
    const rca = heuristicRca({
      incident: incident({ trigger: "latency", scope: { kind: "model", value: "gpt-4o" }, severity: "high" }),
      evidence: { metric: "latencyMs", threshold: 5000, maxLatencyMs: 9000, slowRequests: 2 },
      requests,
      settings: SETTINGS,
      now: T0,
    });
    expect(rca.rootCause).toBe(
      "Latency on gpt-4o rose above 5000 ms: 2 slow request(s), the slowest took 9000 ms. Prompt sizes look ordinary, which points to the provider or the model's capacity. " +
        "The 2 related requests are spread over 30 minutes. Of these, 100% used model gpt-4o and 100% hit endpoint /chat.",
    );
    expect(rca.recommendedFix).toBe("Switch gpt-4o to gpt-4o-mini until latency recovers, and set a client-side timeout.");
    expect(rca.recommendedActions).toEqual([{ type: "switch_model", parameters: { from: "gpt-4o", to: "gpt-4o-mini" }, reason: "gpt-4o is slow; gpt-4o-mini is the project's preferred model." }]);
    expect(rca.affectedRequests).toBe(2);
    expect(rca.metadata.latency).toEqual({ medianMs: 6000, maxMs: 9000 });
  });

  it("switches the preferred model itself to a faster sibling, and names long prompts as the cause", () => {
    const requests = [req({ model: "gpt-4o-mini-2024-07-18", latencyMs: 7000, riskFactors: ["long_prompt"] }), req({ model: "gpt-4o-mini-2024-07-18", latencyMs: 8000, riskFactors: ["long_prompt", "high_tokens"] })];
    const rca = heuristicRca({ incident: incident({ trigger: "latency", scope: { kind: "model", value: "gpt-4o-mini-2024-07-18" } }), evidence: { threshold: 5000 }, requests, settings: SETTINGS, now: T0 });
    expect(rca.rootCause.startsWith("Latency on gpt-4o-mini-2024-07-18 rose above 5000 ms, the slowest took 8000 ms. Long prompts and high token counts among these requests point to generation time as the cause.")).toBe(true);
    expect(rca.recommendedActions).toEqual([
      { type: "switch_model", parameters: { from: "gpt-4o-mini-2024-07-18", to: "gpt-4.1-nano" }, reason: "gpt-4o-mini-2024-07-18 is slow; gpt-4.1-nano is a faster model of the same provider." },
    ]);
  });

  it("recommends no switch for a model with neither a sibling nor another preferred model", () => {
    const rca = heuristicRca({
      incident: incident({ trigger: "latency", scope: { kind: "model", value: "gpt-4.1-nano" } }),
      evidence: { threshold: 5000, slowRequests: 1, maxLatencyMs: 6000 },
      requests: [req({ model: "gpt-4.1-nano", latencyMs: 6000, status: "timeout" })],
      settings: { ...SETTINGS, preferredModel: "gpt-4.1-nano" },
      now: T0,
    });
    expect(rca.rootCause).toBe(
      "Latency on gpt-4.1-nano rose above 5000 ms: 1 slow request(s), the slowest took 6000 ms. Some requests timed out, which points to the provider rather than the prompts. One related request was found.",
    );
    expect(rca.recommendedFix).toBe("Check the provider's status for gpt-4.1-nano, shorten prompts or lower max tokens, and set a client-side timeout.");
    expect(rca.recommendedActions).toEqual([]);
  });

  it("reads an anomaly on latency like the latency rule", () => {
    const rca = heuristicRca({ incident: incident({ trigger: "anomaly", scope: { kind: "model", value: "claude-3-opus-20240229" } }), evidence: { metric: "latencyMs" }, requests: [], settings: SETTINGS, now: T0 });
    // another provider than the preferred gpt-4o-mini: the same provider's cheaper, faster sibling
    expect(rca.recommendedActions).toEqual([{ type: "switch_model", parameters: { from: "claude-3-opus-20240229", to: "claude-3-5-sonnet" }, reason: "claude-3-opus-20240229 is slow; claude-3-5-sonnet is a faster model of the same provider." }]);
  });
});

describe("heuristicRca: error rate", () => {
  it("moves traffic off the model the failures concentrate on and names the top errors, masked text as given, truncated", () => {
    const long = `Upstream said: ${"x".repeat(200)}`;
    const requests = [
      ...[0, 1, 2].map((i) => req({ status: "error", errorMessage: "Rate limit exceeded for [REDACTED:secret]", riskFactors: ["error"], timestamp: at(i * 0.5) })),
      ...[0, 1].map(() => req({ status: "error", errorMessage: long, riskFactors: ["error"], timestamp: at(2) })),
      req({ model: "o3-mini", status: "timeout", riskFactors: ["error"], timestamp: at(3) }),
    ];
    const rca = heuristicRca({
      incident: incident({ trigger: "error_rate", scope: { kind: "project", value: null }, severity: "medium" }),
      evidence: { metric: "errorRatePct", threshold: 10, value: 24, requests: 25, errors: 6, minRequests: 20 },
      requests,
      settings: SETTINGS,
      now: T0,
    });
    const clipped = `Upstream said: ${"x".repeat(144)}…`;
    expect(rca.rootCause).toBe(
      "24% of requests failed over the last hour (6 of 25; threshold 10%). The failures concentrate on gpt-4o, which points to that model or its provider. " +
        "6 of the 6 related requests arrived within 5 minutes (a burst). Of these, 83% used model gpt-4o and 100% hit endpoint /chat. " +
        `Top errors: "Rate limit exceeded for [REDACTED:secret]" (3), "${clipped}" (2). Most frequent risk factors: error (6).`,
    );
    expect(rca.recommendedFix).toBe("Switch gpt-4o to gpt-4o-mini while it fails, and check its provider's status, credentials and quotas.");
    expect(rca.recommendedActions).toEqual([{ type: "switch_model", parameters: { from: "gpt-4o", to: "gpt-4o-mini" }, reason: "Most failures come from gpt-4o; gpt-4o-mini is the project's preferred model." }]);
    expect(rca.affectedRequests).toBe(6);
    expect(rca.severity).toBe("medium");
  });

  it("points to a shared cause when no model dominates", () => {
    const requests = [req({ model: "gpt-4o", status: "error", errorMessage: "401 Unauthorized" }), req({ model: "claude-3-5-haiku", status: "error", errorMessage: "401 Unauthorized" })];
    const rca = heuristicRca({ incident: incident({ trigger: "error_rate", scope: { kind: "project", value: null } }), evidence: {}, requests, settings: SETTINGS, now: T0 });
    expect(rca.rootCause.startsWith("2 of the 2 related requests failed. The failures are spread over several models, which points to a shared cause such as credentials, quotas or the network.")).toBe(true);
    expect(rca.recommendedFix).toBe('Check provider credentials, quotas and status: the top error is "401 Unauthorized".');
    expect(rca.recommendedActions).toEqual([]);
  });
});

describe("heuristicRca: cost spike", () => {
  it("rate-limits the end user who drives the spend and switches to a cheaper model", () => {
    const requests = [0, 10, 20, 30].map((m) => req({ endUserId: "bob", costUsd: 0.3, timestamp: at(m) })).concat(req({ endUserId: "carol", costUsd: 0.05, timestamp: at(40) }));
    const rca = heuristicRca({
      incident: incident({ trigger: "cost_spike", scope: { kind: "project", value: null }, severity: "medium" }),
      evidence: { metric: "costUsd", threshold: 50, value: 1.5, baseline: 0.25, hoursWithTraffic: 100 },
      requests,
      settings: SETTINGS,
      now: T0,
    });
    expect(rca.rootCause).toBe(
      "Cost this hour is $1.5000 against an hourly average of $0.2500 over the last 7 days. End user bob accounts for 96% of the cost and 100% of the requests used gpt-4o. " +
        "The 5 related requests are spread over 40 minutes. Of these, 100% used model gpt-4o, 100% hit endpoint /chat and 80% came from end user bob.",
    );
    expect(rca.recommendedFix).toBe("Rate-limit end user bob to 10 requests a minute for 60 minutes and switch gpt-4o to the cheaper gpt-4o-mini.");
    expect(rca.recommendedActions).toEqual([
      { type: "rate_limit_user", parameters: { endUserId: "bob", requestsPerMinute: 10, durationMinutes: 60 }, reason: "End user bob drives the spend." },
      { type: "switch_model", parameters: { from: "gpt-4o", to: "gpt-4o-mini" }, reason: "gpt-4o-mini costs less than gpt-4o." },
    ]);
    expect(rca.metadata.costUsd).toBe(1.25);
  });

  it("recommends no switch to a preferred model that costs more", () => {
    const requests = [req({ model: "gpt-4.1-nano", costUsd: 0.1 }), req({ model: "gpt-4.1-nano", costUsd: 0.1, endUserId: "a" }), req({ model: "gpt-4.1-nano", costUsd: 0.1, endUserId: "b" })];
    const rca = heuristicRca({ incident: incident({ trigger: "cost_spike", scope: { kind: "project", value: null } }), evidence: {}, requests, settings: { ...SETTINGS, preferredModel: "gpt-4o" }, now: T0 });
    expect(rca.recommendedActions).toEqual([]);
    expect(rca.recommendedFix).toBe("Find the feature that drives the spend and cap its usage; no single end user or model dominates.");
  });
});

describe("heuristicRca: alerts and manual incidents", () => {
  it("describes a manual incident without requests and recommends nothing", () => {
    const rca = heuristicRca({ incident: incident({ trigger: "manual", scope: { kind: "manual", value: null }, title: "Checkout answers are wrong", severity: "low" }), evidence: { openedBy: "u" }, requests: [], settings: SETTINGS, now: T0 });
    expect(rca).toMatchObject({
      source: "heuristic",
      severity: "low",
      rootCause: "Opened by hand: Checkout answers are wrong. No related requests were found.",
      recommendedFix: "Review the related requests and the alert's metric; nothing in the requests dominates.",
      affectedRequests: 0,
      recommendedActions: [],
    });
  });

  it("points a Datadog alert at the dominant model", () => {
    const rca = heuristicRca({ incident: incident({ trigger: "datadog", scope: { kind: "alert", value: "123" }, title: "p95 latency high" }), evidence: {}, requests: [req({ model: "o1" }), req({ model: "o1" })], settings: SETTINGS, now: T0 });
    expect(rca.rootCause.startsWith("A Datadog alert opened this incident: p95 latency high.")).toBe(true);
    expect(rca.recommendedFix).toBe("Start with model o1, which dominates the related requests, and compare it with the alert's metric.");
  });
});

describe("heuristicRca: every trigger", () => {
  it("gives actions that validate against RecommendedActionSchema, and the same analysis for the same input", () => {
    const requests = [req({ endUserId: "z", riskScore: 99, riskFactors: ["jailbreak"], status: "error", errorMessage: "boom", costUsd: 1 }), req({ endUserId: "z", riskScore: 99, riskFactors: ["jailbreak"], costUsd: 1 })];
    for (const trigger of ["latency", "error_rate", "high_risk", "cost_spike", "anomaly", "datadog", "manual"] as const) {
      for (const scope of [{ kind: "project", value: null }, { kind: "endUser", value: "z" }, { kind: "endpoint", value: "/chat" }, { kind: "model", value: "gpt-4o" }] as const) {
        const input = { incident: incident({ trigger, scope }), evidence: { metric: "riskScore", threshold: 80 }, requests, settings: SETTINGS, now: T0 };
        const rca = heuristicRca(input);
        for (const a of rca.recommendedActions) expect(RecommendedActionSchema.safeParse(a).success).toBe(true);
        expect(heuristicRca(input)).toEqual(rca);
      }
    }
  });
});

describe("model choices", () => {
  it("knows cheaper, faster siblings by the longest matching prefix", () => {
    expect(cheaperSibling("gpt-4o-2024-08-06")).toBe("gpt-4o-mini");
    expect(cheaperSibling("gpt-4o-mini")).toBe("gpt-4.1-nano");
    expect(cheaperSibling("o3-mini")).toBeNull();
    expect(cheaperSibling("us.anthropic.claude-3-5-sonnet-20240620-v1:0")).toBe("claude-3-5-haiku");
    expect(cheaperSibling("my-local-llm")).toBeNull();
  });

  it("falls back to the preferred model for an unknown model", () => {
    expect(switchTarget("my-local-llm", "gpt-4o-mini", "faster")).toEqual({ to: "gpt-4o-mini", why: "preferred" });
    expect(switchTarget("my-local-llm", "gpt-4o-mini", "cheaper")).toBeNull();
  });
});
