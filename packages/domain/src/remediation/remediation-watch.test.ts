import { describe, expect, it } from "vitest";
import type { RemediationWatch } from "./remediation.schema";
import { judgeWatch, readWatch, stopWatch, WATCH_MIN_SAMPLES } from "./remediation-watch";

const watching = (over: Partial<RemediationWatch> = {}): RemediationWatch => ({
  status: "watching",
  metric: "error_rate",
  before: 0.2,
  beforeSamples: 50,
  after: null,
  afterSamples: 0,
  windowMinutes: 15,
  marginPct: 20,
  verifyAt: new Date("2026-12-06T10:15:00Z"),
  judgedAt: null,
  message: "Watching",
  ...over,
});
const at = new Date("2026-12-06T10:16:00Z");

describe("judgeWatch", () => {
  it("regressed only beyond the margin, recovered only by the margin, unchanged in between", () => {
    expect(judgeWatch(watching(), { value: 0.25, samples: 40 }, at)).toMatchObject({ status: "regressed", after: 0.25, verifyAt: null, judgedAt: at });
    expect(judgeWatch(watching(), { value: 0.23, samples: 40 }, at).status).toBe("unchanged");
    expect(judgeWatch(watching(), { value: 0.17, samples: 40 }, at).status).toBe("unchanged");
    expect(judgeWatch(watching(), { value: 0.15, samples: 40 }, at)).toMatchObject({ status: "recovered", message: "The error rate recovered after the action: 20.0% → 15.0%." });
  });

  it("ignores changes below the noise floor even when the percentage is large", () => {
    // 0.1% → 0.5% is +400% but less than one percentage point.
    expect(judgeWatch(watching({ before: 0.001 }), { value: 0.005, samples: 400 }, at).status).toBe("unchanged");
    expect(judgeWatch(watching({ metric: "avg_latency_ms", before: 2, marginPct: 0 }), { value: 2.5, samples: 400 }, at).status).toBe("unchanged");
  });

  it("is inconclusive without enough traffic on either side", () => {
    expect(judgeWatch(watching({ beforeSamples: WATCH_MIN_SAMPLES - 1 }), { value: 0.9, samples: 40 }, at).status).toBe("inconclusive");
    expect(judgeWatch(watching(), { value: 0.9, samples: WATCH_MIN_SAMPLES - 1 }, at).status).toBe("inconclusive");
    expect(judgeWatch(watching({ before: null, beforeSamples: 0 }), { value: null, samples: 0 }, at).status).toBe("inconclusive");
  });

  it("a zero margin makes any real worsening a regression", () => {
    expect(judgeWatch(watching({ metric: "avg_latency_ms", before: 1000, marginPct: 0 }), { value: 1010, samples: 10 }, at).status).toBe("regressed");
  });
});

describe("stopWatch and readWatch", () => {
  it("stops only a running watch, and revives stored dates", () => {
    expect(stopWatch(watching(), at)).toMatchObject({ status: "stopped", verifyAt: null, judgedAt: at });
    const judged = judgeWatch(watching(), { value: 0.1, samples: 40 }, at);
    expect(stopWatch(judged, at)).toBe(judged);
    expect(stopWatch(null, at)).toBeNull();
    const stored = readWatch(JSON.parse(JSON.stringify(watching())));
    expect(stored?.verifyAt).toEqual(new Date("2026-12-06T10:15:00Z"));
    expect(readWatch(undefined)).toBeNull();
  });
});
