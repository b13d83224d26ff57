import { describe, expect, it } from "vitest";
import { classifierPoints, combinePoints, DEFAULT_FLAG_THRESHOLD, ruleAndClassifierPoints } from "./calibration.ts";

describe("calibration", () => {
  const cut = { flag: 0.6, weak: 0.3 };
  // The cuts in force live in CLASSIFIER_CUTS; this test pins the mapping itself.

  it("turns a confident classifier verdict into a finding that flags alone", () => {
    expect(classifierPoints(0.6, cut)).toBe(DEFAULT_FLAG_THRESHOLD);
    expect(classifierPoints(1, cut)).toBe(95);
    expect(classifierPoints(0.8, cut)).toBeGreaterThan(DEFAULT_FLAG_THRESHOLD);
  });

  it("keeps a borderline verdict weak and ignores a low one", () => {
    expect(classifierPoints(0.3, cut)).toBe(15);
    expect(classifierPoints(0.59, cut)).toBeLessThan(DEFAULT_FLAG_THRESHOLD);
    expect(classifierPoints(0.29, cut)).toBe(0);
    expect(classifierPoints(Number.NaN, cut)).toBe(0);
  });

  it("is monotonic in the probability", () => {
    let last = -1;
    for (let p = 0; p <= 1; p += 0.01) {
      const points = classifierPoints(p, cut);
      expect(points).toBeGreaterThanOrEqual(last);
      last = points;
    }
  });

  it("combines independent evidence without exceeding the cap", () => {
    expect(combinePoints([70])).toBe(70);
    expect(combinePoints([45, 40])).toBe(67);
    expect(combinePoints([45, 70])).toBe(84);
    expect(combinePoints([80, 80, 80], 95)).toBe(95);
    expect(combinePoints([])).toBe(0);
  });

  it("combines a rule and the classifier only when both are moderate evidence", () => {
    // Two moderate signals for the same label add up past the threshold.
    expect(ruleAndClassifierPoints(45, 52)).toBe(74);
    expect(ruleAndClassifierPoints(52, 45)).toBe(74);
    expect(ruleAndClassifierPoints(45, 45)).toBe(70);
    // A faint one (under 45) does not move the stronger.
    expect(ruleAndClassifierPoints(30, 62)).toBe(62);
    expect(ruleAndClassifierPoints(40, 50)).toBe(50);
    expect(ruleAndClassifierPoints(62, 44)).toBe(62);
    // A confident one stands alone: the factor keeps its calibrated points.
    expect(ruleAndClassifierPoints(75, 50)).toBe(75);
    expect(ruleAndClassifierPoints(50, 80)).toBe(80);
    expect(ruleAndClassifierPoints(0, 0)).toBe(0);
  });
});
