import { describe, expect, it } from "vitest";
import { renderContent, renderToolCalls, serializeMessages } from "./messages.ts";

/** The form prompts are logged, stored and scored in, by the SDK, `/guard/check` and the gateway alike. */
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
    expect(serializeMessages([{ role: "assistant", content: "Let me check.", tool_calls: [{ function: { name: "g", arguments: '{"a":1}' } }] }])).toBe(
      'assistant: Let me check.\n[tool_call] g({"a":1})',
    );
  });

  it("takes a plain string as the prompt itself and tolerates missing or odd input", () => {
    expect(serializeMessages("just text")).toBe("just text");
    expect(serializeMessages(undefined)).toBe("");
    expect(serializeMessages({ role: "user" })).toBe("");
    expect(serializeMessages([null, 3, { content: "x" }])).toBe("unknown: x");
  });
});

describe("renderContent and renderToolCalls", () => {
  it("renders refusal parts and string parts; drops empty ones", () => {
    expect(renderContent([{ type: "refusal", refusal: "No." }, "plain", null, { type: "text", text: "" }])).toBe("No.\nplain");
    expect(renderContent(42)).toBe("");
  });

  it("renders a tool call without a name or arguments", () => {
    expect(renderToolCalls([{ function: { name: "f" } }, {}])).toBe("[tool_call] f()\n[tool_call] ()");
  });
});
