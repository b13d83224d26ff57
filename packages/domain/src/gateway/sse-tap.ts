import { applyUsage, type CompletionSummary } from "./completion-usage";

/**
 * Reads a streamed chat completion (Server-Sent Events) as it passes through the gateway, without holding
 * it back: each complete event is forwarded the moment its blank line arrives (a provider writes one event
 * per write, so in practice every chunk goes straight on), and only a trailing partial event waits for its
 * end. On the way it gathers the text and the usage for the log.
 *
 * When the gateway itself asked for usage (`stream_options.include_usage`, which the client did not set),
 * the provider's extra usage-only chunk (empty `choices`) is dropped, so the client receives exactly the
 * stream it asked for: code that reads `chunk.choices[0]` must not meet a chunk without choices.
 */
export class SseTap {
  readonly summary: CompletionSummary = { text: "" };
  /** True once `data: [DONE]` went through: the stream ended normally. */
  done = false;
  private pending = "";
  private readonly decoder = new TextDecoder();
  private readonly encoder = new TextEncoder();

  constructor(private readonly dropUsageChunk: boolean) {}

  /** The bytes to forward for a chunk from the provider (possibly empty while an event is incomplete). */
  push(chunk: Uint8Array): Uint8Array {
    this.pending += this.decoder.decode(chunk, { stream: true });
    let out = "";
    for (;;) {
      const end = /\r?\n\r?\n/.exec(this.pending);
      if (!end) break;
      const event = this.pending.slice(0, end.index + end[0].length);
      this.pending = this.pending.slice(end.index + end[0].length);
      if (this.read(event)) out += event;
    }
    return out === "" ? EMPTY : this.encoder.encode(out);
  }

  /** Whatever is left when the provider ends the stream. */
  flush(): Uint8Array {
    const rest = this.pending + this.decoder.decode();
    this.pending = "";
    if (rest === "") return EMPTY;
    return this.read(rest) ? this.encoder.encode(rest) : EMPTY;
  }

  /** Gathers one event; false when it must not be forwarded. */
  private read(event: string): boolean {
    const data = event
      .split(/\r?\n/)
      .filter((l) => l.startsWith("data:"))
      .map((l) => l.slice(5).replace(/^ /, ""))
      .join("\n");
    if (data === "") return true;
    if (data.trim() === "[DONE]") {
      this.done = true;
      return true;
    }
    let chunk: { choices?: { index?: number; delta?: { content?: unknown; refusal?: unknown } }[]; usage?: unknown };
    try {
      chunk = JSON.parse(data) as typeof chunk;
    } catch {
      return true; // not ours to judge: forwarded as it came
    }
    for (const choice of chunk.choices ?? []) {
      if ((choice.index ?? 0) !== 0) continue;
      const piece = choice.delta?.content ?? choice.delta?.refusal;
      if (typeof piece === "string") this.summary.text += piece;
    }
    if (chunk.usage) applyUsage(this.summary, chunk.usage as never);
    return !(this.dropUsageChunk && chunk.usage && Array.isArray(chunk.choices) && chunk.choices.length === 0);
  }
}

const EMPTY = new Uint8Array(0);
