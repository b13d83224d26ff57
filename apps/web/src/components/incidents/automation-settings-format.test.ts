import { describe, expect, it } from "vitest";
import {
  automationChangeMessage,
  automationForm,
  automationSavedMessage,
  automationServerErrors,
  automationWarnings,
  NUMBER_RANGES,
  readAutomationSettings,
  toAutomationValues,
  type AutomationForm,
  type AutomationSettings,
} from "./automation-settings-format";

/** An error as the tRPC client raises it: the server's message and its errorFormatter's data. */
const serverError = (message: string, code: string, httpStatus: number, details: unknown = null) => Object.assign(new Error(message), { data: { code, httpStatus, details } });

/** The defaults of issue 10, written out: automation off, four triggers, high, 3/h, production, 15 min, 20 %. */
const DEFAULTS: AutomationSettings = {
  enabled: false,
  triggers: ["latency", "error_rate", "high_risk", "cost_spike"],
  minSeverity: "high",
  maxPerHour: 3,
  environment: "production",
  allowProduction: false,
  verifyMinutes: 15,
  verifyMarginPct: 20,
};

const form = (over: Partial<AutomationForm> = {}): AutomationForm => ({ ...automationForm(DEFAULTS), ...over });

describe("readAutomationSettings", () => {
  it("falls back to the defaults the server uses", () => {
    expect(readAutomationSettings([])).toEqual(DEFAULTS);
  });

  it("reads the stored values of the base config, triggers in the page's order", () => {
    const entries = [
      { key: "remediation.automation.enabled", value: true },
      { key: "remediation.automation.triggers", value: ["manual", "latency"] },
      { key: "remediation.automation.minSeverity", value: "critical" },
      { key: "remediation.automation.maxPerHour", value: 10 },
      { key: "remediation.automation.environment", value: "staging" },
      { key: "remediation.automation.allowProduction", value: true },
      { key: "remediation.verifyMinutes", value: 30 },
      { key: "remediation.verifyMarginPct", value: 12.5 },
      { key: "llm.model", value: "gpt-4o" },
    ];
    expect(readAutomationSettings(entries)).toEqual({
      enabled: true,
      triggers: ["latency", "manual"],
      minSeverity: "critical",
      maxPerHour: 10,
      environment: "staging",
      allowProduction: true,
      verifyMinutes: 30,
      verifyMarginPct: 12.5,
    });
  });

  it("ignores values the server would not accept either", () => {
    const entries = [
      { key: "remediation.automation.enabled", value: "yes" },
      { key: "remediation.automation.triggers", value: ["latency", "earthquake"] },
      { key: "remediation.automation.maxPerHour", value: 0 },
      { key: "remediation.automation.environment", value: "Prod!" },
      { key: "remediation.verifyMinutes", value: 2_000 },
      { key: "remediation.verifyMarginPct", value: -1 },
    ];
    expect(readAutomationSettings(entries)).toEqual(DEFAULTS);
  });
});

describe("the number ranges", () => {
  it("are the schema's: 1–100 actions, 1–1,440 minutes as whole numbers, 0–1,000 % as any number", () => {
    expect(NUMBER_RANGES).toEqual({
      maxPerHour: { min: 1, max: 100, integer: true },
      verifyMinutes: { min: 1, max: 1440, integer: true },
      verifyMarginPct: { min: 0, max: 1000, integer: false },
    });
  });
});

describe("toAutomationValues", () => {
  it("sends only the keys that changed, with numbers as numbers", () => {
    const built = toAutomationValues(form({ enabled: true, triggers: ["high_risk", "latency"], minSeverity: "medium", maxPerHour: " 5 ", verifyMarginPct: "7.5" }), DEFAULTS);
    expect(built).toEqual({
      ok: true,
      values: {
        "remediation.automation.enabled": true,
        "remediation.automation.triggers": ["latency", "high_risk"],
        "remediation.automation.minSeverity": "medium",
        "remediation.automation.maxPerHour": 5,
        "remediation.verifyMarginPct": 7.5,
      },
      changed: ["enabled", "triggers", "minSeverity", "maxPerHour", "verifyMarginPct"],
    });
  });

  it("finds nothing to save when the form shows what is stored, whatever the triggers' order", () => {
    expect(toAutomationValues(form({ triggers: ["cost_spike", "high_risk", "error_rate", "latency"] }), DEFAULTS)).toEqual({ ok: true, values: {}, changed: [] });
  });

  it("writes the environment, the production permission, the watch and an empty trigger list", () => {
    const built = toAutomationValues(form({ environment: "staging", allowProduction: true, verifyMinutes: "60", triggers: [] }), DEFAULTS);
    expect(built).toEqual({
      ok: true,
      values: {
        "remediation.automation.triggers": [],
        "remediation.automation.environment": "staging",
        "remediation.automation.allowProduction": true,
        "remediation.verifyMinutes": 60,
      },
      changed: ["triggers", "environment", "allowProduction", "verifyMinutes"],
    });
  });

  it("accepts the ends of each range", () => {
    expect(toAutomationValues(form({ maxPerHour: "1", verifyMinutes: "1440", verifyMarginPct: "0" }), DEFAULTS).ok).toBe(true);
    expect(toAutomationValues(form({ maxPerHour: "100", verifyMinutes: "1", verifyMarginPct: "1000" }), DEFAULTS).ok).toBe(true);
  });

  it("refuses numbers outside the schema's ranges, fractions where whole numbers are due, and text", () => {
    expect(toAutomationValues(form({ maxPerHour: "0", verifyMinutes: "1441", verifyMarginPct: "1000.5" }), DEFAULTS)).toEqual({
      ok: false,
      errors: {
        maxPerHour: "Enter a whole number from 1 to 100",
        verifyMinutes: "Enter a whole number from 1 to 1,440",
        verifyMarginPct: "Enter a number from 0 to 1,000",
      },
    });
    expect(toAutomationValues(form({ maxPerHour: "2.5", verifyMinutes: "", verifyMarginPct: "-1" }), DEFAULTS)).toEqual({
      ok: false,
      errors: {
        maxPerHour: "Enter a whole number from 1 to 100",
        verifyMinutes: "Enter a whole number from 1 to 1,440",
        verifyMarginPct: "Enter a number from 0 to 1,000",
      },
    });
    expect(toAutomationValues(form({ maxPerHour: "ten" }), DEFAULTS)).toEqual({ ok: false, errors: { maxPerHour: "Enter a whole number from 1 to 100" } });
  });

  it("refuses an environment name the server would refuse, with the schema's message", () => {
    expect(toAutomationValues(form({ environment: "" }), DEFAULTS)).toEqual({ ok: false, errors: { environment: "Choose an environment" } });
    const bad = toAutomationValues(form({ environment: "Prod!" }), DEFAULTS);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.environment).toMatch(/^Environment names are 1–32 lowercase letters/);
  });
});

