import { describe, expect, it } from "vitest";
import { anchorOf, authLabel, constraints, fieldsOf, typeLabel } from "./schema";

describe("typeLabel", () => {
  it.each([
    [undefined, "any"],
    [{}, "any"],
    [{ properties: { a: { type: "string" } } }, "object"],
    [{ $ref: "#/components/schemas/Error" }, "Error"],
    [{ type: "string" }, "string"],
    [{ type: "integer" }, "integer"],
    [{ type: "string", format: "uuid" }, "string (UUID)"],
    [{ type: "string", format: "date-time" }, "string (ISO 8601 date-time)"],
    [{ type: "string", format: "email" }, "string (email)"],
    [{ type: ["string", "null"] }, "string or null"],
    [{ type: ["object", "null"] }, "object or null"],
    [{ type: "array", items: { type: "string" } }, "array of string"],
    [{ type: "array" }, "array of any"],
    [{ const: "blocked" }, '"blocked"'],
    [{ enum: ["low", "high", 3] }, '"low" | "high" | 3'],
    [{ anyOf: [{ type: "string" }, { type: "number" }] }, "string | number"],
    [{ anyOf: [{ type: "string", format: "uuid" }, { type: "null" }] }, "string (UUID) or null"],
    // only null: a field that is always null (e.g. a cleared value) reads "null", not "null or null"
    [{ anyOf: [{ type: "null" }] }, "null"],
    [{ oneOf: [{ type: "null" }, { type: "null" }] }, "null"],
    [{ type: ["null"] }, "null"],
    [{ type: "null" }, "null"],
  ])("%j reads %s", (schema, label) => {
    expect(typeLabel(schema as never)).toBe(label);
  });
});

describe("constraints", () => {
  it.each([
    [undefined, []],
    [{ type: "string", minLength: 1, maxLength: 200 }, ["1–200 characters"]],
    [{ type: "string", maxLength: 64, pattern: "^[a-z]+$" }, ["at most 64 characters"]],
    [{ type: "string", minLength: 8, description: "The new password" }, ["The new password", "at least 8 characters"]],
    [{ type: "integer", minimum: 1, maximum: 100, default: 50 }, ["1–100", "default 50"]],
    [{ type: "integer", exclusiveMinimum: 0 }, ["≥ 1"]],
    [{ type: "number", maximum: 1 }, ["≤ 1"]],
    // z.int()'s safe-integer bounds say nothing a reader needs.
    [{ type: "integer", minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }, []],
    [{ type: "array", maxItems: 100, items: { enum: ["a", "b"] } }, ["0–100 items", 'each one of "a", "b"']],
    [{ type: "array", minItems: 1 }, ["1–∞ items"]],
  ])("%j notes %j", (schema, notes) => {
    expect(constraints(schema as never)).toEqual(notes);
  });
});

describe("fieldsOf", () => {
  it("lists an object's fields with type, required flag and notes, two levels into objects and arrays of objects", () => {
    const schema = {
      type: "object",
      required: ["name", "items"],
      properties: {
        name: { type: "string", maxLength: 100 },
        owner: { type: "object", required: ["id"], properties: { id: { type: "string", format: "uuid" }, profile: { type: "object", properties: { bio: { type: "string", properties: { deeper: { type: "string" } } } } } } },
        items: { type: "array", items: { type: "object", required: ["text"], properties: { text: { type: "string" } } } },
      },
    };
    expect(fieldsOf(schema as never)).toEqual([
      { name: "name", type: "string", required: true, notes: ["at most 100 characters"] },
      { name: "owner", type: "object", required: false, notes: [] },
      { name: "owner.id", type: "string (UUID)", required: true, notes: [] },
      { name: "owner.profile", type: "object", required: false, notes: [] },
      { name: "owner.profile.bio", type: "string", required: false, notes: [] },
      { name: "items", type: "array of object", required: true, notes: [] },
      { name: "items[].text", type: "string", required: true, notes: [] },
    ]);
    expect(fieldsOf(undefined)).toEqual([]);
    expect(fieldsOf({ type: "string" })).toEqual([]);
  });
});

describe("authLabel and anchorOf", () => {
  it("names the credentials an operation needs", () => {
    expect(authLabel([{ bearerAuth: [] }])).toEqual({ label: "User token", detail: "Authorization: Bearer <access token>" });
    expect(authLabel([{ apiKeyHeader: [] }, { apiKeyBearer: [] }])).toEqual({ label: "API key", detail: "x-api-key: lg_… or Authorization: Bearer lg_…" });
    expect(authLabel([])).toEqual({ label: "None", detail: "Public" });
    expect(authLabel(undefined)).toEqual({ label: "None", detail: "Public" });
  });

  it("anchors an operation by its id, else by method and path", () => {
    expect(anchorOf("get", "/api/v1/projects/{projectId}", "getProjectsByProjectId")).toBe("getProjectsByProjectId");
    expect(anchorOf("get", "/api/v1/projects/{projectId}")).toBe("get-api-v1-projects-projectId-");
  });
});
