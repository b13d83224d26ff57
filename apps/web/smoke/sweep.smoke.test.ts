// A sweep of the whole public REST API of the built production server (PostgreSQL): the OpenAPI document
// it serves names every operation, and each one gets malformed inputs — bodies (not JSON, arrays, null,
// numbers, deep nesting, invalid UTF-8, every declared property with wrong types, huge strings, NUL and
// lone surrogates, huge and negative numbers, unknown properties), path parameters (non-UUID, %00,
// invalid UTF-8, a lone %, very long, ..%2F) and query values of the same kinds — with the credentials
// its security asks for, with the wrong kind, and without any. No answer may be a 5xx other than 503,
// and every 4xx must carry the one envelope `{ "error": { "code", "message", "details", "timestamp" } }`.
//
// Destructive calls that would remove the sweep's own fixtures (DELETE with valid path parameters) are
// not sent; the config stream (Server-Sent Events, never ends) is read only up to its status line.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeProblem, rawRequest, startBuiltServer, type BuiltServer, type RawResponse } from "./built-server";

const CONCURRENCY = 8;
const HUGE = 200_000; // characters in a "huge" string
const LONG_SEGMENT = 4_000; // a very long path segment or query value (well under the 16 KB header limit)

let srv: BuiltServer;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

beforeAll(async () => {
  const generous = "1000000";
  srv = await startBuiltServer({
    label: "sweep",
    env: {
      RATE_LIMIT_USER_PER_MINUTE: generous,
      RATE_LIMIT_API_KEY_PER_MINUTE: generous,
      LOGIN_MAX_FAILURES_PER_EMAIL: generous,
      LOGIN_MAX_FAILURES_PER_IP: generous,
      LOG_LEVEL: "warn",
      // The webhook verifies signatures (every malformed delivery must answer 400); without a secret key,
      // billing actions answer their documented 503 BILLING_NOT_CONFIGURED once the input is valid.
      STRIPE_WEBHOOK_SECRET: "whsec_sweep_smoke_0123456789",
    },
  });
});

afterAll(async () => {
  agent.destroy();
  await srv?.stop();
});

// --- the OpenAPI document ---------------------------------------------------------------------------

interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface Parameter {
  name: string;
  in: "path" | "query";
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
  security: "user" | "apiKey" | "none";
  produces: string[];
}

function operationsOf(doc: { paths: Record<string, Record<string, { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> }; security?: Record<string, unknown>[]; responses: Record<string, { content?: Record<string, unknown> }> }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      ops.push({
        method: method.toUpperCase(),
        path: p,
        operationId: op.operationId,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content["application/json"]?.schema,
        security: schemes.includes("bearerAuth") ? "user" : schemes.includes("apiKeyHeader") ? "apiKey" : "none",
        produces: Object.values(op.responses).flatMap((r) => Object.keys(r.content ?? {})),
      });
    }
  }
  return ops;
}

// --- fixtures ---------------------------------------------------------------------------------------

interface Fixtures {
  token: string;
  apiKey: string;
  values: Record<string, string>;
}
let fx: Fixtures;

async function must(res: Promise<RawResponse>, status: number, what: string): Promise<RawResponse> {
  const r = await res;
  if (r.status !== status) throw new Error(`sweep fixture: ${what} answered ${r.status} ${r.text.slice(0, 500)}${srv.log()}`);
  return r;
}

