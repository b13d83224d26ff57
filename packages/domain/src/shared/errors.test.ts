import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeError, DomainError, ERROR_CODES, forbidden, httpStatusOf, isDatabaseUnavailable, isDomainError, isZodError, notFound, parseInput, toDomainError, toErrorBody, type ErrorCode } from "./errors";

/**
 * The error contract written out by hand, not read from ERROR_CODES: a wrong status or tRPC code in the
 * table must fail here. Log level: 5xx are errors except 503 (an expected outage), everything else warns.
 */
const EXPECTED: Record<ErrorCode, readonly [http: number, trpc: string, log: "warn" | "error"]> = {
  VALIDATION_FAILED: [400, "BAD_REQUEST", "warn"],
  UNAUTHENTICATED: [401, "UNAUTHORIZED", "warn"],
  INVALID_CREDENTIALS: [401, "UNAUTHORIZED", "warn"],
  INVALID_TOKEN: [401, "UNAUTHORIZED", "warn"],
  FORBIDDEN: [403, "FORBIDDEN", "warn"],
  INVALID_API_KEY: [403, "FORBIDDEN", "warn"],
  ORIGIN_NOT_ALLOWED: [403, "FORBIDDEN", "warn"],
  NOT_FOUND: [404, "NOT_FOUND", "warn"],
  METHOD_NOT_ALLOWED: [405, "METHOD_NOT_SUPPORTED", "warn"],
  CONFLICT: [409, "CONFLICT", "warn"],
  EMAIL_TAKEN: [409, "CONFLICT", "warn"],
  PAYLOAD_TOO_LARGE: [413, "PAYLOAD_TOO_LARGE", "warn"],
  CONFIG_UNRESOLVABLE: [422, "UNPROCESSABLE_CONTENT", "warn"],
  RATE_LIMITED: [429, "TOO_MANY_REQUESTS", "warn"],
  PLAN_LIMIT_EXCEEDED: [429, "TOO_MANY_REQUESTS", "warn"],
  INTERNAL: [500, "INTERNAL_SERVER_ERROR", "error"],
  PAYMENT_PROVIDER_ERROR: [502, "BAD_GATEWAY", "error"],
  SERVICE_UNAVAILABLE: [503, "SERVICE_UNAVAILABLE", "warn"],
  BILLING_NOT_CONFIGURED: [503, "SERVICE_UNAVAILABLE", "warn"],
  REQUEST_BLOCKED: [403, "FORBIDDEN", "warn"],
  UPSTREAM_NOT_ALLOWED: [403, "FORBIDDEN", "warn"],
  PROVIDER_SECRET_MISSING: [424, "PRECONDITION_FAILED", "warn"],
  UPSTREAM_UNREACHABLE: [502, "BAD_GATEWAY", "error"],
  UPSTREAM_TIMEOUT: [504, "GATEWAY_TIMEOUT", "error"],
};

