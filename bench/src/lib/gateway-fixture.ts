/**
 * The fixed answer of the gateway phase's local upstream (gateway-upstream.ts): three content pieces, the
 * first of which the phase looks for to time the first token (streamed) and to check each answer.
 */
export const UPSTREAM_PIECES = ["Bench", " answer", " text."] as const;
export const FIRST_TOKEN_MARK = `"content":"${UPSTREAM_PIECES[0]}`;
export const UPSTREAM_CONTENT = UPSTREAM_PIECES.join("");
export const UPSTREAM_USAGE = { prompt_tokens: 42, completion_tokens: 3, total_tokens: 45 };
