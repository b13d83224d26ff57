/**
 * Chat messages as "role: content" lines: the form LLMGuard stores and scores. The SDK logs prompts in
 * this form and the policy engine scores it, so a call's risk score is the same before the call (SDK,
 * `/guard/check`, gateway) and after it (ingest).
 */
interface ToolCallLike {
  function?: { name?: unknown; arguments?: unknown };
}

export function serializeMessages(messages: unknown): string {
  if (!Array.isArray(messages)) return typeof messages === "string" ? messages : "";
  return messages
    .filter((m): m is { role?: unknown; content?: unknown; tool_calls?: ToolCallLike[] } => !!m && typeof m === "object")
    .map((m) => {
      const role = typeof m.role === "string" ? m.role : "unknown";
      let content = renderContent(m.content);
      if (Array.isArray(m.tool_calls) && m.tool_calls.length > 0) {
        content = [content, renderToolCalls(m.tool_calls)].filter((s) => s !== "").join("\n");
      }
      return `${role}: ${content}`;
    })
    .join("\n");
}

/** A message's content: a string, or the text of its parts (other parts as `[image]`, `[input_audio]`, ...). */
export function renderContent(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { type?: unknown; text?: unknown; refusal?: unknown } | null) => {
      if (typeof part === "string") return part;
      if (!part || typeof part !== "object") return "";
      if (typeof part.text === "string") return part.text;
      if (typeof part.refusal === "string") return part.refusal;
      const kind = String(part.type ?? "part").replace(/_url$/, "");
      return `[${kind}]`;
    })
    .filter((s) => s !== "")
    .join("\n");
}

export function renderToolCalls(calls: readonly ToolCallLike[]): string {
  return calls
    .map((c) => `[tool_call] ${String(c?.function?.name ?? "")}(${typeof c?.function?.arguments === "string" ? c.function.arguments : ""})`)
    .join("\n");
}
