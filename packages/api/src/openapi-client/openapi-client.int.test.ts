import { readFileSync } from "node:fs";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "@llmguard/domain/testing";
import { serveRest } from "../testing/serve";
import { generateClientTypes, SCHEMA_FILE } from "./generate";
import type { paths } from "./schema";

/**
 * Issue 18: a client generated from our OpenAPI document, as a user would make one (openapi-typescript
 * types + openapi-fetch), does a real journey against the running server. The types are committed and
 * must equal a fresh generation, and `pnpm typecheck` checks this file against them: a route that drifts
 * from its document fails the suite.
 */
let app: Awaited<ReturnType<typeof createTestApp>>;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  app = await createTestApp();
  server = await serveRest(app);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
});

describe("a client generated from the OpenAPI document", () => {
  it("is what openapi-typescript makes of today's document (regenerate with pnpm --filter @llmguard/api openapi:types)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8") === (await generateClientTypes())).toBe(true);
  });

  it("logs in, creates a project, ingests a record, searches it, reads and changes config", async () => {
    const api = createClient<paths>({ baseUrl: server.url });
    const email = uniqueEmail("openapi");
    const reg = await api.POST("/api/v1/auth/register", { body: { email, password: TEST_PASSWORD, name: "Client" } });
    expect(reg.response.status).toBe(201);
    const login = await api.POST("/api/v1/auth/login", { body: { email, password: TEST_PASSWORD } });
    expect(login.data?.accessToken).toBeTruthy();
    const auth = { headers: { authorization: `Bearer ${login.data!.accessToken}` } };

    const created = await api.POST("/api/v1/projects", { body: { name: "Generated client" }, ...auth });
    expect(created.response.status).toBe(201);
    const projectId = created.data!.project.id;
    const key = created.data!.apiKey.key;

    const ingested = await api.POST("/api/v1/requests", {
      body: { prompt: "What is the capital of Peru?", response: "Lima.", model: "gpt-4o-mini", latencyMs: 420, status: "success" },
      headers: { "x-api-key": key },
    });
    expect(ingested.response.status).toBe(201);
    expect(typeof ingested.data!.riskScore).toBe("number");

    const found = await api.GET("/api/v1/requests", { params: { query: { projectId, search: "capital of Peru" } }, ...auth });
    expect(found.error).toBeUndefined();
    expect(found.data!.items.map((r) => r.id)).toEqual([ingested.data!.id]);

    const put = await api.PUT("/api/v1/projects/{projectId}/config/{environment}", {
      params: { path: { projectId, environment: "production" } },
      body: { values: { "llm.model": "gpt-4o", "routing.rules": [{ match: { tier: "pro" }, weight: 0.5 }] }, message: "from a generated client" },
      ...auth,
    });
    expect(put.error).toBeUndefined();
    const read = await api.GET("/api/v1/projects/{projectId}/config/{environment}", { params: { path: { projectId, environment: "production" } }, ...auth });
    expect(read.data!.values).toMatchObject({ "llm.model": "gpt-4o", "routing.rules": [{ match: { tier: "pro" }, weight: 0.5 }] });

    // Errors arrive typed as the one envelope.
    const bad = await api.POST("/api/v1/projects", { body: { name: "" }, ...auth });
    expect(bad.response.status).toBe(400);
    expect(bad.error?.error.code).toBe("VALIDATION_FAILED");
  });
});