async function createFixtures(): Promise<Fixtures> {
  const call = (method: string, path: string, body?: unknown, token?: string) =>
    rawRequest(srv.baseUrl, { method, path, body, headers: token ? { authorization: `Bearer ${token}` } : {}, agent });
  const email = `sweep-${randomUUID().slice(0, 8)}@example.com`;
  const password = "correct-horse-42";
  await must(call("POST", "/api/v1/auth/register", { email, password }), 201, "register");
  const login = await must(call("POST", "/api/v1/auth/login", { email, password }), 200, "login");
  const token = String((login.json as { accessToken: string }).accessToken);
  const created = await must(call("POST", "/api/v1/projects", { name: "sweep" }, token), 201, "create project");
  const projectId = (created.json as { project: { id: string } }).project.id;
  const key = await must(call("POST", `/api/v1/projects/${projectId}/api-keys`, { name: "all", scopes: ["ingest", "config:read", "secrets:read"] }, token), 201, "create all-scope key");
  const apiKey = String((key.json as { key: string }).key);
  // A second key whose id the sweep may rotate (a rotation kills the old secret).
  const victim = await must(call("POST", `/api/v1/projects/${projectId}/api-keys`, { name: "victim", scopes: ["ingest"] }, token), 201, "create second key");
  const keyId = String((victim.json as { id: string }).id);
  const memberEmail = `sweep-member-${randomUUID().slice(0, 8)}@example.com`;
  const member = await must(call("POST", "/api/v1/auth/register", { email: memberEmail, password }), 201, "register member");
  const userId = String((member.json as { id: string }).id);
  await must(call("POST", `/api/v1/projects/${projectId}/members`, { email: memberEmail, role: "viewer" }, token), 201, "add member");
  await must(call("PUT", `/api/v1/projects/${projectId}/secrets/SWEEP_SECRET`, { value: "s3cret-value", rotationDays: 90 }, token), 200, "set secret");
  const cfg = await must(call("PUT", `/api/v1/projects/${projectId}/config/production`, { values: { "sweep.key": "v1", "sweep.secret": "{{ secret:SWEEP_SECRET }}" }, message: "sweep" }, token), 200, "set config");
  const version = String((cfg.json as { version?: number }).version ?? 1);
  const ingested = await rawRequest(srv.baseUrl, {
    method: "POST",
    path: "/api/v1/requests",
    headers: { "x-api-key": apiKey },
    body: { prompt: "hello", response: "world", model: "gpt-4o-mini", latencyMs: 10, status: "success" },
    agent,
  });
  if (ingested.status !== 201) throw new Error(`sweep fixture: ingest answered ${ingested.status} ${ingested.text.slice(0, 300)}`);
  const id = String((ingested.json as { id: string }).id);
  return {
    token,
    apiKey,
    values: { projectId, keyId, userId, environment: "production", version, key: "sweep.key", name: "SWEEP_SECRET", id, from: "0", to: version },
  };
}

// --- example (valid-looking) values from a schema ---------------------------------------------------

function example(schema: JsonSchema | undefined, name = "", depth = 0): unknown {
  if (!schema || depth > 6) return "sweep";
  if (name && fx.values[name] !== undefined && !/^(name|key|id)$/.test(name)) return fx.values[name];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return example(alt.find((s) => s.type !== "null") ?? alt[0], name, depth + 1);
  if (schema.allOf?.length) return example(schema.allOf[0], name, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "email") return `sweep-${randomUUID().slice(0, 8)}@example.com`;
      if (schema.format === "uuid") return randomUUID();
      if (schema.format === "date-time") return new Date(Date.now() + 86_400_000).toISOString();
      return "sweep";
    case "integer":
    case "number": {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -Infinity);
      const max = schema.maximum ?? Infinity;
      return Math.min(Math.max(1000, min), max);
    }
    case "boolean":
      return true;
    case "array":
      return schema.minItems ? Array.from({ length: schema.minItems }, () => example(schema.items, "", depth + 1)) : [];
    case "object": {
      const out: Record<string, unknown> = {};
      for (const k of schema.required ?? []) out[k] = example(schema.properties?.[k], k, depth + 1);
      if (Object.keys(schema.properties ?? {}).length === 0 && typeof schema.additionalProperties === "object") {
        out["sweep.key"] = example(schema.additionalProperties, "", depth + 1);
      }
      return out;
    }
    default:
      return "sweep";
  }
}

// --- the malformed inputs ---------------------------------------------------------------------------

/** Values for one JSON property: `raw` is spliced into the body as JSON text (numbers JSON.stringify cannot write). */
type Poison = { kind: string; value?: unknown; raw?: string };

const deep = (n: number): string => `${"[".repeat(n)}${"]".repeat(n)}`;
const deepObject = (n: number): string => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;

const PROPERTY_POISONS: Poison[] = [
  { kind: "number", value: 12345 },
  { kind: "negative", value: -1 },
  { kind: "fraction", value: 0.5 },
  { kind: "huge number", raw: "1e400" },
  { kind: "huge negative", raw: "-1e400" },
  { kind: "long integer", raw: "123456789012345678901234567890" },
  { kind: "boolean", value: true },
  { kind: "null", value: null },
  { kind: "array", value: ["x", 1, null] },
  { kind: "object", value: { x: 1 } },
  { kind: "empty string", value: "" },
  { kind: "huge string", value: "x".repeat(HUGE) },
  { kind: "NUL string", value: "a\u0000b" },
  { kind: "lone surrogate", value: "a\ud800b" },
  { kind: "NUL + surrogate in keys", value: { "k\u0000": "\udc00", "\ud800": ["\u0000"] } },
  { kind: "deep array", raw: deep(5_000) },
  { kind: "deep object", raw: deepObject(5_000) },
];

