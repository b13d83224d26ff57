import { describe, expect, it } from "vitest";
import { choiceFor, describeRotation, ROTATION_CHOICES } from "./rotation-format";

describe("rotation policies", () => {
  it.each([
    [null, "No policy"],
    [0, "No policy"],
    [90, "Every 90 days (API key)"],
    [30, "Every 30 days (Database credential)"],
    [1, "Every day (TLS certificate)"],
    [45, "Every 45 days"],
  ])("%s days reads %s", (days, text) => {
    expect(describeRotation(days)).toBe(text);
  });

  it("offers none, the presets and a custom number of days in the form", () => {
    expect(ROTATION_CHOICES.map((c) => [c.value, c.label, c.days])).toEqual([
      ["none", "No rotation policy", null],
      ["90", "API key: every 90 days", 90],
      ["30", "Database credential: every 30 days", 30],
      ["1", "TLS certificate: every day", 1],
      ["custom", "Custom…", null],
    ]);
  });

  it("selects the form's choice for a stored policy", () => {
    expect([null, 0, 90, 1, 45].map(choiceFor)).toEqual(["none", "none", "90", "1", "custom"]);
  });
});
