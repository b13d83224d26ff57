import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorCode, errorMessage, fieldErrors, formErrors, isClientError, zodFieldErrors } from "./errors";

const FALLBACK = "Something went wrong. Please try again.";
const OFFLINE = "Could not reach the server. Check your connection and try again.";

type Issue = { path: string; message: string };

/** A TRPCClientError as the client builds it from the server's response (data as the errorFormatter writes it). */
function serverError(message: string, data: { code?: string; httpStatus?: number; details?: Record<string, unknown> }) {
  return TRPCClientError.from({ error: { code: -32600, message, data } });
}
const invalid = (issues: Issue[]) => serverError("Invalid input", { code: "VALIDATION_FAILED", httpStatus: 400, details: { issues } });

describe("isClientError and errorCode", () => {
  it("recognises tRPC client errors only", () => {
    expect(isClientError(serverError("Nope", { code: "FORBIDDEN", httpStatus: 403 }))).toBe(true);
    expect(isClientError(new TRPCClientError("fetch failed"))).toBe(true);
    expect(isClientError(new Error("x"))).toBe(false);
    expect(isClientError({ data: { code: "FORBIDDEN" } })).toBe(false);
  });

  it("reads our error code from the error's data", () => {
    expect(errorCode(serverError("Project not found", { code: "NOT_FOUND", httpStatus: 404 }))).toBe("NOT_FOUND");
    expect(errorCode({ data: { code: "EMAIL_TAKEN" } })).toBe("EMAIL_TAKEN");
    expect(errorCode(new TRPCClientError("fetch failed"))).toBeUndefined();
    expect(errorCode(new Error("x"))).toBeUndefined();
    expect(errorCode({ data: "not an object" })).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
    expect(errorCode("FORBIDDEN")).toBeUndefined();
  });
});

describe("fieldErrors", () => {
  it("keys the first message of each field by its dotted path", () => {
    const err = invalid([
      { path: "name", message: "Required" },
      { path: "name", message: "Too short" },
      { path: "values.feature.beta", message: "Expected boolean" },
      { path: "", message: "At least one key" },
    ]);
    expect(fieldErrors(err)).toEqual({ name: "Required", "values.feature.beta": "Expected boolean", "": "At least one key" });
  });

  it("is empty without issues", () => {
    expect(fieldErrors(serverError("Nope", { code: "FORBIDDEN", httpStatus: 403 }))).toEqual({});
    expect(fieldErrors(new Error("x"))).toEqual({});
    expect(fieldErrors(undefined)).toEqual({});
  });
});

describe("zodFieldErrors", () => {
  it("keys a client-side safeParse's first message per field by its dotted path", () => {
    const schema = z.object({ name: z.string().min(3, "Too short"), limits: z.object({ max: z.number({ error: "A number" }) }) });
    const res = schema.safeParse({ name: "x", limits: { max: "ten" } });
    expect(res.success).toBe(false);
    expect(zodFieldErrors(res.error!.issues)).toEqual({ name: "Too short", "limits.max": "A number" });
  });

  it("joins numeric path segments and keeps the first message of a path", () => {
    expect(
      zodFieldErrors([
        { path: ["items", 2, "name"], message: "first" },
        { path: ["items", 2, "name"], message: "second" },
        { path: [], message: "root" },
      ]),
    ).toEqual({ "items.2.name": "first", "": "root" });
  });
});

describe("errorMessage", () => {
  it.each([
    ["nothing", undefined, FALLBACK],
    ["null", null, FALLBACK],
    ["a 403 with its own message", serverError("Your role (viewer) cannot do this", { code: "FORBIDDEN", httpStatus: 403 }), "Your role (viewer) cannot do this"],
    ["a 409", serverError("This email is already registered", { code: "EMAIL_TAKEN", httpStatus: 409 }), "This email is already registered"],
    ["a 429", serverError("Too many requests", { code: "RATE_LIMITED", httpStatus: 429 }), "Too many requests"],
    ["an INTERNAL error, whatever its text", serverError("password=hunter2 in a driver error", { code: "INTERNAL", httpStatus: 500 }), FALLBACK],
    ["a 500 without our code", serverError("relation does not exist", { httpStatus: 500 }), FALLBACK],
    ["a 502 without our code", serverError("upstream exploded", { httpStatus: 502 }), FALLBACK],
    ["a 503", serverError("The database is unavailable; retry shortly", { code: "SERVICE_UNAVAILABLE", httpStatus: 503 }), FALLBACK],
    ["a client error without data (the network failed)", new TRPCClientError("fetch failed"), OFFLINE],
    ["a plain Error", new Error("Could not copy"), "Could not copy"],
    ["a plain Error without a message", new Error(""), FALLBACK],
    ["a thrown string", "boom", FALLBACK],
  ])("shows %s as the right message", (_name, err, expected) => {
    expect(errorMessage(err)).toBe(expected);
  });

  it("uses the caller's fallback", () => {
    expect(errorMessage(serverError("secret", { code: "INTERNAL", httpStatus: 500 }), "Could not save.")).toBe("Could not save.");
  });

  it.each([
    ["the root issue when there is one", [{ path: "name", message: "Required" }, { path: "", message: "Pick at least one key" }], "Pick at least one key"],
    ["every field issue, with its path, otherwise", [{ path: "name", message: "Required" }, { path: "limits.max", message: "Too big" }], "name: Required; limits.max: Too big"],
    ["a generic message without issues", [], "Some of the values are not valid."],
  ])("summarises a validation error by %s", (_name, issues, expected) => {
    expect(errorMessage(invalid(issues))).toBe(expected);
  });
});

describe("formErrors", () => {
  it("is empty without an error", () => {
    expect(formErrors(null, ["name"])).toEqual({ fields: {}, form: null });
    expect(formErrors(undefined, ["name"])).toEqual({ fields: {}, form: null });
  });

  it("puts a non-validation error at form level", () => {
    expect(formErrors(serverError("This email is already registered", { code: "EMAIL_TAKEN", httpStatus: 409 }), ["email"])).toEqual({
      fields: {},
      form: "This email is already registered",
    });
    expect(formErrors(serverError("boom", { code: "INTERNAL", httpStatus: 500 }), ["email"])).toEqual({ fields: {}, form: FALLBACK });
  });

  it("puts messages next to the fields the form shows and asks to correct them", () => {
    const err = invalid([
      { path: "name", message: "Required" },
      { path: "email", message: "Not an email" },
    ]);
    expect(formErrors(err, ["name", "email", "password"])).toEqual({
      fields: { name: "Required", email: "Not an email" },
      form: "Please correct the highlighted fields.",
    });
  });

  it("puts issues of fields the form does not show, and root issues, at form level", () => {
    const err = invalid([
      { path: "name", message: "Required" },
      { path: "projectId", message: "projectId must be a UUID" },
      { path: "", message: "Nothing to change" },
    ]);
    expect(formErrors(err, ["name"])).toEqual({
      fields: { name: "Required" },
      form: "projectId: projectId must be a UUID; Nothing to change",
    });
  });

  it("falls back to the generic validation message when the server sent no issues", () => {
    expect(formErrors(invalid([]), ["name"])).toEqual({ fields: {}, form: "Some of the values are not valid." });
  });
});