describe("error model", () => {
  it("has exactly the codes of the contract", () => {
    expect(Object.keys(ERROR_CODES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("maps %s to %j (HTTP status, tRPC code, log level)", (code, [http, trpc, log]) => {
    const err = new DomainError(code as ErrorCode, "message");
    expect(ERROR_CODES[code as ErrorCode]).toEqual({ http, trpc });
    expect(err.httpStatus).toBe(http);
    expect(httpStatusOf(err)).toBe(http);
    expect(describeError(err)).toMatchObject({ code, status: http, trpcCode: trpc, logLevel: log, message: "message" });
  });

  it("turns Zod failures into VALIDATION_FAILED with the issues in details", () => {
    const err = (() => {
      try {
        parseInput(z.object({ n: z.number().max(3) }), { n: 9 });
      } catch (e) {
        return e as DomainError;
      }
    })()!;
    expect(err.code).toBe("VALIDATION_FAILED");
    expect(err.details).toEqual({ issues: [expect.objectContaining({ path: "n" })] });
  });

  it("hides the text of unknown errors behind a generic INTERNAL", () => {
    const body = toErrorBody(toDomainError(new Error("password=hunter2 leaked in a driver error")));
    expect(body.error).toMatchObject({ code: "INTERNAL", message: "Internal server error", details: null });
    expect(JSON.stringify(body)).not.toContain("hunter2");
  });
});

/** What another bundle chunk's copy of DomainError looks like: the same registry brand, another class. */
const BRAND = Symbol.for("llmguard.domainError");
const fromAnotherCopy = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { [BRAND]: true, code, name: "DomainError", ...extra });

describe("recognising errors by value, not by class", () => {
  it("takes another copy's DomainError as it is (its code, status and message)", () => {
    const other = fromAnotherCopy("NOT_FOUND", "Project not found");
    expect(isDomainError(other)).toBe(true);
    expect(describeError(other)).toMatchObject({ code: "NOT_FOUND", status: 404, trpcCode: "NOT_FOUND", message: "Project not found", logLevel: "warn" });
  });

  it.each([
    ["a branded object with a code outside the table", fromAnotherCopy("TEAPOT", "I am a teapot")],
    ["a branded object without a code", Object.assign(new Error("x"), { [BRAND]: true })],
    ["an error with the code but no brand", Object.assign(new Error("Project not found"), { code: "NOT_FOUND" })],
    ["null", null],
    ["a string", "NOT_FOUND"],
  ])("does not take %s for a domain error: it becomes a generic INTERNAL 500", (_name, value) => {
    expect(isDomainError(value)).toBe(false);
    expect(describeError(value)).toMatchObject({ code: "INTERNAL", status: 500, message: "Internal server error", details: null, logLevel: "error", cause: value });
  });

  it("reads a ZodError of another zod copy (by name and issues) as VALIDATION_FAILED with its issues", () => {
    const foreign = { name: "ZodError", message: "[]", issues: [{ path: ["items", 0, "text"], message: "Too long", code: "too_big" }] };
    expect(isZodError(foreign)).toBe(true);
    expect(describeError(foreign)).toMatchObject({
      code: "VALIDATION_FAILED",
      status: 400,
      message: "Invalid input",
      details: { issues: [{ path: "items.0.text", message: "Too long", code: "too_big" }] },
    });
    expect(isZodError({ name: "ZodError", issues: "not a list" })).toBe(false);
    expect(isZodError(null)).toBe(false);
  });

  it("answers a too deeply nested JSON body as VALIDATION_FAILED with its own message", () => {
    const tooDeep = Object.assign(new Error("JSON nested deeper than 64 levels"), { name: "JsonTooDeepError" });
    expect(describeError(tooDeep)).toMatchObject({
      code: "VALIDATION_FAILED",
      status: 400,
      message: "JSON nested deeper than 64 levels",
      details: { issues: [{ path: "", message: "JSON nested deeper than 64 levels", code: "too_deep" }] },
    });
  });

  it("answers an unexpected unique violation as CONFLICT only when Prisma raised it", () => {
    const prisma = Object.assign(new Error("Unique constraint failed"), { name: "PrismaClientKnownRequestError", code: "P2002" });
    expect(describeError(prisma)).toMatchObject({ code: "CONFLICT", status: 409, logLevel: "warn", cause: prisma });
    const lookalike = Object.assign(new Error("P2002 from somewhere else"), { code: "P2002" });
    expect(describeError(lookalike)).toMatchObject({ code: "INTERNAL", status: 500, message: "Internal server error" });
  });
});

describe("a database outage", () => {
  it.each([
    ["Prisma cannot reach the server (P1001)", Object.assign(new Error("Can't reach database server at `db:5432`"), { code: "P1001" })],
    ["the pool timed out (P2024)", Object.assign(new Error("Timed out fetching a new connection from the connection pool"), { code: "P2024" })],
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["an administrator ended the session (57P01)", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })],
    ["the server is starting up", new Error("the database system is starting up")],
    ["pg's pool timeout", new Error("timeout exceeded when trying to connect")],
    ["an outage wrapped by a driver adapter", new Error("query failed", { cause: new Error("wrapped", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) }) })],
  ])("%s is a 503 SERVICE_UNAVAILABLE with Retry-After 5, logged as a warning", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    const d = describeError(err);
    expect(d).toMatchObject({ code: "SERVICE_UNAVAILABLE", status: 503, trpcCode: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5, logLevel: "warn", message: "The database is unavailable; retry shortly" });
    // The driver's failure stays available to the log, never in the message.
    expect(d.cause).toBe(err);
    expect(d.error.cause).toBe(err);
  });

  it("is not read into ordinary failures, self-referencing causes or causes nested deeper than five levels", () => {
    expect(isDatabaseUnavailable(new Error("duplicate key value violates unique constraint"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    const selfCaused = new Error("loop");
    (selfCaused as { cause?: unknown }).cause = selfCaused;
    expect(isDatabaseUnavailable(selfCaused)).toBe(false);
    let deep: Error = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    for (let i = 0; i < 5; i++) deep = new Error(`layer ${i}`, { cause: deep });
    expect(isDatabaseUnavailable(deep)).toBe(true);
    expect(isDatabaseUnavailable(new Error("layer 5", { cause: deep }))).toBe(false);
  });
});

describe("describing a domain error", () => {
  it("carries Retry-After only when the error sets one, and the domain error's own cause for the log", () => {
    const cause = new Error("limiter store said no");
    const limited = describeError(new DomainError("RATE_LIMITED", "Too many requests", { retryAfterSeconds: 30, cause, details: { limit: 60 } }));
    expect(limited).toMatchObject({ status: 429, retryAfterSeconds: 30, details: { limit: 60 }, cause, logLevel: "warn" });
    const plain = describeError(new DomainError("CONFLICT", "Name taken"));
    expect(plain).not.toHaveProperty("retryAfterSeconds");
    expect(plain).toMatchObject({ status: 409, details: null, cause: null });
  });

  it("writes the REST envelope with details and the given time", () => {
    const err = new DomainError("VALIDATION_FAILED", "Invalid input", { details: { issues: [{ path: "name", message: "Required", code: "invalid_type" }] } });
    expect(toErrorBody(err, new Date("2026-12-06T10:00:00.000Z"))).toEqual({
      error: { code: "VALIDATION_FAILED", message: "Invalid input", details: { issues: [{ path: "name", message: "Required", code: "invalid_type" }] }, timestamp: "2026-12-06T10:00:00.000Z" },
    });
  });

  it("names what was not found, and says who may not act by default", () => {
    expect(notFound("Incident")).toMatchObject({ code: "NOT_FOUND", message: "Incident not found", httpStatus: 404 });
    expect(forbidden()).toMatchObject({ code: "FORBIDDEN", message: "You do not have permission to do this", httpStatus: 403 });
    expect(forbidden("Only owners may delete a project")).toMatchObject({ message: "Only owners may delete a project" });
  });
});

describe("parsing input", () => {
  it("returns the parsed value (defaults applied) when the input is valid", () => {
    expect(parseInput(z.object({ n: z.number().max(3), tag: z.string().default("none") }), { n: 2 })).toEqual({ n: 2, tag: "none" });
  });

  it("maps a thrown ZodError of this zod copy to VALIDATION_FAILED with its issues", () => {
    const zodError = z.object({ email: z.email() }).safeParse({ email: "nope" }).error!;
    expect(isZodError(zodError)).toBe(true);
    expect(describeError(zodError)).toMatchObject({ code: "VALIDATION_FAILED", status: 400, details: { issues: [{ path: "email", code: "invalid_format" }] } });
  });

  it("recognises an outage reported as a bare object with only a code (no message, no name)", () => {
    expect(isDatabaseUnavailable({ code: "P1017" })).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2025" })).toBe(false);
  });
});
