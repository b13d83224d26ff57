import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { placeIssues } from "./config-issues";

/** A TRPCClientError as the client builds it from the server's answer (data as packages/api's errorFormatter writes it). */
function serverError(message: string, code: string, httpStatus: number, details: Record<string, unknown> | null = null) {
  return TRPCClientError.from({ error: { code: -32600, message, data: { code, httpStatus, details } } });
}
const KEYS = ["model", "model.fallback", "limits"];

describe("placeIssues", () => {
  it("places nothing without an error", () => {
    expect(placeIssues(null, "production", KEYS)).toEqual({ byKey: {}, form: [] });
  });

  it("puts validation issues next to their key, the longest dotted key winning, and the rest on the form", () => {
    const err = serverError("Invalid input", "VALIDATION_FAILED", 400, {
      issues: [
        { path: "values.model.fallback", message: "Expected string" },
        { path: "values.model", message: "Too long" },
        { path: "values.limits.perMinute", message: "Must be positive" },
        { path: "values.unknownKey", message: "Unknown key" },
        { path: "message", message: "Too long" },
        { path: "", message: "Body must be an object" },
      ],
    });
    expect(placeIssues(err, "production", KEYS)).toEqual({
      byKey: { "model.fallback": ["Expected string"], model: ["Too long"], limits: ["Must be positive"], unknownKey: ["Unknown key"] },
      form: ["message: Too long", "Body must be an object"],
    });
  });

  it("shows the error's message when a validation failure carries no issues", () => {
    expect(placeIssues(serverError("Invalid input", "VALIDATION_FAILED", 400), "production", KEYS)).toEqual({ byKey: {}, form: ["Some of the values are not valid."] });
  });

  it("puts this environment's unresolvable keys next to them and another environment's on the form, under a heading", () => {
    const err = serverError("Config cannot be resolved", "CONFIG_UNRESOLVABLE", 422, {
      issues: [
        { environment: "staging", key: "model", message: "References a missing secret" },
        { environment: "production", key: "limits", message: "Cycle through base" },
        { message: "Malformed template" },
      ],
    });
    expect(placeIssues(err, "staging", KEYS)).toEqual({
      byKey: { model: ["References a missing secret"] },
      form: ["The change would leave another environment unresolvable:", "production · limits: Cycle through base", "? · ?: Malformed template"],
    });
    const onlyHere = serverError("Config cannot be resolved", "CONFIG_UNRESOLVABLE", 422, { issues: [{ environment: "staging", key: "model", message: "Missing secret" }] });
    expect(placeIssues(onlyHere, "staging", KEYS)).toEqual({ byKey: { model: ["Missing secret"] }, form: [] });
    expect(placeIssues(serverError("Config cannot be resolved", "CONFIG_UNRESOLVABLE", 422), "staging", KEYS)).toEqual({ byKey: {}, form: ["Config cannot be resolved"] });
  });

  it("shows any other failure as one form message, generic for a server error", () => {
    expect(placeIssues(serverError("This environment was changed meanwhile", "CONFLICT", 409), "staging", KEYS)).toEqual({ byKey: {}, form: ["This environment was changed meanwhile"] });
    expect(placeIssues(serverError("Internal server error", "INTERNAL", 500), "staging", KEYS)).toEqual({ byKey: {}, form: ["Something went wrong. Please try again."] });
  });
});
