import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createLogger, DomainError, type App } from "@llmguard/domain";
import { createTestApp } from "@llmguard/domain/testing";
import { signedInCaller } from "./testing/caller";
import { authedProcedure, publicProcedure, router } from "./trpc";

/**
 * The tRPC adapter's side of the one error mapping (STYLE.md §5): the middleware turns any failure into the
 * table's tRPC code, the errorFormatter adds our `data.code`, details and retry hint and hides the text of
 * unexpected 5xx, and each failure is logged once at the boundary (5xx error, 503 warn, 4xx not at all).
 * Requests go through tRPC's fetch adapter, the one apps/web's route uses.
 */
let base: App & { close(): Promise<void> };
let logs: { level: number; msg: string; code?: string; path?: string; err?: { message?: string } }[] = [];
let app: App;

beforeAll(async () => {
  base = await createTestApp();
  app = { ...base, logger: createLogger({ level: "debug", destination: { write: (line: string) => void logs.push(JSON.parse(line)) } }) };
});
afterAll(async () => base?.close());

const testRouter = router({
  domain: publicProcedure.input(z.object({ code: z.string() })).query(({ input }) => {
    if (input.code === "RATE_LIMITED") throw new DomainError("RATE_LIMITED", "Slow down", { retryAfterSeconds: 12 });
    if (input.code === "PAYMENT_PROVIDER_ERROR") throw new DomainError("PAYMENT_PROVIDER_ERROR", "Stripe could not be reached; retry");
    throw new DomainError("NOT_FOUND", "Incident not found", { details: { incidentId: "inc_1" } });
  }),
  outage: publicProcedure.query(() => {
    throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
  }),
  crash: publicProcedure.query(() => {
    throw new Error("password=hunter2 in a driver message");
  }),
  trpcInternal: publicProcedure.query(() => {
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "stack trace with secrets" });
  }),
  trpcForbidden: publicProcedure.query(() => {
    throw new TRPCError({ code: "FORBIDDEN", message: "Not your project" });
  }),
  trpcTimeout: publicProcedure.query(() => {
    throw new TRPCError({ code: "TIMEOUT", message: "Took too long" });
  }),
  trpcNotImplemented: publicProcedure.query(() => {
    throw new TRPCError({ code: "NOT_IMPLEMENTED", message: "internal detail of a missing feature" });
  }),
  echo: publicProcedure.input(z.object({ text: z.string().max(20) })).mutation(({ input }) => input.text),
  me: authedProcedure.query(({ ctx }) => ctx.user.userId),
});

interface ErrorShape {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; details: unknown; retryAfterSeconds?: number; stack?: unknown };
}

async function call(path: string, opts: { input?: unknown; rawInput?: string; method?: "GET" | "POST"; token?: string | null } = {}) {
  const method = opts.method ?? "GET";
  const input = opts.rawInput ?? (opts.input === undefined ? undefined : JSON.stringify({ json: opts.input }));
  const url = `http://localhost/api/trpc/${path}${method === "GET" && input !== undefined ? `?input=${encodeURIComponent(input)}` : ""}`;
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url, { method, ...(method === "POST" ? { body: input, headers: { "content-type": "application/json" } } : {}) }),
    router: testRouter,
    createContext: () => ({ app, accessToken: opts.token ?? null, ip: "127.0.0.1", userAgent: "vitest" }),
  });
  const body = (await res.json()) as { error?: { json: ErrorShape }; result?: { data: { json: unknown } } };
  return { status: res.status, error: body.error?.json, data: body.result?.data.json };
}

