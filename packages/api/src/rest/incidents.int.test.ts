import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateIngestRules, type App, type EventSink } from "@llmguard/domain";
import { createTestApp } from "@llmguard/domain/testing";
import { restClient, serveRest } from "../testing/serve";
import { buildOpenApiDocument } from "./openapi";
import { restRoutes } from "./routes";
import { addMemberOverRest, projectOverRest, signUpOverRest } from "../testing/rest-fixtures";

/** Incidents over real HTTP; committed rows reach the rules as the job engine hands them over. */
let app: Awaited<ReturnType<typeof createTestApp>>;
let server: { url: string; close: () => Promise<void> };
let call: ReturnType<typeof restClient>;
const running = new Set<Promise<unknown>>();
const sink: EventSink = {
  emit(event) {
    if (event.name !== "requests/requests.ingested") return;
    const p = evaluateIngestRules({ app: app as App, ...event.data }).finally(() => running.delete(p));
    running.add(p);
  },
};

beforeAll(async () => {
  app = await createTestApp({}, { events: sink });
  server = await serveRest(app);
  call = restClient(server.url);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
});

async function incidentsOf(token: string, projectId: string, query = "") {
  // detection runs after the 201s, in 250 ms windows: wait for it to settle
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (running.size === 0 && i >= 4) break;
  }
  return call("GET", `/api/v1/projects/${projectId}/incidents${query}`, { token });
}

const slow = { prompt: "Summarize the ticket", response: "Done.", model: "gpt-4o", latencyMs: 7_500, status: "success" };

describe("incidents over REST", () => {
  it("a slow request opens a latency incident that a user reads, acknowledges and resolves", async () => {
    const p = await projectOverRest(call);
    expect((await call("POST", "/api/v1/requests", { apiKey: p.ingestKey, body: slow })).status).toBe(201);
    const list = await incidentsOf(p.token, p.projectId);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const item = list.body.items[0];
    expect(item).toMatchObject({ projectId: p.projectId, trigger: "latency", status: "open", severity: "medium", scope: { kind: "model", value: "gpt-4o" }, occurrences: 1, resolvedAt: null });
    expect(list.body.nextCursor).toBeNull();

    const detail = await call("GET", `/api/v1/incidents/${item.id}`, { token: p.token });
    expect(detail.status).toBe(200);
    expect(detail.body.evidence).toMatchObject({ metric: "latencyMs", threshold: 5000, maxLatencyMs: 7500 });
    expect(detail.body.relatedRequests.map((r: { latencyMs: number }) => r.latencyMs)).toContain(7500);
    expect(detail.body.rca).toBeNull();

    const ack = await call("POST", `/api/v1/incidents/${item.id}/acknowledge`, { token: p.token, body: {} });
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe("acknowledged");
    const resolved = await call("POST", `/api/v1/incidents/${item.id}/resolve`, { token: p.token, body: { note: "provider recovered" } });
    expect(resolved.body).toMatchObject({ status: "resolved", resolvedAt: expect.any(String) });
    const again = await call("POST", `/api/v1/incidents/${item.id}/resolve`, { token: p.token, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("CONFLICT");

    const open = await call("GET", `/api/v1/projects/${p.projectId}/incidents?status=open`, { token: p.token });
    expect(open.body.items).toHaveLength(0);
  });

  it("opens a manual incident (201), validates input (400) and hides other projects' incidents (404)", async () => {
    const p = await projectOverRest(call);
    const created = await call("POST", `/api/v1/projects/${p.projectId}/incidents`, { token: p.token, body: { title: "Answers in the wrong language", severity: "high" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ trigger: "manual", severity: "high", status: "open" });
    const bad = await call("POST", `/api/v1/projects/${p.projectId}/incidents`, { token: p.token, body: { title: "", severity: "urgent" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["severity", "title"]);
    const badFilter = await call("GET", `/api/v1/projects/${p.projectId}/incidents?status=closed`, { token: p.token });
    expect(badFilter.status).toBe(400);

    const stranger = await signUpOverRest(call, "Eve");
    expect((await call("GET", `/api/v1/incidents/${created.body.id}`, { token: stranger.token })).status).toBe(404);
    expect((await call("POST", `/api/v1/incidents/${created.body.id}/resolve`, { token: stranger.token, body: {} })).status).toBe(404);
    expect((await call("GET", `/api/v1/projects/${p.projectId}/incidents`, { token: stranger.token })).status).toBe(404);
    expect((await call("GET", "/api/v1/incidents/not-a-uuid", { token: p.token })).status).toBe(400);
  });

  it("lets a viewer read but not change (403), and a developer change", async () => {
    const p = await projectOverRest(call);
    const viewer = await signUpOverRest(call, "Vic");
    const dev = await signUpOverRest(call, "Dee");
    await addMemberOverRest(call, p.token, p.projectId, viewer.email, "viewer");
    await addMemberOverRest(call, p.token, p.projectId, dev.email, "developer");
    const created = await call("POST", `/api/v1/projects/${p.projectId}/incidents`, { token: dev.token, body: { title: "Checkout bot loops", severity: "medium" } });
    expect(created.status).toBe(201);
    expect((await call("GET", `/api/v1/incidents/${created.body.id}`, { token: viewer.token })).status).toBe(200);
    const denied = await call("POST", `/api/v1/incidents/${created.body.id}/acknowledge`, { token: viewer.token, body: {} });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("FORBIDDEN");
    expect((await call("POST", `/api/v1/incidents/${created.body.id}/resolve`, { token: dev.token, body: {} })).body.status).toBe("resolved");
    expect((await call("POST", `/api/v1/incidents/${created.body.id}/reopen`, { token: dev.token, body: {} })).body.status).toBe("open");
  });

  it("is in the OpenAPI document with its error codes", () => {
    const doc = buildOpenApiDocument(restRoutes) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/projects/{projectId}/incidents", "/api/v1/incidents/{incidentId}", "/api/v1/incidents/{incidentId}/resolve"]));
    expect(Object.keys(doc.paths["/api/v1/incidents/{incidentId}/resolve"]!.post!.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "404", "409", "429"]));
  });
});
