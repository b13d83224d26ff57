import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineRoute } from "./define-route";
import { buildOpenApiDocument } from "./openapi";
import { restRoutes } from "./routes";

/**
 * Issue 18: the document served at /api/v1/openapi.json is valid OpenAPI 3.1 for an independent validator
 * (@apidevtools/swagger-parser, which also resolves every $ref), with unique operation ids.
 */
function refs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => refs(x, out));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "$ref" && typeof x === "string") out.push(x);
      else refs(x, out);
    }
  }
  return out;
}

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument(restRoutes, { serverUrl: "http://localhost:3000" });

  it("validates, with every $ref resolving", async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    const dangling = refs(doc).filter((r) => !r.startsWith("#/components/schemas/") || !(r.slice("#/components/schemas/".length) in doc.components.schemas));
    expect(dangling).toEqual([]);
  });

  it("describes the recursive config value as any JSON value, with no $defs left", () => {
    const put = (doc.paths["/api/v1/projects/{projectId}/config/{environment}"] as Record<string, { requestBody: unknown }>).put;
    expect(JSON.stringify(put?.requestBody)).toContain("Any JSON value");
    expect(JSON.stringify(doc)).not.toContain("$defs");
  });

  it("hoists any other recursive schema into a named component that resolves", async () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const NodeSchema: z.ZodType<Node> = z.lazy(() => z.object({ name: z.string(), children: z.array(NodeSchema) }));
    const tree = buildOpenApiDocument([
      defineRoute({ method: "POST", path: "/api/v1/trees", tag: "Test", auth: "none", summary: "A tree", input: z.object({ root: NodeSchema }), output: z.object({ root: NodeSchema }), handler: async ({ input }) => input }),
    ]);
    const names = Object.keys(tree.components.schemas).filter((n) => n.startsWith("Shared_"));
    // One per direction at most (Zod's input and output shapes of a schema may differ).
    expect(names.length).toBeGreaterThanOrEqual(1);
    expect(refs(tree).filter((r) => !names.some((n) => r === `#/components/schemas/${n}`) && r !== "#/components/schemas/Error")).toEqual([]);
    await expect(SwaggerParser.validate(structuredClone(tree) as never)).resolves.toBeTruthy();
  });

  it("gives every operation a unique id, a summary, a tag, security and its error responses", () => {
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p as Record<string, { operationId: string; summary?: string; tags: string[]; security: unknown[]; responses: Record<string, unknown> }>));
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    for (const o of ops) {
      expect(o.summary, o.operationId).toBeTruthy();
      expect(o.tags.length, o.operationId).toBe(1);
      expect(Array.isArray(o.security), o.operationId).toBe(true);
      expect(Object.keys(o.responses).some((s) => s.startsWith("5")), o.operationId).toBe(true);
    }
  });
});
