import { describe, expect, it } from "vitest";
import { SseParser, type SseEvent } from "./sse-parser";

function parse(chunks: (string | Uint8Array)[]) {
  const events: SseEvent[] = [];
  const retries: number[] = [];
  const comments: string[] = [];
  const parser = new SseParser({ onEvent: (e) => events.push(e), onRetry: (ms) => retries.push(ms), onComment: (c) => comments.push(c) });
  for (const c of chunks) parser.push(c);
  return { events, retries, comments, parser };
}

/** Every way of cutting `text` into two chunks, plus one character per chunk. */
function splits(text: string): string[][] {
  const out: string[][] = [[...text]];
  for (let i = 0; i <= text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

describe("SseParser", () => {
  const stream = 'retry: 3000\n\n: ping\n\nid: 7\nevent: config\ndata: {"version":7,\ndata: "values":{}}\n\n';

  it("reads the server's stream: retry, heartbeat comments, id, event type and multi-line data joined with LF", () => {
    const { events, retries, comments, parser } = parse([stream]);
    expect(retries).toEqual([3000]);
    expect(comments).toEqual([" ping"]);
    expect(events).toEqual([{ type: "config", data: '{"version":7,\n"values":{}}', lastEventId: "7" }]);
    expect(JSON.parse(events[0]!.data)).toEqual({ version: 7, values: {} });
    expect(parser.lastEventId).toBe("7");
  });

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("gives the same events however the stream is cut into chunks, with %s line ends", (_name, eol) => {
    const text = stream.replace(/\n/g, eol);
    for (const chunks of splits(text)) {
      const { events, retries } = parse(chunks);
      expect(events).toEqual([{ type: "config", data: '{"version":7,\n"values":{}}', lastEventId: "7" }]);
      expect(retries).toEqual([3000]);
    }
  });

  it("a CR at the end of one chunk and the LF at the start of the next are one line end, not two", () => {
    const { events } = parse(["data: a\r", "\ndata: b\r", "\n\r", "\n"]);
    expect(events).toEqual([{ type: "message", data: "a\nb", lastEventId: "" }]);
  });

  it("decodes UTF-8 split across chunks", () => {
    const bytes = new TextEncoder().encode('data: {"model":"grüß 🤖"}\n\n');
    const { events } = parse([...bytes].map((b) => Uint8Array.of(b)));
    expect(events.map((e) => JSON.parse(e.data))).toEqual([{ model: "grüß 🤖" }]);
  });

  it("follows the field rules: one leading space stripped, no colon means an empty value, unknown fields ignored", () => {
    const { events } = parse(["data:no-space\ndata:  two spaces\ndata\nfoo: bar\n\n"]);
    expect(events).toEqual([{ type: "message", data: "no-space\n two spaces\n", lastEventId: "" }]);
  });

  it("dispatches nothing for an event without data, and resets the event type after each dispatch", () => {
    const { events } = parse(["event: config\nid: 3\n\n", "data: x\n\n", "event: error\ndata: y\n\n", "data: z\n\n"]);
    expect(events).toEqual([
      { type: "message", data: "x", lastEventId: "3" },
      { type: "error", data: "y", lastEventId: "3" },
      { type: "message", data: "z", lastEventId: "3" },
    ]);
  });

  it("ignores a retry that is not all digits and an id containing NUL", () => {
    const { retries, events } = parse(["retry: 10s\nretry: -5\nretry: 250\nid: 1\n\nid: a\0b\ndata: d\n\n"]);
    expect(retries).toEqual([250]);
    expect(events).toEqual([{ type: "message", data: "d", lastEventId: "1" }]);
  });

  it("skips a leading byte-order mark and discards an event cut off by the end of the stream", () => {
    const { events } = parse(["\uFEFFdata: first\n\n", "data: unterminated\n"]);
    expect(events.map((e) => e.data)).toEqual(["first"]);
  });

  it("keeps a large event intact when it arrives in many chunks", () => {
    const big = JSON.stringify({ version: 1, values: { blob: "x".repeat(200_000) } });
    const text = `event: config\ndata: ${big}\n\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 997) chunks.push(text.slice(i, i + 997));
    const { events } = parse(chunks);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toBe(big);
  });
});
