import { createHash } from "node:crypto";
import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "@llmguard/domain";
import type { RouteDef } from "./define-route";

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

const JSON_VALUE = { description: "Any JSON value (string, number, boolean, null, array or object)" };

/** Zod's JSON value: anyOf string, number, boolean, null, array and object, nothing else. */
function isJsonValueSchema(v: unknown): boolean {
  const anyOf = (v as { anyOf?: unknown } | null)?.anyOf;
  if (!Array.isArray(anyOf) || anyOf.length !== 6) return false;
  const types = new Set(anyOf.map((m) => (m as { type?: unknown }).type));
  return ["string", "number", "boolean", "null", "array", "object"].every((t) => types.has(t));
}

/**
 * Shared and recursive schemas (Zod's `$defs`, e.g. the JSON value of config) become named entries of
 * `components/schemas`, so every `$ref` resolves from the document's root. Identical definitions share
 * one entry; the name is stable (a hash of the definition), so the document does not churn.
 */
class SchemaComponents {
  readonly schemas: Record<string, unknown> = {};

  hoist(out: JsonSchema): JsonSchema {
    const defs = out.$defs as Record<string, unknown> | undefined;
    if (!defs) return out;
    delete out.$defs;
    // "Any JSON value" (string, number, boolean, null, arrays and objects of itself) says nothing a JSON
    // body does not already say, and recursive unions break generated clients (TypeScript rejects the
    // self-referencing alias openapi-typescript writes): it becomes the empty schema, described.
    const jsonAny = new Set(Object.entries(defs).filter(([, d]) => isJsonValueSchema(d)).map(([local]) => local));
    if (jsonAny.size > 0) {
      const replace = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(replace);
        if (!v || typeof v !== "object") return v;
        const node = v as Record<string, unknown>;
        if ((typeof node.$ref === "string" && jsonAny.has(node.$ref.slice("#/$defs/".length))) || isJsonValueSchema(node)) return { ...JSON_VALUE };
        return Object.fromEntries(Object.entries(node).map(([k, x]) => [k, replace(x)]));
      };
      for (const local of jsonAny) delete defs[local];
      out = replace(out) as JsonSchema;
      for (const [local, def] of Object.entries(defs)) defs[local] = replace(def);
      if (Object.keys(defs).length === 0) return out;
    }
    const names = new Map<string, string>();
    for (const [local, def] of Object.entries(defs)) {
      const hash = createHash("sha256").update(JSON.stringify(def)).digest("hex").slice(0, 10);
      names.set(local, `Shared_${hash}`);
    }
    const rewrite = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(rewrite);
      if (!v || typeof v !== "object") return v;
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => {
          if (k === "$ref" && typeof x === "string" && x.startsWith("#/$defs/")) return [k, `#/components/schemas/${names.get(x.slice("#/$defs/".length)) ?? x}`];
          return [k, rewrite(x)];
        }),
      );
    };
    for (const [local, def] of Object.entries(defs)) this.schemas[names.get(local)!] ??= rewrite(def);
    return rewrite(out) as JsonSchema;
  }
}

function toJsonSchema(schema: z.ZodType, io: "input" | "output", components: SchemaComponents): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    // Dates travel as ISO-8601 strings in JSON.
    override: (ctx) => {
      const def = (ctx.zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def;
      if (def.type === "date") {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "date-time";
      }
    },
  }) as JsonSchema;
  delete out.$schema;
  return components.hoist(out);
}

/** A union's variants without the named properties (path parameters travel in the path, not the body). */
function withoutProperties(schema: JsonSchema, names: string[]): JsonSchema {
  const strip = (v: JsonSchema): JsonSchema =>
    v.properties
      ? { ...v, properties: Object.fromEntries(Object.entries(v.properties).filter(([k]) => !names.includes(k))), ...(v.required ? { required: v.required.filter((k) => !names.includes(k)) } : {}) }
      : v;
  const out: JsonSchema = { ...schema };
  for (const key of ["oneOf", "anyOf"] as const) if (Array.isArray(schema[key])) out[key] = (schema[key] as JsonSchema[]).map(strip);
  return out;
}

const ERROR_ENVELOPE = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "details", "timestamp"],
      properties: {
        code: { type: "string", enum: Object.keys(ERROR_CODES) },
        message: { type: "string" },
        details: { type: ["object", "null"], description: "For VALIDATION_FAILED: { issues: [{ path, message, code }] }" },
        timestamp: { type: "string", format: "date-time" },
      },
    },
  },
};

