import { describe, expect, it } from "vitest";
import { isTimeoutOrAbort, renderAssistant } from "./openai.js";

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
