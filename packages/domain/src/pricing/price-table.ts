/**
 * USD per 1,000 tokens. The design's two rates (GPT-4 $0.03, o3-mini $0.001) apply to all tokens;
 * current OpenAI and Anthropic models have separate input (prompt) and output (completion) rates.
 * Figures are list prices at the time of writing; projects can override them in settings
 * (`pricing.overrides`). A model matches the longest key that its name starts with, so dated
 * snapshots such as "gpt-4o-2024-08-06" use the "gpt-4o" entry.
 */
export interface ModelPrice {
  /** Per 1K prompt tokens. */
  input: number;
  /** Per 1K completion tokens. */
  output: number;
}

const flat = (perK: number): ModelPrice => ({ input: perK, output: perK });

export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  // the design's table
  "gpt-4": flat(0.03),
  "o3-mini": flat(0.001),
  // OpenAI
  "gpt-4-turbo": { input: 0.01, output: 0.03 },
  "gpt-4-32k": { input: 0.06, output: 0.12 },
  "gpt-4o": { input: 0.0025, output: 0.01 },
  "gpt-4o-mini": { input: 0.00015, output: 0.0006 },
  "gpt-4.1": { input: 0.002, output: 0.008 },
  "gpt-4.1-mini": { input: 0.0004, output: 0.0016 },
  "gpt-4.1-nano": { input: 0.0001, output: 0.0004 },
  "gpt-3.5-turbo": { input: 0.0005, output: 0.0015 },
  "gpt-5": { input: 0.00125, output: 0.01 },
  "gpt-5-mini": { input: 0.00025, output: 0.002 },
  "gpt-5-nano": { input: 0.00005, output: 0.0004 },
  o1: { input: 0.015, output: 0.06 },
  "o1-mini": { input: 0.0011, output: 0.0044 },
  o3: { input: 0.002, output: 0.008 },
  "o4-mini": { input: 0.0011, output: 0.0044 },
  // Anthropic
  "claude-3-opus": { input: 0.015, output: 0.075 },
  "claude-3-sonnet": { input: 0.003, output: 0.015 },
  "claude-3-haiku": { input: 0.00025, output: 0.00125 },
  "claude-3-5-sonnet": { input: 0.003, output: 0.015 },
  "claude-3-5-haiku": { input: 0.0008, output: 0.004 },
  "claude-3-7-sonnet": { input: 0.003, output: 0.015 },
  "claude-sonnet-4": { input: 0.003, output: 0.015 },
  "claude-opus-4": { input: 0.015, output: 0.075 },
};

export type PriceTable = Record<string, ModelPrice>;

/** The price for a model name: exact match, else the longest matching prefix; null when unknown. */
export function findPrice(model: string, table: PriceTable = DEFAULT_PRICES): ModelPrice | null {
  const name = model.trim().toLowerCase();
  if (table[name]) return table[name];
  let best: string | null = null;
  for (const key of Object.keys(table)) {
    if (name.startsWith(key) && (best === null || key.length > best.length)) best = key;
  }
  return best ? table[best]! : null;
}

/**
 * Cost = tokens × price per 1K. With a prompt/completion split each side uses its own rate; with only a
 * total, the total is charged at the input rate (the design's formula for flat-rate models).
 * Returns null for unpriced models.
 */
export function estimateCostUsd(
  params: { model: string; promptTokens?: number | null; completionTokens?: number | null; totalTokens: number },
  table: PriceTable = DEFAULT_PRICES,
): number | null {
  const price = findPrice(params.model, table);
  if (!price) return null;
  const hasSplit = params.promptTokens != null || params.completionTokens != null;
  const cost = hasSplit
    ? ((params.promptTokens ?? 0) * price.input + (params.completionTokens ?? 0) * price.output) / 1000
    : (params.totalTokens * price.input) / 1000;
  return Math.round(cost * 1e6) / 1e6;
}

/** The default table with a project's overrides applied (keys lower-cased). */
export function withOverrides(overrides: Record<string, ModelPrice> | undefined): PriceTable {
  if (!overrides || Object.keys(overrides).length === 0) return DEFAULT_PRICES;
  return { ...DEFAULT_PRICES, ...Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k.toLowerCase(), v])) };
}
