import { describe, expect, it } from "vitest";
import { ACTION_FAMILIES, describeMetadata, describeTarget } from "./audit-format";

describe("describeMetadata", () => {
  it("lists key: value pairs, arrays comma-separated and objects as JSON", () => {
    expect(describeMetadata({ environment: "production", version: 7, keys: ["model", "limits"], change: { from: "a", to: "b" }, force: true, note: null })).toBe(
      'environment: production · version: 7 · keys: model, limits · change: {"from":"a","to":"b"} · force: true · note: null',
    );
    expect(describeMetadata({})).toBe("");
  });
});

describe("describeTarget", () => {
  it.each([
    [null, "abc", {}, "—"],
    ["config_version", "7", { environment: "production" }, "production v7"],
    ["config_version", "7", {}, "config version v7"],
    ["config_key", "model", {}, "key type model"],
    ["api_key", "0b6f3f1e-9a0c-4c1e-bf0a-7b8d2c3e4f50", {}, "API key 0b6f3f1e…"],
    ["api_key", null, {}, "API key"],
    ["project_member", "user_12", {}, "project member user_12"],
  ])("%s %s reads %s", (type, id, metadata, text) => {
    expect(describeTarget(type, id, metadata)).toBe(text);
  });
});

describe("ACTION_FAMILIES", () => {
  it("offers every action family as a prefix filter, after 'All actions'", () => {
    expect(ACTION_FAMILIES[0]).toEqual({ value: "", label: "All actions" });
    for (const f of ACTION_FAMILIES.slice(1)) expect(f.label).toContain(`(${f.value})`);
  });
});