describe("the messages of a save", () => {
  it("says what changed, in the config version and on the page", () => {
    expect(automationChangeMessage(["enabled", "triggers", "maxPerHour"], { enabled: true })).toBe("Remediation automation: on, triggers, actions per hour");
    expect(automationSavedMessage(["enabled", "triggers", "maxPerHour"], { enabled: true })).toBe("Saved: automation is on; triggers, actions per hour updated.");
    expect(automationSavedMessage(["enabled"], { enabled: false })).toBe("Saved: automation is off.");
    expect(automationSavedMessage(["verifyMinutes", "verifyMarginPct"], { enabled: false })).toBe("Saved: watch length, rollback margin updated.");
  });
});

describe("automationServerErrors", () => {
  it("puts a key's messages next to its field, one trigger of the array included", () => {
    const err = serverError("2 values do not fit their key types", "VALIDATION_FAILED", 400, {
      issues: [
        { path: "values.remediation.automation.maxPerHour", message: "remediation.automation.maxPerHour at most 100 actions per hour" },
        { path: "values.remediation.automation.triggers.1", message: "remediation.automation.triggers invalid option" },
      ],
    });
    expect(automationServerErrors(err)).toEqual({
      fields: { maxPerHour: "remediation.automation.maxPerHour at most 100 actions per hour", triggers: "remediation.automation.triggers invalid option" },
      form: null,
    });
  });

  it("keeps messages of other paths and errors without fields for the form", () => {
    const unresolvable = serverError("staging: unknown secret NOPE", "CONFIG_UNRESOLVABLE", 422, { issues: [{ environment: "staging", path: "x", message: "unknown secret NOPE" }] });
    expect(automationServerErrors(unresolvable)).toEqual({ fields: {}, form: "staging: unknown secret NOPE" });
    const forbidden = serverError("Changing base needs the admin role", "FORBIDDEN", 403);
    expect(automationServerErrors(forbidden)).toEqual({ fields: {}, form: "Changing base needs the admin role" });
    const mixed = serverError("bad", "VALIDATION_FAILED", 400, { issues: [{ path: "message", message: "Message must be at most 500 characters" }] });
    expect(automationServerErrors(mixed)).toEqual({ fields: {}, form: "message: Message must be at most 500 characters" });
    expect(automationServerErrors(null)).toEqual({ fields: {}, form: null });
  });

  it("hides the text of a server failure", () => {
    expect(automationServerErrors(serverError("connection refused at 10.0.0.3", "INTERNAL", 500)).form).toBe("Something went wrong. Please try again.");
  });
});

describe("automationWarnings", () => {
  const envs = ["base", "development", "staging", "production"];

  it("has nothing to say about the defaults, or about automation that is off", () => {
    expect(automationWarnings(form(), envs)).toEqual([]);
    expect(automationWarnings(form({ triggers: [], environment: "staging" }), envs)).toEqual([]);
  });

  it("warns when automation is on but cannot act: no trigger, or production without the permission", () => {
    expect(automationWarnings(form({ enabled: true, triggers: [] }), envs)).toEqual([
      "No trigger is chosen: automation will not act on any incident.",
      "Automation writes to production, which it may change only when “Allow automatic changes to production and base” is on: until then it notes on each incident that it did not act.",
    ]);
    expect(automationWarnings(form({ enabled: true, environment: "base" }), envs)).toHaveLength(1);
    expect(automationWarnings(form({ enabled: true, allowProduction: true }), envs)).toEqual([]);
    expect(automationWarnings(form({ enabled: true, environment: "staging" }), envs)).toEqual([]);
  });

  it("warns about an environment that does not exist, once the list is known", () => {
    expect(automationWarnings(form({ environment: "canary" }), envs)).toEqual(["The environment “canary” does not exist: automation will not act until it does or another one is chosen."]);
    expect(automationWarnings(form({ environment: "canary" }), undefined)).toEqual([]);
  });

  it("says that anomaly, Datadog and manual incidents are never judged by the watch", () => {
    expect(automationWarnings(form({ enabled: true, environment: "staging", triggers: ["manual", "latency", "datadog"] }), envs)).toEqual([
      "Datadog alert and Manual incidents have no metric LLMGuard measures: their automatic actions are not judged by the watch, so they are never rolled back automatically.",
    ]);
  });
});
