import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError, type App } from "@llmguard/domain";
import { createTestApp } from "@llmguard/domain/testing";
import { createNodeRestHandler } from "./rest/node-adapter";
import { restRoutes } from "./rest/routes/index";
import { errorReply } from "./rest/http";
import { publicProcedure, router } from "./trpc";

/**
 * One error mapping for every adapter (ARCHITECTURE decision 10): each kind of failure goes through
 * REST and tRPC and both must answer the same code, status and message.
 */
let app: App & { close(): Promise<void> };
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.close());

const BRAND: unique symbol = Symbol.for("llmguard.domainError") as never;

/** What Next's bundle does to us: a second copy of the DomainError class, with the same brand. */
class DomainErrorFromAnotherChunk extends Error {
  readonly [BRAND] = true;
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

const outage = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

// Written out by hand, not computed from ERROR_CODES: a wrong table entry must fail here.
const CASES: { name: string; make: () => unknown; status: number; code: string; trpcStatus: number; message: string; retryAfter?: string }[] = [
  { name: "rate limit (this copy)", make: () => new DomainError("RATE_LIMITED", "Too many failed logins. Try again later.", { retryAfterSeconds: 9 }), status: 429, code: "RATE_LIMITED", trpcStatus: 429, message: "Too many failed logins. Try again later.", retryAfter: "9" },
  { name: "rate limit (another bundle's copy)", make: () => new DomainErrorFromAnotherChunk("RATE_LIMITED", "Slow down", 7), status: 429, code: "RATE_LIMITED", trpcStatus: 429, message: "Slow down", retryAfter: "7" },
  { name: "not found (another copy)", make: () => new DomainErrorFromAnotherChunk("NOT_FOUND", "Project not found"), status: 404, code: "NOT_FOUND", trpcStatus: 404, message: "Project not found" },
  { name: "unprocessable config", make: () => new DomainError("CONFIG_UNRESOLVABLE", "Unresolvable"), status: 422, code: "CONFIG_UNRESOLVABLE", trpcStatus: 422, message: "Unresolvable" },
  { name: "a ZodError from a service", make: () => z.object({ n: z.number() }).parse({ n: "x" }), status: 400, code: "VALIDATION_FAILED", trpcStatus: 400, message: "Invalid input" },
  { name: "database outage", make: () => outage, status: 503, code: "SERVICE_UNAVAILABLE", trpcStatus: 503, message: "The database is unavailable; retry shortly", retryAfter: "5" },
  { name: "a unique constraint no service expected (Prisma P2002)", make: () => Object.assign(new Error("Unique constraint failed on the fields: (`name`)"), { name: "PrismaClientKnownRequestError", code: "P2002" }), status: 409, code: "CONFLICT", trpcStatus: 409, message: "This conflicts with an existing record (it was created at the same moment); retry or pick another name" },
  { name: "unknown error", make: () => new Error("password=hunter2 in a driver message"), status: 500, code: "INTERNAL", trpcStatus: 500, message: "Internal server error" },
];

const testRouter = router({
  fail: publicProcedure.input(z.object({ i: z.number() })).query(({ input }) => {
    throw CASES[input.i]!.make();
  }),
});

async function viaTrpc(i: number) {
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/fail?input=${encodeURIComponent(JSON.stringify({ json: { i } }))}`),
    router: testRouter,
    createContext: () => ({ app, accessToken: null, ip: null, userAgent: null }),
  });
  const body = (await res.json()) as { error: { json: { message: string; data: { code: string; httpStatus: number } } } };
  return { status: res.status, code: body.error.json.data.code, message: body.error.json.message };
}

/** The REST adapter of server.mjs (node:http), with an App factory that fails the given way, over real HTTP. */
async function viaNodeAdapter(i: number) {
  const rest = createNodeRestHandler(async () => {
    throw CASES[i]!.make();
  }, restRoutes);
  const server = createServer((req, res) => {
    if (!rest(req, res)) res.writeHead(599).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/config?environment=production`, { headers: { "x-api-key": "lg_x" } });
    const body = (await res.json()) as { error: { code: string; message: string } };
    return { status: res.status, code: body.error.code, message: body.error.message, retryAfter: res.headers.get("retry-after") ?? undefined };
  } finally {
    server.close();
  }
}

describe("one error mapping for REST (the mapping and the node:http adapter) and tRPC", () => {
  for (const [i, c] of CASES.entries()) {
    it(`${c.name}: ${c.status} ${c.code} on both adapters`, async () => {
      let thrown: unknown;
      try {
        c.make();
      } catch (e) {
        thrown = e;
      }
      const rest = errorReply(thrown ?? c.make());
      const body = JSON.parse(rest.body) as { error: { code: string; message: string; timestamp: string } };
      expect(rest.status).toBe(c.status);
      expect(body.error.code).toBe(c.code);
      expect(body.error.message).toBe(c.message);
      expect(rest.headers["retry-after"]).toBe(c.retryAfter);

      const served = await viaNodeAdapter(i);
      expect(served).toEqual({ status: c.status, code: c.code, message: c.message, retryAfter: c.retryAfter });

      const trpc = await viaTrpc(i);
      expect(trpc.status).toBe(c.trpcStatus);
      expect(trpc.code).toBe(c.code);
      expect(trpc.message).toBe(c.message);
    });
  }

  it("names tRPC's own errors by our table: an unknown procedure is NOT_FOUND, not VALIDATION_FAILED", async () => {
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/nope"),
      router: testRouter,
      createContext: () => ({ app, accessToken: null, ip: null, userAgent: null }),
    });
    const body = (await res.json()) as { error: { json: { data: { code: string } } } };
    expect(res.status).toBe(404);
    expect(body.error.json.data.code).toBe("NOT_FOUND");
  });
});
