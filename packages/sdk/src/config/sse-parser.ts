/**
 * A Server-Sent Events parser following the WHATWG "event stream interpretation" rules, for streams read
 * through fetch (Node.js has no EventSource before v22):
 *
 * - lines end with CRLF, LF or CR, also when the CR and the LF arrive in different chunks;
 * - `data:` lines of one event are joined with "\n"; an event is dispatched at a blank line, and an
 *   event without any `data:` line is not dispatched at all;
 * - one space after the colon is removed; a line without a colon is a field with an empty value;
 * - lines starting with ":" are comments (heartbeats);
 * - `id:` sets the last event id (kept across events; an id containing NUL is ignored);
 * - `retry:` with only ASCII digits sets the reconnection time;
 * - a leading byte-order mark is skipped; an unterminated event at the end of the stream is discarded.
 *
 * Bytes are decoded as UTF-8 in streaming mode, so a character split across chunks stays intact.
 */

export interface SseEvent {
  /** The `event:` field, "message" when absent. */
  type: string;
  data: string;
  /** The last event id in force when this event was dispatched ("" if none was ever set). */
  lastEventId: string;
}

export interface SseHandlers {
  onEvent(event: SseEvent): void;
  onRetry?(ms: number): void;
  onComment?(text: string): void;
}

export class SseParser {
  readonly #handlers: SseHandlers;
  readonly #decoder = new TextDecoder("utf-8");
  /** Per instance: a handler may feed another parser while this one is mid-chunk. */
  readonly #lineEnd = /\r\n|\r|\n/g;
  #partial = "";
  #started = false;
  /** The previous chunk ended with CR: a LF at the start of the next one belongs to that line end. */
  #skipLeadingLf = false;
  #data: string[] = [];
  #type = "";
  #lastEventId = "";

  constructor(handlers: SseHandlers) {
    this.#handlers = handlers;
  }

  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** Feeds raw bytes (decoded as UTF-8, across chunk boundaries) or already decoded text. */
  push(chunk: Uint8Array | string): void {
    this.feed(typeof chunk === "string" ? chunk : this.#decoder.decode(chunk, { stream: true }));
  }

  /** Feeds decoded text. */
  feed(text: string): void {
    if (text === "") return;
    if (this.#skipLeadingLf) {
      this.#skipLeadingLf = false;
      if (text.charCodeAt(0) === 10) text = text.slice(1);
    }
    if (!this.#started && text !== "") {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let pos = 0;
    const lineEnd = this.#lineEnd;
    lineEnd.lastIndex = 0;
    for (let m = lineEnd.exec(text); m !== null; m = lineEnd.exec(text)) {
      const line = this.#partial + text.slice(pos, m.index);
      this.#partial = "";
      pos = m.index + m[0].length;
      if (m[0] === "\r" && pos === text.length) this.#skipLeadingLf = true;
      this.#line(line);
    }
    if (pos < text.length) this.#partial += text.slice(pos);
  }

  #line(line: string): void {
    if (line === "") return this.#dispatch();
    if (line.charCodeAt(0) === 58 /* ":" */) {
      this.#handlers.onComment?.(line.slice(1));
      return;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* " " */) value = value.slice(1);
    switch (field) {
      case "data":
        this.#data.push(value);
        break;
      case "event":
        this.#type = value;
        break;
      case "id":
        if (!value.includes("\0")) this.#lastEventId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.#handlers.onRetry?.(Number(value));
        break;
      default:
      // Unknown fields are ignored (the specification's rule).
    }
  }

  #dispatch(): void {
    const data = this.#data;
    const type = this.#type;
    this.#data = [];
    this.#type = "";
    if (data.length === 0) return;
    this.#handlers.onEvent({ type: type || "message", data: data.join("\n"), lastEventId: this.#lastEventId });
  }
}