describe("tRPC error mapping", () => {
  it("answers a domain error with its status, our code, its details and no stack, without logging a 4xx", async () => {
    logs = [];
    const r = await call("domain", { input: { code: "NOT_FOUND" } });
    expect(r.status).toBe(404);
    expect(r.error).toMatchObject({ message: "Incident not found", data: { code: "NOT_FOUND", httpStatus: 404, details: { incidentId: "inc_1" } } });
    expect(r.error?.data.stack ?? null).toBeNull();
    expect(logs).toEqual([]);
  });

  it("carries the retry hint of a rate limit in data.retryAfterSeconds", async () => {
    const r = await call("domain", { input: { code: "RATE_LIMITED" } });
    expect(r.status).toBe(429);
    expect(r.error?.data).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 12 });
  });

  it("keeps the message of a domain 5xx (written for users) and logs it as an error", async () => {
    logs = [];
    const r = await call("domain", { input: { code: "PAYMENT_PROVIDER_ERROR" } });
    expect(r.status).toBe(502);
    expect(r.error).toMatchObject({ message: "Stripe could not be reached; retry", data: { code: "PAYMENT_PROVIDER_ERROR" } });
    expect(logs).toMatchObject([{ level: 50, msg: "unhandled error in tRPC procedure", path: "domain" }]);
  });

  it("answers invalid input as VALIDATION_FAILED with the Zod issues in details", async () => {
    const r = await call("echo", { method: "POST", input: { text: "x".repeat(21) } });
    expect(r.status).toBe(400);
    expect(r.error).toMatchObject({ message: "Invalid input", data: { code: "VALIDATION_FAILED", details: { issues: [{ path: "text", code: "too_big" }] } } });
  });

  it("answers a database outage 503 with Retry-After 5 and logs it once as a warning", async () => {
    logs = [];
    const r = await call("outage");
    expect(r.status).toBe(503);
    expect(r.error).toMatchObject({ message: "The database is unavailable; retry shortly", data: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5 } });
    expect(logs).toMatchObject([{ level: 40, code: "SERVICE_UNAVAILABLE", path: "outage" }]);
  });

  it.each(["crash", "trpcInternal"])("hides the text of an unexpected failure (%s) behind a generic INTERNAL 500 and logs the original", async (path) => {
    logs = [];
    const r = await call(path);
    expect(r.status).toBe(500);
    expect(r.error).toMatchObject({ message: "Internal server error", data: { code: "INTERNAL", details: null } });
    expect(JSON.stringify(r.error)).not.toMatch(/hunter2|secrets/);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 50, msg: "unhandled error in tRPC procedure", path });
    expect(logs[0]!.err?.message).toMatch(/hunter2|stack trace with secrets/);
  });

  it("names a TRPCError a procedure throws by the first table entry with its tRPC code, keeping a 4xx message", async () => {
    const r = await call("trpcForbidden");
    expect(r.status).toBe(403);
    expect(r.error).toMatchObject({ message: "Not your project", data: { code: "FORBIDDEN" } });
  });

  it("calls a tRPC code the table lacks INTERNAL, and hides its text when it is a 5xx", async () => {
    const timeout = await call("trpcTimeout");
    expect(timeout.status).toBe(408);
    expect(timeout.error).toMatchObject({ message: "Took too long", data: { code: "INTERNAL", httpStatus: 408 } });
    const notImplemented = await call("trpcNotImplemented");
    expect(notImplemented.status).toBe(501);
    expect(notImplemented.error).toMatchObject({ message: "Internal server error", data: { code: "INTERNAL" } });
  });

  it("names tRPC's own refusals by our table: malformed input is VALIDATION_FAILED, a query sent as POST is METHOD_NOT_ALLOWED", async () => {
    const malformed = await call("echo", { method: "POST", rawInput: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.error?.data.code).toBe("VALIDATION_FAILED");
    const wrongMethod = await call("outage", { method: "POST", rawInput: "{}" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.error?.data.code).toBe("METHOD_NOT_ALLOWED");
  });
});

describe("tRPC input and authentication", () => {
  it("makes NUL and lone surrogates safe before the input parser sees them", async () => {
    const r = await call("echo", { method: "POST", input: { text: "a\u0000b\ud800c" } });
    expect(r.status).toBe(200);
    expect(r.data).toBe("a\ufffdb\ufffdc");
  });

  it.each([
    ["no token", null],
    ["a token that is not one", "not-a-token"],
  ])("refuses an authed procedure with %s: 401 UNAUTHENTICATED", async (_name, token) => {
    const r = await call("me", { token });
    expect(r.status).toBe(401);
    expect(r.error).toMatchObject({ message: "Authentication required", data: { code: "UNAUTHENTICATED" } });
  });

  it("runs an authed procedure for a signed-in user's access token", async () => {
    const user = await signedInCaller(base, "trpc-authed");
    const r = await call("me", { token: user.accessToken });
    expect(r.status).toBe(200);
    expect(r.data).toBe(user.userId);
  });
});
