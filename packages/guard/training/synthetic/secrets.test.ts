import { describe, expect, it } from "vitest";
import { SECRET_KINDS, secretDetector } from "../../src/risk/detectors/secrets.detector.ts";
import { GENERATED_KINDS, generateSecretExamples, generateSecretNegatives } from "./secrets.ts";

describe("synthetic secrets", () => {
  const positives = generateSecretExamples(2000, 1);
  const negatives = generateSecretNegatives(2000, 1);

  it("is deterministic for a seed and differs between seeds", () => {
    expect(generateSecretExamples(50, 7)).toEqual(generateSecretExamples(50, 7));
    expect(generateSecretExamples(50, 7)).not.toEqual(generateSecretExamples(50, 8));
    expect(generateSecretNegatives(50, 7)).toEqual(generateSecretNegatives(50, 7));
  });

  it("labels every example with its category, source and known kinds", () => {
    expect(positives).toHaveLength(2000);
    for (const p of positives) {
      expect(p).toMatchObject({ category: "secret", source: "synthetic-secrets" });
      expect(p.kinds.length).toBeGreaterThan(0);
      for (const k of p.kinds) expect(SECRET_KINDS).toContain(k);
    }
    for (const k of GENERATED_KINDS) expect(SECRET_KINDS).toContain(k);
    for (const n of negatives) expect(n).toMatchObject({ category: "benign", source: "synthetic-secret-negatives" });
  });

  it("covers every generated kind", () => {
    const seen = new Set(positives.flatMap((p) => p.kinds));
    for (const k of GENERATED_KINDS) expect(seen).toContain(k);
  });

  it("is found by the secret detector with the expected kinds (recall ≥ 99%) and negatives are not (FPR ≤ 1%)", () => {
    const found = positives.filter((p) => {
      const kinds = secretDetector.detect(p.text).map((f) => f.kind);
      return p.kinds.every((k) => kinds.includes(k));
    }).length;
    const falsePositives = negatives.filter((n) => secretDetector.detect(n.text).length > 0).length;
    expect(found / positives.length).toBeGreaterThanOrEqual(0.99);
    expect(falsePositives / negatives.length).toBeLessThanOrEqual(0.01);
  });
});
