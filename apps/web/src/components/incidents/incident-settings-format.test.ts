import { describe, expect, it } from "vitest";
import {
  DATADOG_PAYLOAD_TEMPLATE as DOMAIN_TEMPLATE,
  DATADOG_PAYLOAD_TEXT,
  datadogCustomHeaders,
  generateSigningSecret,
  incidentSettingsRules,
  notificationUrlError,
  readIncidentSettings,
  testFailureMessage,
} from "./incident-settings-format";

/** An error as the tRPC client raises it: the server's message and its errorFormatter's data. */
const serverError = (message: string, code: string, httpStatus: number, details: unknown = null) => Object.assign(new Error(message), { data: { code, httpStatus, details } });

describe("the Datadog payload template", () => {
  it("is shown as pretty JSON, and the custom headers are JSON too", () => {
    expect(JSON.parse(DATADOG_PAYLOAD_TEXT)).toEqual(DOMAIN_TEMPLATE);
    expect(DATADOG_PAYLOAD_TEXT).toContain('\n  "alert_transition": "$ALERT_TRANSITION",\n');
    expect(JSON.parse(datadogCustomHeaders("s3cret"))).toEqual({ "X-LLMGuard-Webhook-Secret": "s3cret" });
  });
});

describe("readIncidentSettings", () => {
  it("falls back to the defaults the server uses", () => {
    expect(readIncidentSettings([])).toEqual({ onRecovered: "mitigate", minSeverity: { email: "high", slack: "off", webhook: "off" } });
  });

  it("reads the stored values of the base config", () => {
    const entries = [
      { key: "integrations.datadog.onRecovered", value: "resolve" },
      { key: "notifications.email.minSeverity", value: "low" },
      { key: "notifications.slack.minSeverity", value: "critical" },
      { key: "llm.model", value: "gpt-4o" },
    ];
    expect(readIncidentSettings(entries)).toEqual({ onRecovered: "resolve", minSeverity: { email: "low", slack: "critical", webhook: "off" } });
  });

  it("ignores values the server would not accept either", () => {
    const entries = [
      { key: "integrations.datadog.onRecovered", value: "delete" },
      { key: "notifications.email.minSeverity", value: "HIGH" },
      { key: "notifications.webhook.minSeverity", value: 3 },
    ];
    expect(readIncidentSettings(entries)).toEqual({ onRecovered: "mitigate", minSeverity: { email: "high", slack: "off", webhook: "off" } });
  });
});

describe("incidentSettingsRules", () => {
  it("lets admins and owners change everything", () => {
    for (const role of ["admin", "owner"] as const) {
      const rules = incidentSettingsRules(role);
      expect([rules.datadog, rules.config, rules.secrets, rules.test].every((r) => r.allowed)).toBe(true);
    }
  });

  it("gives developers and viewers the reason instead", () => {
    for (const role of ["developer", "viewer"] as const) {
      const rules = incidentSettingsRules(role);
      expect([rules.datadog, rules.config, rules.secrets, rules.test].some((r) => r.allowed)).toBe(false);
      expect(rules.datadog.reason).toBe(`Connecting Datadog and rotating its secret needs the admin or owner role (you are ${role}).`);
      expect(rules.test.reason).toContain(`(you are ${role})`);
    }
  });
});

describe("generateSigningSecret", () => {
  it("is 32 random bytes as 64 hex characters", () => {
    const a = generateSigningSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(generateSigningSecret()).not.toBe(a);
  });

  it("encodes every byte with two digits", () => {
    expect(generateSigningSecret((b) => b.fill(10))).toBe("0a".repeat(32));
    expect(generateSigningSecret((b) => b.set(Array.from({ length: 32 }, (_, i) => i * 8)))).toMatch(/^0008101820/);
  });
});

describe("notificationUrlError", () => {
  it("accepts http(s) URLs: the server checks the rest when it sends", () => {
    expect(notificationUrlError("https://hooks.slack.com/services/T0/B0/x")).toBeNull();
    expect(notificationUrlError("  https://example.com/hook  ")).toBeNull();
    expect(notificationUrlError("http://localhost:8080/hook")).toBeNull();
  });

  it("refuses what is not one", () => {
    expect(notificationUrlError("")).toBe("Enter the URL");
    expect(notificationUrlError("hooks.slack.com/services/x")).toBe("Enter a full URL, starting with https://");
    expect(notificationUrlError("ftp://example.com/x")).toBe("The URL must start with https://");
    expect(notificationUrlError("javascript:alert(1)")).toBe("The URL must start with https://");
  });
});

describe("testFailureMessage", () => {
  it("shows the server's message for a channel that is not configured or refused", () => {
    const notConfigured = "Slack notifications are not configured: the project secret NOTIFY_SLACK_WEBHOOK_URL is not set";
    expect(testFailureMessage(serverError(notConfigured, "VALIDATION_FAILED", 400, { issues: [{ path: "channel", message: notConfigured }] }))).toBe(notConfigured);
    expect(testFailureMessage(serverError("NOTIFY_WEBHOOK_URL resolves to a private address", "VALIDATION_FAILED", 400))).toBe("NOTIFY_WEBHOOK_URL resolves to a private address");
  });

  it("shows a failing receiver's message although it is a 503", () => {
    expect(testFailureMessage(serverError("Slack answered HTTP 500", "SERVICE_UNAVAILABLE", 503))).toBe("Slack answered HTTP 500");
  });

  it("keeps unexpected failures and network errors generic", () => {
    expect(testFailureMessage(serverError("Internal server error", "INTERNAL", 500))).toBe("The test could not be sent. Please try again.");
    expect(testFailureMessage(new Error("fetch failed"))).toBe("Could not reach the server. Check your connection and try again.");
  });
});
