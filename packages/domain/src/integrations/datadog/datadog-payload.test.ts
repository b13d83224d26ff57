import { describe, expect, it } from "vitest";
import { DomainError } from "../../shared/errors";
import { datadogSeverity, parseDatadogPayload, splitDatadogTitle } from "./datadog-payload";
import { DATADOG_PAYLOAD_TEMPLATE } from "./datadog.schema";

/** The documented template (docs/incidents.md) as Datadog sends it once the variables are filled in. */
function templated(overrides: Record<string, unknown> = {}) {
  return {
    id: "7294361538462959876",
    alert_id: "18692904",
    alert_cycle_key: "7294361538462950000",
    aggreg_key: "9bd4ac313a4d1e8fae2482df7b77628",
    title: "[P2] [Triggered on {host:web-1}] LLM latency p95 above 5s",
    body: "%%%\nLatency is high on web-1 @webhook-llmguard\n%%%",
    alert_transition: "Triggered",
    alert_priority: "P2",
    alert_type: "error",
    date: "1591216985000",
    link: "https://app.datadoghq.com/event/event?id=7294361538462959876",
    tags: "env:prod, service:chat,monitor",
    alert_metric: "llm.latency.p95",
    alert_status: "llm.latency.p95 over host:web-1 was > 5000 on average during the last 5m",
    alert_scope: "host:web-1",
    ...overrides,
  };
}

/** Datadog's default payload, with a monitor notification's values (title prefix, monitor link in the body). */
function defaultPayload(title: string, id = "5485379890863845239") {
  return {
    body: "%%%\n@webhook-llmguard\n\nThe monitor was last triggered at Wed Jun 03 2020 20:43:04 UTC.\n\n- - -\n\n[[Monitor Status](https://app.datadoghq.com/monitors#18692904?)] · [[Edit Monitor](https://app.datadoghq.com/monitors#18692904/edit)]\n%%%",
    last_updated: "1591216985000",
    event_type: "query_alert_monitor",
    title,
    date: "1591216985000",
    org: { id: "415600", name: "Acme" },
    id,
  };
}

