import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError, ERROR_CODES, parseInput, toDomainError, toErrorBody } from "./errors";

describe("error model", () => {
  it("maps every code to an HTTP status and a tRPC code", () => {
    for (const [code, m] of Object.entries(ERROR_CODES)) {
      expect(m.http, code).toBeGreaterThanOrEqual(400);
      expect(m.trpc, code).toMatch(/^[A-Z_]+$/);
    }
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
