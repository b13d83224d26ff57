/** Design rule "Model-specific risk adjustments: ±5". */
export const MODEL_ADJUSTMENT_POINTS = 5;

export interface ModelRiskAdjustment {
  /** Matched against the normalized model id (see normalizeModelId) as a prefix ending at a non-letter. */
  prefix: string;
  points: number;
  reason: string;
}

/**
 * First matching prefix wins; unknown models get no adjustment (and no factor).
 * +5: older or small models whose safety training is weaker and that are easier to jailbreak.
 * −5: model families with strong built-in safety training and refusal behaviour.
 */
export const MODEL_RISK_ADJUSTMENTS: readonly ModelRiskAdjustment[] = [
  { prefix: "gpt-3.5", points: MODEL_ADJUSTMENT_POINTS, reason: "older model with weaker safety training" },
  { prefix: "gpt-35", points: MODEL_ADJUSTMENT_POINTS, reason: "older model with weaker safety training" }, // Azure deployment names
  { prefix: "text-davinci", points: MODEL_ADJUSTMENT_POINTS, reason: "older model with weaker safety training" },
  { prefix: "llama", points: MODEL_ADJUSTMENT_POINTS, reason: "open-weight model without provider-side moderation" },
  { prefix: "mistral-7b", points: MODEL_ADJUSTMENT_POINTS, reason: "small open-weight model without provider-side moderation" },
  { prefix: "open-mistral-7b", points: MODEL_ADJUSTMENT_POINTS, reason: "small open-weight model without provider-side moderation" },
  { prefix: "claude-", points: -MODEL_ADJUSTMENT_POINTS, reason: "strong built-in safety training" },
  { prefix: "o1", points: -MODEL_ADJUSTMENT_POINTS, reason: "reasoning model with deliberative safety alignment" },
  { prefix: "o3", points: -MODEL_ADJUSTMENT_POINTS, reason: "reasoning model with deliberative safety alignment" },
];

/**
 * Lower-cases and strips routing prefixes so one table serves every provider:
 * "meta-llama/Llama-3-8B" (Hugging Face, OpenRouter) → "llama-3-8b",
 * "us.anthropic.claude-3-5-sonnet-20240620-v1:0" (Bedrock) → "claude-3-5-sonnet-20240620-v1:0".
 */
export function normalizeModelId(model: string): string {
  const m = model.trim().toLowerCase();
  return m.slice(m.lastIndexOf("/") + 1).replace(/^(?:[a-z]{2}\.)?(?:anthropic|meta|mistral|amazon|cohere|ai21|openai)\./, "");
}

export function modelRiskAdjustment(model: string): ModelRiskAdjustment | null {
  const id = normalizeModelId(model);
  for (const rule of MODEL_RISK_ADJUSTMENTS) {
    if (!id.startsWith(rule.prefix)) continue;
    const next = id.charCodeAt(rule.prefix.length);
    const atBoundary = rule.prefix.endsWith("-") || Number.isNaN(next) || !((next >= 97 && next <= 122));
    if (atBoundary) return rule;
  }
  return null;
}
