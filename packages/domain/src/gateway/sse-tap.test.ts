import { describe, expect, it } from "vitest";
import { SseTap } from "./sse-tap";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const chunk = (content: string) => `data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}}}]}\n\n`;
const USAGE = `data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}\n\n`;

describe("SseTap", () => {
  it("forwards complete events unchanged and gathers the text and usage", () => {
    const tap = new SseTap(false);
    const out = [chunk("Hel"), chunk("lo"), USAGE, "data: [DONE]\n\n"].map((e) => dec(tap.push(enc(e)))).join("");
    expect(out).toBe(chunk("Hel") + chunk("lo") + USAGE + "data: [DONE]\n\n");
    expect(tap.summary).toEqual({ text: "Hello", promptTokens: 3, completionTokens: 2, totalTokens: 5 });
    expect(tap.done).toBe(true);
  });

  it("holds only a partial event until its blank line arrives", () => {
    const tap = new SseTap(false);
    const event = chunk("Hi");
    expect(dec(tap.push(enc(event.slice(0, 10))))).toBe("");
    expect(dec(tap.push(enc(event.slice(10))))).toBe(event);
  });

  it("drops the usage-only chunk the gateway asked for, keeping its counts", () => {
    const tap = new SseTap(true);
    expect(dec(tap.push(enc(USAGE)))).toBe("");
    expect(tap.summary.totalTokens).toBe(5);
  });

  it("keeps a multi-byte character split across chunks intact", () => {
    const tap = new SseTap(false);
    const bytes = enc(chunk("é"));
    const cut = bytes.indexOf(0xc3) + 1;
    const out = dec(tap.push(bytes.slice(0, cut))) + dec(tap.push(bytes.slice(cut)));
    expect(out).toBe(chunk("é"));
    expect(tap.summary.text).toBe("é");
  });

  it("forwards what is left at the end of the stream", () => {
    const tap = new SseTap(false);
    expect(dec(tap.push(enc("data: [DONE]")))).toBe("");
    expect(dec(tap.flush())).toBe("data: [DONE]");
  });
});
