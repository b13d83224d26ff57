import { describe, expect, it } from "vitest";
import { estimateCostUsd, findPrice, withOverrides } from "./price-table";

describe("pricing", () => {
  it("uses the design's rates: GPT-4 $0.03 and o3-mini $0.001 per 1K tokens", () => {
    expect(estimateCostUsd({ model: "gpt-4", totalTokens: 1000 })).toBe(0.03);
    expect(estimateCostUsd({ model: "o3-mini", totalTokens: 2500 })).toBe(0.0025);
  });

  it("charges prompt and completion tokens at their own rates when split", () => {
    expect(estimateCostUsd({ model: "gpt-4o", promptTokens: 1000, completionTokens: 500, totalTokens: 1500 })).toBe(0.0025 + 0.005);
  });

  it("matches dated snapshots by the longest prefix and leaves unknown models unpriced", () => {
    expect(findPrice("gpt-4o-mini-2024-07-18")).toEqual(findPrice("gpt-4o-mini"));
    expect(findPrice("gpt-4o-2024-08-06")).toEqual(findPrice("gpt-4o"));
    expect(estimateCostUsd({ model: "my-local-llama", totalTokens: 1000 })).toBeNull();
  });

  it("applies per-project overrides", () => {
    const table = withOverrides({ "My-Local-Llama": { input: 0.0001, output: 0.0002 }, "gpt-4": { input: 0.02, output: 0.02 } });
    expect(estimateCostUsd({ model: "my-local-llama", promptTokens: 1000, completionTokens: 1000, totalTokens: 2000 }, table)).toBe(0.0003);
    expect(estimateCostUsd({ model: "gpt-4", totalTokens: 1000 }, table)).toBe(0.02);
  });
});
