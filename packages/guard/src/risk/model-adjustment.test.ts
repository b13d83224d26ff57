import { describe, expect, it } from "vitest";
import { MODEL_ADJUSTMENT_POINTS, modelRiskAdjustment, normalizeModelId } from "./model-adjustment.ts";

describe("model risk adjustment", () => {
  it.each([
    ["gpt-3.5-turbo", MODEL_ADJUSTMENT_POINTS],
    ["gpt-35-turbo", MODEL_ADJUSTMENT_POINTS],
    ["text-davinci-003", MODEL_ADJUSTMENT_POINTS],
    ["llama-3.1-8b-instruct", MODEL_ADJUSTMENT_POINTS],
    ["meta-llama/Llama-3-70B-Instruct", MODEL_ADJUSTMENT_POINTS],
    ["meta.llama3-8b-instruct-v1:0", MODEL_ADJUSTMENT_POINTS],
    ["mistral-7b-instruct", MODEL_ADJUSTMENT_POINTS],
    ["open-mistral-7b", MODEL_ADJUSTMENT_POINTS],
    ["claude-3-5-sonnet-20241022", -MODEL_ADJUSTMENT_POINTS],
    ["anthropic/claude-3-haiku", -MODEL_ADJUSTMENT_POINTS],
    ["us.anthropic.claude-3-5-sonnet-20240620-v1:0", -MODEL_ADJUSTMENT_POINTS],
    ["claude-3-opus@20240229", -MODEL_ADJUSTMENT_POINTS],
    ["o1-preview", -MODEL_ADJUSTMENT_POINTS],
    ["o1", -MODEL_ADJUSTMENT_POINTS],
    ["O3-mini", -MODEL_ADJUSTMENT_POINTS],
  ])("%s adjusts by %i", (model, points) => {
    expect(modelRiskAdjustment(model)?.points).toBe(points);
  });

  it.each(["gpt-4o", "gpt-4.1-mini", "mistral-large-latest", "gemini-1.5-pro", "llamaguard-7b", "o1x", "", "my-claude-wrapper"])(
    "%j gets no adjustment",
    (model) => {
      expect(modelRiskAdjustment(model)).toBeNull();
    },
  );

  it("normalizes provider prefixes and case", () => {
    expect(normalizeModelId("  OpenRouter/Meta-Llama/Llama-3-8B ")).toBe("llama-3-8b");
    expect(normalizeModelId("eu.anthropic.claude-3-haiku")).toBe("claude-3-haiku");
  });
});
