/** Just enough of JSON Schema / OpenAPI 3.1 to render the generated document as a reference. */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  $ref?: string;
  additionalProperties?: boolean | JsonSchema;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, string[]>[];
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface Field {
  name: string;
  type: string;
  required: boolean;
  notes: string[];
}

const isNull = (s: JsonSchema) => s.type === "null";

/** A short type label: "string (uuid)", "integer", "array of string", "\"a\" | \"b\"", "… or null". */
export function typeLabel(s: JsonSchema | undefined): string {
  if (!s) return "any";
  if (s.$ref) return s.$ref.split("/").pop() ?? "object";
  const union = s.anyOf ?? s.oneOf;
  if (union) {
    const nonNull = union.filter((u) => !isNull(u));
    if (nonNull.length === 0) return "null";
    const label = nonNull.map(typeLabel).join(" | ");
    return nonNull.length < union.length ? `${label} or null` : label;
  }
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  let t: string | undefined;
  if (Array.isArray(s.type)) {
    const types = s.type.filter((x) => x !== "null");
    if (types.length === 0 && s.type.length > 0) return "null";
    t = types.join(" | ") + (s.type.includes("null") ? " or null" : "");
  } else t = s.type;
  if (t === "array") return `array of ${typeLabel(s.items)}`;
  if (!t) return s.properties ? "object" : "any";
  if (s.format === "date-time") return "string (ISO 8601 date-time)";
  if (s.format === "uuid") return "string (UUID)";
  return s.format ? `${t} (${s.format})` : t;
}

/** The constraints worth telling a reader: length, range, items, default. Patterns are left out. */
export function constraints(s: JsonSchema | undefined): string[] {
  if (!s) return [];
  const out: string[] = [];
  if (s.description) out.push(s.description);
  if (s.minLength !== undefined && s.maxLength !== undefined) out.push(`${s.minLength}–${s.maxLength} characters`);
  else if (s.maxLength !== undefined) out.push(`at most ${s.maxLength} characters`);
  else if (s.minLength !== undefined) out.push(`at least ${s.minLength} characters`);
  const rawMin = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
  // z.int() bounds every integer by the safe range; that is no constraint worth a note (as for max).
  const min = rawMin !== undefined && rawMin > Number.MIN_SAFE_INTEGER ? rawMin : undefined;
  const max = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
  if (min !== undefined && max !== undefined) out.push(`${min}–${max}`);
  else if (min !== undefined) out.push(`≥ ${min}`);
  else if (max !== undefined) out.push(`≤ ${max}`);
  if (s.minItems !== undefined || s.maxItems !== undefined) out.push(`${s.minItems ?? 0}–${s.maxItems ?? "∞"} items`);
  if (s.items?.enum) out.push(`each one of ${s.items.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

/** An object schema's fields, descending one level into objects and arrays of objects ("items[].id"). */
export function fieldsOf(s: JsonSchema | undefined, prefix = "", depth = 0): Field[] {
  if (!s?.properties) return [];
  const required = new Set(s.required ?? []);
  const out: Field[] = [];
  for (const [name, prop] of Object.entries(s.properties)) {
    const full = prefix ? `${prefix}.${name}` : name;
    out.push({ name: full, type: typeLabel(prop), required: required.has(name), notes: constraints(prop) });
    if (depth < 2) {
      if (prop.properties) out.push(...fieldsOf(prop, full, depth + 1));
      else if (prop.items?.properties) out.push(...fieldsOf(prop.items, `${full}[]`, depth + 1));
    }
  }
  return out;
}

export function authLabel(security: Operation["security"]): { label: string; detail: string } {
  const names = (security ?? []).flatMap((s) => Object.keys(s));
  if (names.includes("bearerAuth")) return { label: "User token", detail: "Authorization: Bearer <access token>" };
  if (names.some((n) => n.startsWith("apiKey"))) return { label: "API key", detail: "x-api-key: lg_… or Authorization: Bearer lg_…" };
  return { label: "None", detail: "Public" };
}

export function anchorOf(method: string, path: string, operationId?: string): string {
  return operationId ?? `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-");
}
