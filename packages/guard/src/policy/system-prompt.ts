/** A chat message as providers take it; only `role` and `content` matter here. */
export interface ChatMessageLike {
  role: string;
  content?: unknown;
  [extra: string]: unknown;
}

const isInstruction = (m: ChatMessageLike) => m.role === "system" || m.role === "developer";

/**
 * The messages a call is sent with when a system prompt is enforced: the first system (or developer)
 * message gets the prompt as its content and any further ones are dropped, so the enforced prompt is the
 * only instruction; without one, a system message is put first. The caller's array is not modified.
 */
export function applySystemPrompt<M extends ChatMessageLike>(messages: readonly M[], prompt: string): M[] {
  const out: M[] = [];
  let placed = false;
  for (const m of messages) {
    if (!isInstruction(m)) out.push(m);
    else if (!placed) {
      out.push({ ...m, content: prompt });
      placed = true;
    }
  }
  if (!placed) out.unshift({ role: "system", content: prompt } as M);
  return out;
}
