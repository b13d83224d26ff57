import { describe, expect, it } from "vitest";
import { RISK_FACTOR_TYPES, RiskFactorSchema, RiskFactorTypeSchema, RiskInputSchema, RiskTuningSchema } from "./risk.schema";

describe("risk schemas", () => {
  it("accept every factor type of the contract", () => {
    expect(RISK_FACTOR_TYPES).toHaveLength(13);
    for (const t of RISK_FACTOR_TYPES) expect(RiskFactorTypeSchema.parse(t)).toBe(t);
    expect(RiskFactorTypeSchema.safeParse("other").success).toBe(false);
  });

  it("describe a factor with optional spans and reject malformed ones", () => {
    const ok = { type: "pii", points: 15, detail: "PII: e-mail address in prompt (1)", spans: [{ field: "prompt", start: 3, end: 9 }] };
    expect(RiskFactorSchema.parse(ok)).toEqual(ok);
    expect(RiskFactorSchema.parse({ type: "model_adjustment", points: -5, detail: "x" })).toEqual({ type: "model_adjustment", points: -5, detail: "x" });
    expect(RiskFactorSchema.safeParse({ ...ok, points: 1.5 }).success).toBe(false);
    expect(RiskFactorSchema.safeParse({ ...ok, spans: [{ field: "prompt", start: 9, end: 3 }] }).success).toBe(false);
    expect(RiskFactorSchema.safeParse({ ...ok, spans: [{ field: "system", start: 0, end: 1 }] }).success).toBe(false);
  });

  it("bound project tuning and trim its entries", () => {
    expect(RiskTuningSchema.parse({ blockedKeywords: ["  falcon "], allowlist: [] })).toEqual({ blockedKeywords: ["falcon"], allowlist: [] });
    expect(RiskTuningSchema.safeParse({ blockedKeywords: [" "] }).success).toBe(false);
    expect(RiskTuningSchema.safeParse({ allowlist: Array.from({ length: 201 }, (_, i) => `p${i}`) }).success).toBe(false);
  });

  it("validate the scorer's input", () => {
    expect(RiskInputSchema.safeParse({ prompt: "", response: "", model: "m", status: "timeout", totalTokens: 0 }).success).toBe(true);
    expect(RiskInputSchema.safeParse({ prompt: "", response: "", model: "m", status: "cancelled", totalTokens: 0 }).success).toBe(false);
  });
});