const RAW_BODIES: { kind: string; body: string | Buffer; contentType?: string }[] = [
  { kind: "not JSON", body: "this is not json" },
  { kind: "truncated JSON", body: '{"a": [1, 2' },
  { kind: "JSON array", body: "[]" },
  { kind: "JSON array of objects", body: '[{"a":1}]' },
  { kind: "JSON null", body: "null" },
  { kind: "JSON number", body: "42" },
  { kind: "JSON string", body: '"x"' },
  { kind: "JSON true", body: "true" },
  { kind: "empty body", body: "" },
  { kind: "deep array", body: deep(100_000) },
  { kind: "deep object", body: deepObject(20_000) },
  { kind: "invalid UTF-8 bytes", body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0xff, 0x22, 0x7d]) },
  { kind: "BOM + object", body: "\ufeff{}" },
  { kind: "__proto__ key", body: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}' },
  { kind: "duplicate keys", body: '{"a": 1, "a": "\\u0000"}' },
  { kind: "text/plain object", body: "{}", contentType: "text/plain" },
  { kind: "form-encoded", body: "a=1&b=%00", contentType: "application/x-www-form-urlencoded" },
];

const PATH_POISONS: { kind: string; value: string }[] = [
  { kind: "non-UUID", value: "not-a-uuid" },
  { kind: "%00", value: "%00" },
  { kind: "invalid UTF-8 %ED%A0%80", value: "%ED%A0%80" },
  { kind: "lone %", value: "%" },
  { kind: "bad escape %zz", value: "%zz" },
  { kind: "very long", value: "a".repeat(LONG_SEGMENT) },
  { kind: "..%2F", value: "..%2F" },
  { kind: "..%2F..%2Fwhoami", value: "..%2F..%2Fwhoami" },
  { kind: "UUID with NUL", value: `${randomUUID()}%00` },
  { kind: "emoji", value: "%F0%9F%92%A5" },
];

const QUERY_POISONS: { kind: string; value: string }[] = [
  { kind: "empty", value: "" },
  { kind: "%00", value: "%00" },
  { kind: "invalid UTF-8", value: "%ED%A0%80" },
  { kind: "lone %", value: "%" },
  { kind: "very long", value: "q".repeat(LONG_SEGMENT) },
  { kind: "negative", value: "-1" },
  { kind: "huge number", value: "1e400" },
  { kind: "long integer", value: "9".repeat(400) },
  { kind: "fraction", value: "0.5" },
  { kind: "NaN", value: "NaN" },
  { kind: "..%2F", value: "..%2F" },
  { kind: "JSON-looking", value: "%7B%22a%22%3A1%7D" },
];

// --- cases --------------------------------------------------------------------------------------------

/** "malformed cookie": no bearer token, and a session cookie that is not valid percent-encoding. */
type Auth = "appropriate" | "none" | "wrong kind" | "malformed cookie";

interface Case {
  op: Operation;
  kind: string;
  auth: Auth;
  path: string;
  body?: string | Buffer;
  contentType?: string;
  /** Read only up to the status line (Server-Sent Events never end). */
  headersOnly?: boolean;
}

interface Outcome {
  c: Case;
  status: number;
  excerpt: string;
  problem: string | null;
  requestId: string;
}

/** Offences grouped by problem, status and input kind (path parameter names folded), with the operations. */
function grouped(bad: Outcome[]): string {
  const groups = new Map<string, Set<string>>();
  for (const o of bad) {
    const kind = o.c.kind.replace(/^path \w+:/, "path *:").replace(/^query \w+:/, "query *:");
    const key = `${o.problem} | ${o.status} | ${kind} | auth ${o.c.auth}`;
    (groups.get(key) ?? groups.set(key, new Set()).get(key)!).add(`${o.c.op.method} ${o.c.op.path}`);
  }
  return [...groups]
    .map(([key, ops]) => `  ${key} — ${ops.size} operation(s): ${[...ops].slice(0, 4).join(", ")}${ops.size > 4 ? ", ..." : ""}`)
    .join("\n");
}

