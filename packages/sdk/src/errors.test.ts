import { describe, expect, it } from "vitest";
import { LLMGuardBlockedError, LLMGuardError } from "./errors";
import type { IngestRecord } from "./types";

/** The SDK's one error type, as callers read it in `catch` and `onError` (docs: SDK errors). */
describe("LLMGuardError", () => {
  it("defaults to not retryable, no status, no attempts, no dropped records and no cause", () => {
    const err = new LLMGuardError("INVALID_OPTIONS", "apiKey is required");
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ name: "LLMGuardError", code: "INVALID_OPTIONS", message: "apiKey is required", status: undefined, details: undefined, retryable: false, attempts: undefined, records: [] });
    expect("cause" in err).toBe(false);
  });

  it("keeps the server's code, status, details, retry hint, attempts, records and cause", () => {
    const cause = new Error("socket hang up");
    const records = [{ id: "6f1c7c1e-4a57-4d7a-9a57-0c1c5f0e2b11", prompt: "hi", response: "hello", model: "gpt-4o", latencyMs: 12 }] as unknown as IngestRecord[];
    const err = new LLMGuardError("RATE_LIMITED", "Too many requests", { status: 429, details: { limit: 60 }, retryable: true, attempts: 3, records, cause });
    expect(err).toMatchObject({ code: "RATE_LIMITED", status: 429, details: { limit: 60 }, retryable: true, attempts: 3, records });
    expect(err.cause).toBe(cause);
  });

  it("with() returns a changed copy and leaves the original as it was", () => {
    const cause = new Error("ECONNREFUSED");
    const original = new LLMGuardError("NETWORK_ERROR", "fetch failed", { retryable: true, cause });
    const records = [{ prompt: "p" }] as unknown as IngestRecord[];
    const copy = original.with({ attempts: 4, message: "fetch failed (gave up after 4 attempts)", records });
    expect(copy).not.toBe(original);
    expect(copy).toBeInstanceOf(LLMGuardError);
    expect(copy).toMatchObject({ code: "NETWORK_ERROR", message: "fetch failed (gave up after 4 attempts)", retryable: true, attempts: 4, records });
    expect(copy.cause).toBe(cause);
    expect(original).toMatchObject({ message: "fetch failed", attempts: undefined, records: [] });
    // Without a new message the old one stays.
    expect(original.with({ status: 503 })).toMatchObject({ message: "fetch failed", status: 503, retryable: true });
  });
});

describe("LLMGuardBlockedError", () => {
  it("names the first blocking rule, its remediation, the retry hint and the risk score", () => {
    const reasons = [
      { type: "rate_limit_user", remediationId: "rem_1", message: "user u-42 is over 10 calls per minute" },
      { type: "switch_model", remediationId: "rem_2", message: "gpt-4o → gpt-4o-mini" },
    ] as never;
    const err = new LLMGuardBlockedError({ reasons, retryAfterSeconds: 17, riskScore: 0.91 });
    expect(err).toBeInstanceOf(LLMGuardError);
    expect(err).toMatchObject({
      name: "LLMGuardBlockedError",
      code: "BLOCKED",
      message: "LLMGuard blocked the call: user u-42 is over 10 calls per minute",
      remediationId: "rem_1",
      retryAfterSeconds: 17,
      riskScore: 0.91,
      retryable: false,
      details: { reasons },
    });
    expect(err.reasons).toBe(reasons);
  });

  it("still explains itself when the decision carries no reason", () => {
    const err = new LLMGuardBlockedError({ reasons: [], riskScore: null });
    expect(err).toMatchObject({ code: "BLOCKED", message: "LLMGuard blocked the call: a guard rule applies", remediationId: "", retryAfterSeconds: undefined, riskScore: null });
  });
});