function errorResponses(def: RouteDef): Record<string, unknown> {
  const codes = new Set<ErrorCode>(def.errors ?? []);
  const add = (...list: ErrorCode[]) => list.forEach((c) => codes.add(c));
  add("INTERNAL");
  if (def.input) add("VALIDATION_FAILED");
  if (def.auth === "user") add("UNAUTHENTICATED", "INVALID_TOKEN", "RATE_LIMITED");
  if (def.auth === "user" && def.path.includes("{projectId}")) add("FORBIDDEN", "NOT_FOUND");
  if (def.auth === "apiKey") add("UNAUTHENTICATED", "INVALID_API_KEY", "RATE_LIMITED");
  if (def.method !== "GET" && def.input) add("PAYLOAD_TOO_LARGE");
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of codes) {
    const status = ERROR_CODES[c].http;
    byStatus.set(status, [...(byStatus.get(status) ?? []), c]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      { description: list.join(", "), content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );
}

/** The OpenAPI 3.1 document served at /api/v1/openapi.json, generated from the route table. */
export function buildOpenApiDocument(routes: RouteDef[], opts: { serverUrl?: string; version?: string } = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  const components = new SchemaComponents();
  const operationIds = new Set<string>();
  for (const def of routes) {
    const pathParams = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const inputSchema = def.input ? toJsonSchema(def.input, "input", components) : null;
    // An intersection (a discriminated union of actions & common fields) is allOf: its object members give
    // the path, query and plain body properties; the other members (the union) stay in the body schema.
    const members = (inputSchema?.allOf as JsonSchema[] | undefined) ?? (inputSchema ? [inputSchema] : []);
    const objects = members.filter((m) => m.properties);
    const unions = members.filter((m) => !m.properties);
    const props: Record<string, unknown> = Object.assign({}, ...objects.map((m) => m.properties));
    const required = new Set(objects.flatMap((m) => m.required ?? []));
    const parameters: unknown[] = pathParams.map((name) => ({ name, in: "path", required: true, schema: props[name] ?? { type: "string" } }));
    let requestBody: unknown;
    if (inputSchema) {
      const rest = Object.fromEntries(Object.entries(props).filter(([k]) => !pathParams.includes(k)));
      const restRequired = [...required].filter((k) => !pathParams.includes(k));
      if (def.method === "GET" || def.method === "DELETE") {
        for (const [name, schema] of Object.entries(rest)) parameters.push({ name, in: "query", required: restRequired.includes(name), schema });
      } else if (Object.keys(rest).length > 0 || unions.length > 0) {
        const plain = { type: "object", properties: rest, ...(restRequired.length ? { required: restRequired } : {}) };
        const bodyUnions = unions.map((u) => withoutProperties(u, pathParams));
        const parts = Object.keys(rest).length > 0 ? [...bodyUnions, plain] : bodyUnions;
        requestBody = {
          required: restRequired.length > 0 || unions.length > 0,
          content: { "application/json": { schema: unions.length === 0 ? plain : parts.length === 1 ? parts[0] : { allOf: parts } } },
        };
      }
    }
    const status = String(def.status ?? 200);
    const success =
      status === "204"
        ? { description: "No content" }
        : { description: "Success", content: { [def.produces ?? "application/json"]: { schema: def.output ? toJsonSchema(def.output, "output", components) : {} } } };
    const security = def.auth === "user" ? [{ bearerAuth: [] }] : def.auth === "apiKey" ? [{ apiKeyHeader: [] }, { apiKeyBearer: [] }] : [];
    const operationId = `${def.method.toLowerCase()}${def.path.replace(/^\/api\/v1/, "").replace(/\{(\w+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`;
    // Generated clients name their functions after these: two routes must never share one.
    if (operationIds.has(operationId)) throw new Error(`Duplicate operationId ${operationId} (${def.method} ${def.path})`);
    operationIds.add(operationId);
    (paths[def.path] ??= {})[def.method.toLowerCase()] = {
      tags: [def.tag],
      summary: def.summary,
      ...(def.description ? { description: def.description } : {}),
      operationId,
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      security,
      responses: { [status]: success, ...errorResponses(def) },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "LLMGuard API",
      version: opts.version ?? "1.0.0",
      description:
        "Public REST API of LLMGuard. Users authenticate with `Authorization: Bearer <access token>` from POST /api/v1/auth/login; SDKs use a project API key (`x-api-key: lg_...` or `Authorization: Bearer lg_...`). Every error answers `{ error: { code, message, details, timestamp } }`.",
    },
    servers: opts.serverUrl ? [{ url: opts.serverUrl }] : [],
    paths,
    components: {
      schemas: { Error: ERROR_ENVELOPE, ...components.schemas },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        apiKeyHeader: { type: "apiKey", in: "header", name: "x-api-key" },
        apiKeyBearer: { type: "http", scheme: "bearer", description: "A project API key lg_..." },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
