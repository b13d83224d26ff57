import { describe, expect, it } from "vitest";
import { isTimeoutOrAbort, renderAssistant, serializeMessages } from "./openai.js";

describe("serializeMessages", () => {
  it("writes one 'role: content' line per message", () => {
    expect(
      serializeMessages([
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello" },
      ]),
    ).toBe("system: Be brief.\nuser: Hi\nassistant: Hello");
  });

  it("flattens content parts and names the parts that are not text", () => {
    expect(
      serializeMessages([
        { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: "https://x" } }, { type: "input_audio" }] },
      ]),
    ).toBe("user: What is this?\n[image]\n[input_audio]");
  });

  it("renders assistant tool calls and tool results", () => {
    expect(
      serializeMessages([
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "c1", content: "42" },
      ]),
    ).toBe("assistant: [tool_call] f({})\ntool: 42");
  });

  it("tolerates missing or odd input", () => {
    expect(serializeMessages(undefined)).toBe("");
    expect(serializeMessages([null, { content: "x" }])).toBe("unknown: x");
  });
});

describe("renderAssistant", () => {
  it("prefers content, then a refusal, then tool calls", () => {
    expect(renderAssistant({ content: "Hi", refusal: "no" })).toBe("Hi");
    expect(renderAssistant({ content: null, refusal: "I can't help with that." })).toBe("I can't help with that.");
    expect(renderAssistant({ content: null, tool_calls: [{ function: { name: "g", arguments: '{"a":1}' } }] })).toBe('[tool_call] g({"a":1})');
    expect(renderAssistant(undefined)).toBe("");
  });
});

describe("isTimeoutOrAbort", () => {
  it("recognises timeout and abort errors by class or name", () => {
    class APIError extends Error {}
    class APIConnectionTimeoutError extends APIError {}
    class APIUserAbortError extends APIError {}
    expect(isTimeoutOrAbort(new APIConnectionTimeoutError("Request timed out."))).toBe(true);
    expect(isTimeoutOrAbort(new APIUserAbortError("Request was aborted."))).toBe(true);
    expect(isTimeoutOrAbort(new DOMException("aborted", "AbortError"))).toBe(true);
    expect(isTimeoutOrAbort(new DOMException("timed out", "TimeoutError"))).toBe(true);
    expect(isTimeoutOrAbort(new APIError("400 bad request"))).toBe(false);
    expect(isTimeoutOrAbort("AbortError")).toBe(false);
  });
});
