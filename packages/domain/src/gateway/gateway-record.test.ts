import { describe, expect, it } from "vitest";
import { recordIdFor } from "./gateway-record";

describe("recordIdFor (x-llmguard-request-id)", () => {
  it("uses a UUID as it is (lower case)", () => {
    expect(recordIdFor("1B4E28BA-2FA1-11D2-883F-0016D3CCA427")).toBe("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  });

  it("maps any other id to the same valid UUID every time", () => {
    const a = recordIdFor("order-42-retry");
    expect(a).toBe(recordIdFor("order-42-retry"));
    expect(a).not.toBe(recordIdFor("order-43-retry"));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("gives a fresh id without one", () => {
    expect(recordIdFor(undefined)).not.toBe(recordIdFor(undefined));
  });
});
