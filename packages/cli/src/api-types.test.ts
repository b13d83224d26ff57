import { describe, expect, expectTypeOf, it } from "vitest";
import { SecretMetadataSchema, type ErrorBody } from "@llmguard/domain/schemas";
import type { SecretMetadata, Wire } from "./api-types";
import type { ErrorEnvelope } from "./errors";

/**
 * The CLI's REST types come from the server's schemas (api-types.ts); these pin the two places where the
 * CLI still says something itself: how JSON turns a schema's output into what arrives, and the error
 * envelope it also writes for its own errors under --json (hand-written, as it is part of the CLI's
 * published types). Type assertions are checked by `tsc` (the package's typecheck).
 */
describe("Wire<T>", () => {
  it("is what JSON makes of a schema's output: dates become ISO strings, nothing else changes", () => {
    const output = SecretMetadataSchema.parse({
      name: "OPENAI_API_KEY",
      description: "",
      version: 2,
      rotationDays: 90,
      lastRotatedAt: new Date("2026-01-02T03:04:05.000Z"),
      rotationDueAt: new Date("2026-04-02T03:04:05.000Z"),
      overdue: false,
      inGracePeriod: true,
      previousVersion: 1,
      previousExpiresAt: null,
      createdAt: new Date("2025-12-01T00:00:00.000Z"),
      updatedAt: new Date("2026-01-02T03:04:05.000Z"),
      references: [{ environment: "production", key: "llm.apiKey" }],
    });
    const wire: SecretMetadata = JSON.parse(JSON.stringify(output));
    expect(wire).toEqual({ ...output, lastRotatedAt: "2026-01-02T03:04:05.000Z", rotationDueAt: "2026-04-02T03:04:05.000Z", createdAt: "2025-12-01T00:00:00.000Z", updatedAt: "2026-01-02T03:04:05.000Z" });

    expectTypeOf<Wire<{ at: Date; maybe: Date | null; list: { at: Date }[]; any: unknown; n?: number }>>().toEqualTypeOf<{
      at: string;
      maybe: string | null;
      list: { at: string }[];
      any: unknown;
      n?: number;
    }>();
    expectTypeOf<SecretMetadata["lastRotatedAt"]>().toEqualTypeOf<string>();
    expectTypeOf<SecretMetadata["previousExpiresAt"]>().toEqualTypeOf<string | null>();
  });
});

describe("ErrorEnvelope", () => {
  it("holds every error envelope the server sends", () => {
    expectTypeOf<ErrorBody>().toExtend<ErrorEnvelope>();
    expectTypeOf<keyof ErrorEnvelope["error"]>().toEqualTypeOf<keyof ErrorBody["error"]>();
  });
});
