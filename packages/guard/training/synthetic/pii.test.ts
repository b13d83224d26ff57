import { describe, expect, it } from "vitest";
import { piiDetector, PII_KINDS } from "../../src/risk/detectors/pii.detector.ts";
import { generatePiiExamples, generatePiiNegatives } from "./pii.ts";

describe("synthetic PII", () => {
  it("is reproducible for a seed and varies with it", () => {
    expect(generatePiiExamples(50, 7)).toEqual(generatePiiExamples(50, 7));
    expect(generatePiiNegatives(50, 7)).toEqual(generatePiiNegatives(50, 7));
    expect(generatePiiExamples(50, 7)).not.toEqual(generatePiiExamples(50, 8));
  });

  it("labels positives and negatives with their category, source and known kinds", () => {
    for (const e of generatePiiExamples(200, 1)) {
      expect(e).toMatchObject({ category: "pii", source: "synthetic-pii" });
      expect(e.kinds.length).toBeGreaterThan(0);
      for (const k of e.kinds) expect(PII_KINDS).toContain(k);
    }
    for (const e of generatePiiNegatives(200, 1)) expect(e).toMatchObject({ category: "benign", source: "synthetic-pii-negatives" });
  });

  it("the detector finds most positives and rarely fires on negatives", () => {
    const pos = generatePiiExamples(1000, 42);
    const neg = generatePiiNegatives(1000, 42);
    const recall = pos.filter((e) => piiDetector.detect(e.text).length > 0).length / pos.length;
    const fpr = neg.filter((e) => piiDetector.detect(e.text).length > 0).length / neg.length;
    expect(recall).toBeGreaterThan(0.95);
    expect(fpr).toBeLessThan(0.03);
  });
});