function refusal(payload: unknown): DomainError {
  try {
    parseDatadogPayload(payload);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error("expected the payload to be refused");
}

describe("the documented payload template", () => {
  it("names every variable the receiver reads", () => {
    expect(Object.values(DATADOG_PAYLOAD_TEMPLATE).sort()).toEqual(
      ["$ID", "$ALERT_ID", "$ALERT_CYCLE_KEY", "$AGGREG_KEY", "$EVENT_TITLE", "$EVENT_MSG", "$ALERT_TRANSITION", "$ALERT_PRIORITY", "$ALERT_TYPE", "$DATE", "$LINK", "$TAGS", "$ALERT_METRIC", "$ALERT_STATUS", "$ALERT_SCOPE"].sort(),
    );
  });

  it("reads a Triggered alert into the incident's fields", () => {
    const a = parseDatadogPayload(templated());
    expect(a).toMatchObject({
      eventId: "7294361538462959876",
      transition: "Triggered",
      effect: "open",
      alertKey: "7294361538462950000",
      alertKeySource: "alert_cycle_key",
      alertId: "18692904",
      aggregKey: "9bd4ac313a4d1e8fae2482df7b77628",
      title: "LLM latency p95 above 5s",
      message: "Latency is high on web-1 @webhook-llmguard",
      priority: "P2",
      alertType: "error",
      severity: "high",
      link: "https://app.datadoghq.com/event/event?id=7294361538462959876",
      tags: ["env:prod", "service:chat", "monitor"],
      metric: "llm.latency.p95",
      alertScope: "host:web-1",
      test: false,
    });
    expect(a.date?.toISOString()).toBe("2020-06-03T20:43:05.000Z");
  });

  it("falls back to the alert id and its group when the cycle key was not substituted", () => {
    const a = parseDatadogPayload(templated({ alert_cycle_key: "$ALERT_CYCLE_KEY" }));
    expect(a.alertKey).toBe("18692904 {host:web-1}");
    expect(a.alertKeySource).toBe("alert_id");
  });

  it("treats empty and unsubstituted fields as absent", () => {
    const a = parseDatadogPayload(templated({ alert_priority: "", alert_type: "$ALERT_TYPE", link: "", tags: "", alert_metric: "$ALERT_METRIC" }));
    expect(a).toMatchObject({ priority: "P2", alertType: null, link: null, tags: [], metric: null }); // P2 still comes from the title
  });

  it("keeps no link that is not http(s), and accepts tags as a list", () => {
    expect(parseDatadogPayload(templated({ link: "javascript:alert(1)", tags: ["a:b", 7] }))).toMatchObject({ link: null, tags: ["a:b", "7"] });
  });

  it("makes text safe and cuts it to size", () => {
    const a = parseDatadogPayload(templated({ title: `[Triggered] bad\u0000title ${"x".repeat(500)}`, body: `\ud800${"y".repeat(20_000)}` }));
    expect(a.title.startsWith("bad\uFFFDtitle")).toBe(true);
    expect(a.title.length).toBe(200);
    expect(a.message.startsWith("\uFFFD")).toBe(true);
    expect(a.message.length).toBe(10_000);
  });
});

describe("Datadog's default payload", () => {
  it("takes the transition, priority and group from the title and the monitor from the body's link", () => {
    const a = parseDatadogPayload(defaultPayload("[P1] [Triggered on {host:web-1,env:prod}] LLM error rate"));
    expect(a).toMatchObject({
      eventId: "5485379890863845239",
      transition: "Triggered",
      effect: "open",
      priority: "P1",
      severity: "critical",
      alertId: "18692904",
      alertKey: "18692904 {host:web-1,env:prod}",
      alertKeySource: "monitor_link",
      alertScope: "host:web-1,env:prod",
      title: "LLM error rate",
    });
    expect(a.message.startsWith("@webhook-llmguard")).toBe(true);
  });

  it("recognises a test notification and a recovery of the same monitor", () => {
    const t = parseDatadogPayload(defaultPayload("[Triggered] [TEST] Host Cluster Alert"));
    expect(t).toMatchObject({ transition: "Triggered", test: true, title: "Host Cluster Alert", alertKey: "18692904", severity: "high" });
    const r = parseDatadogPayload(defaultPayload("[Recovered] [TEST] Host Cluster Alert", "5485379890863845240"));
    expect(r).toMatchObject({ transition: "Recovered", effect: "recover", alertKey: "18692904" });
  });

  it("keys an alert without any id by its title", () => {
    const a = parseDatadogPayload({ id: "1", title: "[Warn] Disk filling up" });
    expect(a).toMatchObject({ transition: "Warn", alertKey: "title:Disk filling up", alertKeySource: "title", severity: "medium" });
  });
});

describe("transitions", () => {
  it.each([
    ["Triggered", "Triggered", "open"],
    ["Re-Triggered", "Re-Triggered", "open"],
    ["Warn", "Warn", "open"],
    ["Re-Warn", "Re-Warn", "open"],
    ["Renotify", "Renotify", "open"],
    ["Recovered", "Recovered", "recover"],
    ["No Data", "No Data", "ignore"],
    ["Re-No Data", "Re-No Data", "ignore"],
    ["Null", "Null", "ignore"],
    ["re-triggered", "Re-Triggered", "open"],
    ["RECOVERED", "Recovered", "recover"],
  ])("$ALERT_TRANSITION %s is %s (%s)", (raw, transition, effect) => {
    expect(parseDatadogPayload(templated({ alert_transition: raw }))).toMatchObject({ transition, effect });
  });

  it.each([
    ["[Triggered] CPU", "Triggered"],
    ["[Re-Triggered on {host:a}] CPU", "Re-Triggered"],
    ["[Warn on {host:a}] CPU", "Warn"],
    ["[Re-Warn] CPU", "Re-Warn"],
    ["[Recovered on {host:a}] CPU", "Recovered"],
    ["[No Data] CPU", "No Data"],
    ["[P3] [Renotify] CPU", "Renotify"],
  ])("reads %s from a title", (title, transition) => {
    expect(splitDatadogTitle(title).transition).toBe(transition);
    expect(parseDatadogPayload({ id: "1", alert_id: "9", title }).transition).toBe(transition);
  });

  it("prefers the alert_transition field over the title", () => {
    expect(parseDatadogPayload(templated({ alert_transition: "Recovered" })).transition).toBe("Recovered");
  });
});

describe("severity", () => {
  it.each([
    ["P1", "info", "critical"],
    ["P2", "info", "high"],
    ["P3", "error", "medium"],
    ["P4", "error", "low"],
    ["P5", "error", "low"],
    ["p1", null, "critical"],
  ])("priority %s (alert type %s) is %s", (priority, alertType, severity) => {
    expect(parseDatadogPayload(templated({ title: "CPU", alert_priority: priority, alert_type: alertType })).severity).toBe(severity);
  });

  it.each([
    ["error", "high"],
    ["warning", "medium"],
    ["info", "low"],
    ["success", "low"],
    ["Error", "high"],
  ])("without a priority, alert type %s is %s", (alertType, severity) => {
    expect(parseDatadogPayload(templated({ title: "CPU", alert_priority: "", alert_type: alertType })).severity).toBe(severity);
  });

  it("without priority or alert type, a warning is medium and anything else that fires high", () => {
    expect(datadogSeverity({ priority: null, alertType: null, transition: "Warn" })).toBe("medium");
    expect(datadogSeverity({ priority: null, alertType: null, transition: "Re-Warn" })).toBe("medium");
    expect(datadogSeverity({ priority: null, alertType: "metric alert", transition: "Triggered" })).toBe("high");
  });
});

describe("garbage", () => {
  it.each([
    ["null", null],
    ["a list", [templated()]],
    ["a string", "Triggered"],
    ["a number", 42],
  ])("refuses %s", (_name, payload) => {
    expect(refusal(payload)).toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("refuses a payload without an event id", () => {
    const e = refusal(templated({ id: undefined }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.details).toMatchObject({ issues: [{ path: "id" }] });
    expect(refusal(templated({ id: "$ID" })).code).toBe("VALIDATION_FAILED");
  });

  it("refuses an unknown transition and a payload that names none", () => {
    expect(refusal(templated({ alert_transition: "Exploded", title: "CPU high" })).details).toMatchObject({ issues: [{ path: "alert_transition", message: "Unknown alert transition: Exploded" }] });
    // an unknown field value gives way to a transition the title names
    expect(parseDatadogPayload(templated({ alert_transition: "Exploded", title: "[Warn] CPU high" })).transition).toBe("Warn");
    expect(refusal({ id: "1", alert_id: "2", title: "CPU high" }).details).toMatchObject({ issues: [{ path: "alert_transition" }] });
  });

  it("refuses a payload that identifies no alert", () => {
    expect(refusal({ id: "1", alert_transition: "Triggered" }).details).toMatchObject({ issues: [{ path: "alert_cycle_key" }] });
  });

  it("refuses fields of the wrong type and an overlong event id", () => {
    expect(refusal(templated({ title: { nested: true } })).code).toBe("VALIDATION_FAILED");
    expect(refusal(templated({ id: "9".repeat(201) })).code).toBe("VALIDATION_FAILED");
  });
});
