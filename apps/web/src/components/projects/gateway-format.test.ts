import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { gatewayBaseUrl, gatewayChangeMessage, gatewayForm, gatewayServerErrors, gatewaySnippet, readGatewaySettings, toGatewayValues } from "./gateway-format";

const DEFAULTS = { baseUrl: "https://api.openai.com/v1", secret: "OPENAI_API_KEY", timeoutMs: 60_000, fallbackModels: [] as string[] };

describe("gateway base URL and snippets", () => {
  it("puts the OpenAI-compatible path under the origin, without a doubled slash", () => {
    expect(gatewayBaseUrl("https://guard.example.com")).toBe("https://guard.example.com/api/v1/gateway/openai/v1");
    expect(gatewayBaseUrl("https://guard.example.com/")).toBe("https://guard.example.com/api/v1/gateway/openai/v1");
  });

  it("gives each snippet the base URL and the placeholder key, never a real one", () => {
    const url = "https://guard.example.com/api/v1/gateway/openai/v1";
    expect(gatewaySnippet("typescript", url)).toContain(`baseURL: "${url}"`);
    expect(gatewaySnippet("python", url)).toContain(`base_url="${url}"`);
    expect(gatewaySnippet("curl", url)).toContain(`curl ${url}/chat/completions`);
    expect(gatewaySnippet("curl", url)).toContain('-H "Authorization: Bearer lg_..."');
  });
});

describe("reading the upstream settings", () => {
  it("uses each stored value that is valid and the default for the rest", () => {
    const s = readGatewaySettings([
      { key: "gateway.upstream.baseUrl", value: "http://vllm.internal:8000/v1" },
      { key: "gateway.timeoutMs", value: "soon" },
      { key: "gateway.fallbackModels", value: ["gpt-4o-mini"] },
    ]);
    expect(s).toEqual({ baseUrl: "http://vllm.internal:8000/v1", secret: "OPENAI_API_KEY", timeoutMs: 60_000, fallbackModels: ["gpt-4o-mini"] });
  });
});

describe("saving the upstream settings", () => {
  it("writes only the keys that changed, with fallback models one per line", () => {
    const form = { ...gatewayForm(DEFAULTS), timeoutMs: " 20000 ", fallbackModels: "gpt-4o-mini\n\n  gpt-3.5-turbo \n" };
    expect(toGatewayValues(form, DEFAULTS)).toEqual({
      ok: true,
      values: { "gateway.timeoutMs": 20_000, "gateway.fallbackModels": ["gpt-4o-mini", "gpt-3.5-turbo"] },
      changed: ["timeoutMs", "fallbackModels"],
    });
    expect(gatewayChangeMessage(["timeoutMs", "fallbackModels"])).toBe("Gateway upstream: timeout, fallback models");
  });

  it("writes nothing when nothing changed", () => {
    expect(toGatewayValues(gatewayForm(DEFAULTS), DEFAULTS)).toEqual({ ok: true, values: {}, changed: [] });
  });

  it("refuses values the keys' schemas refuse, each next to its field", () => {
    const res = toGatewayValues({ baseUrl: "ftp://models.internal", secret: "my key", timeoutMs: "50", fallbackModels: "a\nb\nc\nd\ne\nf" }, DEFAULTS);
    expect(res).toEqual({
      ok: false,
      errors: {
        baseUrl: "Enter an http:// or https:// URL, e.g. https://api.openai.com/v1",
        secret: "Secret names are 1–128 letters, digits, '.', '-' or '_', starting with a letter or '_'",
        timeoutMs: "At least 100 ms",
        fallbackModels: "At most 5 fallback models",
      },
    });
  });

  it("asks for a whole number of milliseconds and for the fields that are empty", () => {
    const res = toGatewayValues({ baseUrl: " ", secret: "", timeoutMs: "1.5", fallbackModels: "" }, DEFAULTS);
    expect(res).toEqual({
      ok: false,
      errors: {
        baseUrl: "Enter the upstream's base URL, e.g. https://api.openai.com/v1",
        secret: "Enter the name of the secret that holds the provider key",
        timeoutMs: "Enter a whole number of milliseconds from 100 to 600,000",
      },
    });
  });
});

describe("a failed save of the upstream settings", () => {
  const serverError = (message: string, code: string, httpStatus: number, details: Record<string, unknown> | null = null) =>
    TRPCClientError.from({ error: { code: -32600, message, data: { code, httpStatus, details } } });

  it("shows nothing without an error", () => {
    expect(gatewayServerErrors(null)).toEqual({ fields: {}, form: null });
  });

  it("puts the server's messages for a field's key (or below it) next to the field, the first per field, and the rest on the form", () => {
    const err = serverError("Invalid input", "VALIDATION_FAILED", 400, {
      issues: [
        { path: "values.gateway.upstream.baseUrl", message: "Must be an http(s) URL" },
        { path: "values.gateway.upstream.baseUrl", message: "Second message for the same key" },
        { path: "values.gateway.fallbackModels.1", message: "Too long" },
        { path: "values.gateway.timeoutMsX", message: "Unknown key" },
        { path: "", message: "Body must be an object" },
      ],
    });
    expect(gatewayServerErrors(err)).toEqual({
      fields: { baseUrl: "Must be an http(s) URL", fallbackModels: "Too long" },
      form: "values.gateway.timeoutMsX: Unknown key; Body must be an object",
    });
    const onlyFields = serverError("Invalid input", "VALIDATION_FAILED", 400, { issues: [{ path: "values.gateway.timeoutMs", message: "Too small" }] });
    expect(gatewayServerErrors(onlyFields)).toEqual({ fields: { timeoutMs: "Too small" }, form: null });
  });

  it("shows any other failure as one form message", () => {
    expect(gatewayServerErrors(serverError("You need the developer role", "FORBIDDEN", 403))).toEqual({ fields: {}, form: "You need the developer role" });
    expect(gatewayServerErrors(serverError("Invalid input", "VALIDATION_FAILED", 400, { issues: [] }))).toEqual({ fields: {}, form: "Some of the values are not valid." });
  });

  it("names the changed fields in the config version's message", () => {
    expect(gatewayChangeMessage(["baseUrl", "timeoutMs"])).toBe("Gateway upstream: upstream base URL, timeout");
    expect(gatewayChangeMessage(["secret", "fallbackModels"])).toBe("Gateway upstream: provider key secret, fallback models");
  });
});
