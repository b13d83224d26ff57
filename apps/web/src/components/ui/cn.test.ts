import { describe, expect, it } from "vitest";
import { cn } from "./cn";

describe("cn", () => {
  it("joins the class names that are set, skipping false, null, undefined and empty ones", () => {
    expect(cn("btn", false, "btn-primary", null, undefined, "", "w-full")).toBe("btn btn-primary w-full");
    expect(cn()).toBe("");
  });
});
