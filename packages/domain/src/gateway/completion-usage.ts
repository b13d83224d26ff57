/**
 * What the gateway logs of a provider's answer: text, token counts and the model that answered. Read from a
 * whole chat.completion (non-streamed) or from its stream, chunk by chunk (see SseTap).
 */
export interface CompletionSummary {
  text: string;
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
}

interface UsageLike {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  total_tokens?: unknown;
}

const count = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined);

export function applyUsage(summary: CompletionSummary, usage: UsageLike | null | undefined): void {
  if (!usage || typeof usage !== "object") return;
  summary.promptTokens = count(usage.prompt_tokens);
  summary.completionTokens = count(usage.completion_tokens);
  summary.totalTokens = count(usage.total_tokens);
}

/** A non-streamed chat.completion: the first choice's content (or refusal) and its usage. */
export function summarizeCompletion(body: unknown): CompletionSummary {
  const b = (body ?? {}) as { choices?: { message?: { content?: unknown; refusal?: unknown; tool_calls?: unknown } }[]; usage?: UsageLike };
  const message = b.choices?.[0]?.message;
  const text = typeof message?.content === "string" ? message.content : typeof message?.refusal === "string" ? message.refusal : message?.tool_calls ? JSON.stringify(message.tool_calls) : "";
  const summary: CompletionSummary = { text };
  applyUsage(summary, b.usage);
  return summary;
}

/** An embeddings answer: how many vectors, and its usage (it has no completion text). */
export function summarizeEmbeddings(body: unknown): CompletionSummary {
  const b = (body ?? {}) as { data?: unknown[]; usage?: UsageLike };
  const summary: CompletionSummary = { text: `[${Array.isArray(b.data) ? b.data.length : 0} embeddings]` };
  applyUsage(summary, b.usage);
  return summary;
}

/** The error message of a provider's error answer (OpenAI's envelope), else its status. */
export function providerErrorMessage(status: number, body: Buffer): string {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === "string") return `Provider answered ${status}: ${parsed.error.message}`.slice(0, 10_000);
  } catch {
    // not JSON
  }
  return `Provider answered ${status}`;
}
