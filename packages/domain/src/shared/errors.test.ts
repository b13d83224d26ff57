import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeError, DomainError, ERROR_CODES, httpStatusOf, parseInput, toDomainError, toErrorBody, type ErrorCode } from "./errors";

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