/** The server's own error lines (not access-log lines), grouped by message and error type. */
function serverErrors(): string {
  const counts = new Map<string, number>();
  for (const line of srv.output().split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { type?: string; message?: string } };
      if ((entry.level ?? 0) < 50 || entry.msg === "request") continue;
      const key = `${entry.msg} — ${entry.err?.type ?? ""}: ${String(entry.err?.message ?? "").trim().split("\n").pop()?.slice(0, 160) ?? ""}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      // not a log line
    }
  }
  return [...counts].map(([k, n]) => `  ${n}× ${k}`).join("\n") || "  (none)";
}

function buildPath(op: Operation, overrides: Record<string, string> = {}, query?: string): string {
  const p = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => overrides[name] ?? encodeURIComponent(fx.values[name] ?? "x"));
  return query === undefined ? p : `${p}?${query}`;
}

function validQuery(op: Operation, without?: string): string[] {
  const parts: string[] = [];
  for (const prm of op.parameters.filter((x) => x.in === "query" && x.name !== without)) {
    if (!prm.required && !fx.values[prm.name]) continue;
    const v = example(prm.schema, prm.name);
    parts.push(`${encodeURIComponent(prm.name)}=${encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v))}`);
  }
  return parts;
}

function jsonBodyWith(op: Operation, prop: string | null, poison: Poison | null): string {
  const base = (example(op.body) ?? {}) as Record<string, unknown>;
  if (prop === null || poison === null) return JSON.stringify(base);
  if (poison.raw === undefined) return JSON.stringify({ ...base, [prop]: poison.value });
  const marker = `__sweep_raw_${randomUUID()}__`;
  return JSON.stringify({ ...base, [prop]: marker }).replace(`"${marker}"`, poison.raw);
}

function casesFor(op: Operation): Case[] {
  const out: Case[] = [];
  const pathParams = op.parameters.filter((p) => p.in === "path").map((p) => p.name);
  const queryParams = op.parameters.filter((p) => p.in === "query");
  const hasBody = op.method !== "GET" && op.method !== "DELETE";
  const destructive = op.method === "DELETE"; // valid path parameters would delete the sweep's fixtures
  const stream = op.produces.includes("text/event-stream");
  const add = (kind: string, auth: Auth, pathStr: string, extra: Partial<Case> = {}) => out.push({ op, kind, auth, path: pathStr, headersOnly: stream, ...extra });
  const validBody = hasBody ? jsonBodyWith(op, null, null) : undefined;

  // Path parameters: each one poisoned, the others valid (these can never match a fixture, so DELETE is safe).
  for (const name of pathParams) {
    // `..%2F` on a DELETE could reach a parent resource (DELETE /projects/{projectId}) if anything decoded it.
    for (const poison of PATH_POISONS.filter((p) => !(destructive && p.value.includes("..")))) {
      const q = validQuery(op).join("&");
      add(`path ${name}: ${poison.kind}`, "appropriate", buildPath(op, { [name]: poison.value }, q || undefined), { body: validBody });
    }
    add(`path ${name}: non-UUID`, "none", buildPath(op, { [name]: "not-a-uuid" }), { body: validBody });
  }
  if (destructive) return out;

  // The valid request without credentials, with the wrong kind, and (not for streams) with the right ones.
  const q = validQuery(op).join("&");
  const validPath = buildPath(op, {}, q || undefined);
  add("valid input", "none", validPath, { body: validBody });
  if (op.security !== "none") add("valid input", "wrong kind", validPath, { body: validBody });
  if (op.security === "user") add("valid input", "malformed cookie", validPath, { body: validBody });
  if (!stream && op.security !== "none") add("valid input", "appropriate", validPath, { body: validBody });

  // Query values.
  for (const prm of queryParams) {
    for (const poison of QUERY_POISONS) {
      const parts = [...validQuery(op, prm.name), `${encodeURIComponent(prm.name)}=${poison.value}`];
      add(`query ${prm.name}: ${poison.kind}`, "appropriate", buildPath(op, {}, parts.join("&")), { body: validBody });
    }
    const twice = [...validQuery(op), `${encodeURIComponent(prm.name)}=a`, `${encodeURIComponent(prm.name)}=b`];
    add(`query ${prm.name}: repeated`, "appropriate", buildPath(op, {}, twice.join("&")), { body: validBody });
  }
  add("query: unknown and malformed keys", "appropriate", buildPath(op, {}, [...validQuery(op), "%=%", "unknown=%00", "%ED%A0%80=1", "__proto__=x"].join("&")), { body: validBody });
  add("query: unknown and malformed keys", "none", buildPath(op, {}, ["%=%", "unknown=%00"].join("&")), { body: validBody });

  // Bodies.
  if (hasBody) {
    for (const raw of RAW_BODIES) {
      add(`body: ${raw.kind}`, "appropriate", validPath, { body: raw.body, contentType: raw.contentType });
      if (op.security !== "none" && ["not JSON", "deep array", "invalid UTF-8 bytes"].includes(raw.kind)) add(`body: ${raw.kind}`, "none", validPath, { body: raw.body, contentType: raw.contentType });
    }
    const props = Object.keys(op.body?.properties ?? {});
    for (const prop of props) {
      for (const poison of PROPERTY_POISONS) add(`body.${prop}: ${poison.kind}`, "appropriate", validPath, { body: jsonBodyWith(op, prop, poison) });
    }
    add("body: unknown extra properties", "appropriate", validPath, { body: JSON.stringify({ ...(example(op.body) as object), sweepUnknown: 1, "\u0000": "\ud800", constructor: { prototype: { a: 1 } } }) });
    for (const poison of [PROPERTY_POISONS.find((p) => p.kind === "deep object")!, PROPERTY_POISONS.find((p) => p.kind === "NUL + surrogate in keys")!]) {
      add(`body.sweepUnknown: ${poison.kind}`, "appropriate", validPath, { body: jsonBodyWith(op, "sweepUnknown", poison) });
    }
  }
  return out;
}

/** Requests outside the document: unknown paths and methods under /api/v1. */
function extraCases(ops: Operation[]): Case[] {
  const none: Operation = { method: "GET", path: "(outside the document)", operationId: "outside", parameters: [], body: undefined, security: "none", produces: [] };
  const out: Case[] = [];
  for (const p of ["/api/v1/%", "/api/v1/%00", "/api/v1/%ED%A0%80", `/api/v1/${"z".repeat(LONG_SEGMENT)}`, "/api/v1/..%2F..%2Fetc%2Fpasswd", "/api/v1/projects/%2e%2e/whoami", "/api/v1//projects", "/api/v1/whoami%00"]) {
    out.push({ op: none, kind: `unknown path ${p.slice(0, 40)}`, auth: "appropriate", path: p });
  }
  const byPath = new Map<string, Set<string>>();
  for (const op of ops) (byPath.get(op.path) ?? byPath.set(op.path, new Set()).get(op.path)!).add(op.method);
  for (const [p, methods] of byPath) {
    for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      if (methods.has(m)) continue;
      const op: Operation = { method: m, path: p, operationId: `undeclared ${m}`, parameters: [], body: undefined, security: "user", produces: [] };
      out.push({ op, kind: `undeclared method ${m}`, auth: "appropriate", path: buildPath(op), body: m === "GET" || m === "DELETE" ? undefined : "{}" });
    }
  }
  return out;
}

// --- running them ---------------------------------------------------------------------------------------

function headersFor(c: Case): Record<string, string> {
  const h: Record<string, string> = {};
  const user = { authorization: `Bearer ${fx.token}` };
  const key = { "x-api-key": fx.apiKey };
  if (c.auth === "appropriate") Object.assign(h, c.op.security === "apiKey" ? key : c.op.security === "user" ? user : {});
  if (c.auth === "wrong kind") Object.assign(h, c.op.security === "apiKey" ? user : key);
  if (c.auth === "malformed cookie") h.cookie = "next-auth.session-token=%E0%A4%A; other=%";
  if (c.body !== undefined) h["content-type"] = c.contentType ?? "application/json";
  return h;
}

let sent = 0;
async function send(c: Case): Promise<Outcome> {
  const requestId = `sweep-${++sent}`;
  try {
    const headers = { ...headersFor(c), "x-request-id": requestId };
    const res = c.headersOnly ? await statusOnly(c, headers) : await rawRequest(srv.baseUrl, { method: c.op.method, path: c.path, headers, body: c.body, agent, timeoutMs: 30_000 });
    let problem: string | null = null;
    if (res.status >= 500 && res.status !== 503) problem = "5xx";
    else if (res.status >= 400 && res.status < 500 && !c.headersOnly) {
      const p = envelopeProblem(res.json, c.op.path.startsWith("/api/v1/gateway/") ? "openai" : "rest");
      if (p) problem = `not the envelope: ${p}`;
    }
    return { c, status: res.status, excerpt: res.text.slice(0, 200).replace(/\s+/g, " "), problem, requestId };
  } catch (err) {
    return { c, status: 0, excerpt: String((err as Error).message ?? err).slice(0, 200), problem: "no answer", requestId };
  }
}

/** The status of a streaming answer, then the connection is dropped; error answers are read whole. */
function statusOnly(c: Case, headers: Record<string, string>): Promise<RawResponse> {
  const url = new URL(srv.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: c.op.method, path: c.path, headers, timeout: 10_000 }, (res) => {
      const status = res.statusCode ?? 0;
      if (String(res.headers["content-type"] ?? "").startsWith("text/event-stream")) {
        req.destroy();
        resolve({ status, headers: res.headers, text: "(event stream)", json: undefined });
        return;
      }
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status, headers: res.headers, text, json });
      });
    });
    req.on("timeout", () => req.destroy(new Error("no status line within 10 s")));
    req.on("error", reject);
    req.end();
  });
}

async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

describe("malformed-input sweep over every operation of the OpenAPI document", () => {
  let ops: Operation[] = [];
  let outcomes: Outcome[] = [];

  beforeAll(async () => {
    const doc = await rawRequest(srv.baseUrl, { path: "/api/v1/openapi.json", agent });
    if (doc.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${doc.status}${srv.log()}`);
    ops = operationsOf(doc.json as Parameters<typeof operationsOf>[0]);
    fx = await createFixtures();
    const cases = [...ops.flatMap(casesFor), ...extraCases(ops)];
    outcomes = await pool(cases, CONCURRENCY, send);
  });

  it("authenticates the sweep's requests, so malformed input reaches validation", () => {
    const histogram: Record<string, number> = {};
    for (const o of outcomes) histogram[`${o.c.auth} ${o.status}`] = (histogram[`${o.c.auth} ${o.status}`] ?? 0) + 1;
    console.log(`sweep: ${outcomes.length} requests; answers by credentials and status: ${JSON.stringify(histogram)}`);
    // With the right credentials, only a few routes answer 401 (a wrong current password, a bad refresh
    // token): never the credential check itself.
    const refused = outcomes.filter((o) => o.c.auth === "appropriate" && o.c.op.security !== "none" && o.status === 401 && !/INVALID_CREDENTIALS/.test(o.excerpt));
    expect(refused.map((o) => `${o.c.op.method} ${o.c.op.path} | ${o.c.kind} | ${o.excerpt}`)).toEqual([]);
  });

  it("covers every operation with a few thousand requests", () => {
    expect(ops.length).toBeGreaterThan(40);
    const covered = new Set(outcomes.map((o) => `${o.c.op.method} ${o.c.op.path}`));
    expect(ops.filter((op) => !covered.has(`${op.method} ${op.path}`)).map((op) => `${op.method} ${op.path}`)).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(2_000);
  });

  it("never answers a 5xx other than 503, and every 4xx carries the error envelope", () => {
    const bad = outcomes.filter((o) => o.problem);
    if (bad.length) {
      const lines = bad.map((o) => `${o.problem} | ${o.c.op.method} ${o.c.op.path} | ${o.c.kind} | auth ${o.c.auth} | ${o.status} | ${o.c.path.slice(0, 120)} | x-request-id ${o.requestId} | ${o.excerpt}`);
      console.log(`Offending answers (${bad.length} of ${outcomes.length}): problem | operation | input kind | auth | status | request target | x-request-id | body excerpt\n${lines.join("\n")}`);
    }
    expect(bad.length, `${bad.length} of ${outcomes.length} answers offend; grouped:\n${grouped(bad)}\nerrors the server logged:\n${serverErrors()}\n(every offending request is listed above in the test's stdout)`).toBe(0);
  });

  it("answers no 503 while the database is up (a 503 here would hide a path)", () => {
    // BILLING_NOT_CONFIGURED is this server's documented answer to valid billing actions (no Stripe key):
    // the input was validated first, so no path is hidden behind it.
    const unavailable = outcomes.filter((o) => o.status === 503 && !(o.c.op.path.startsWith("/api/v1/billing/") && o.excerpt.includes('"BILLING_NOT_CONFIGURED"')));
    expect(unavailable.map((o) => `${o.c.op.method} ${o.c.op.path} | ${o.c.kind} | ${o.excerpt}`)).toEqual([]);
  });
});
