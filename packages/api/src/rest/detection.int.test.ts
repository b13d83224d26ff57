import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "@llmguard/domain/testing";
import { restClient, serveRest } from "../testing/serve";
import { addMemberOverRest, projectOverRest, signUpOverRest } from "../testing/rest-fixtures";
import { buildOpenApiDocument } from "./openapi";
import { restRoutes } from "./routes";

/** `POST /api/v1/projects/{projectId}/detection/run` over real HTTP, on rollups written directly. */
let app: Awaited<ReturnType<typeof createTestApp>>;
let server: { url: string; close: () => Promise<void> };
let call: ReturnType<typeof restClient>;

beforeAll(async () => {
  app = await createTestApp();
  server = await serveRest(app);
  call = restClient(server.url);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
});

const HOUR_MS = 3_600_000;

/**
 * A week of about 100 requests an hour, then 400 in the last complete hour and in the current one: the
 * route checks the last complete hour when it runs, so a test that crosses an hour boundary still sees a spike.
 */
async function seedSpike(projectId: string) {
  const now = Date.now();
  const lastComplete = now - (now % HOUR_MS) - HOUR_MS;
  const rows = [];
  for (let k = -1; k <= 168; k++) {
    const requests = k <= 0 ? 400 : k % 2 === 0 ? 98 : 102;
    const buckets = new Array<number>(27).fill(0);
    buckets[10] = requests;
    rows.push({ projectId, model: "gpt-4o", hour: new Date(lastComplete - k * HOUR_MS), requests, errors: 1, costUsd: requests * 0.001, latencyBuckets: buckets });
  }
  await app.db.requestRollupHourly.createMany({ data: rows });
}

const run = (projectId: string, token: string) => call("POST", `/api/v1/projects/${projectId}/detection/run`, { token, body: {} });

describe("running detection over REST", () => {
  it("runs the hourly check for an owner or admin and answers 200 with the incidents it opened or updated", async () => {
    const p = await projectOverRest(call);
    const admin = await signUpOverRest(call, "Ann");
    await addMemberOverRest(call, p.token, p.projectId, admin.email, "admin");

    const quiet = await run(p.projectId, p.token);
    expect(quiet.status).toBe(200);
    expect(quiet.body).toEqual({ incidents: [] });

    await seedSpike(p.projectId);
    const first = await run(p.projectId, p.token);
    expect(first.status).toBe(200);
    expect(first.body.incidents).toHaveLength(1);
    expect(first.body.incidents[0]).toMatchObject({
      projectId: p.projectId,
      trigger: "anomaly",
      scope: { kind: "project", value: null },
      status: "open",
      occurrences: 1,
      resolvedAt: null,
      title: expect.stringMatching(/^Request volume up on the project: 400 requests vs /),
    });

    const second = await run(p.projectId, admin.token);
    expect(second.status).toBe(200);
    expect(second.body.incidents.map((i: { id: string; occurrences: number }) => [i.id, i.occurrences])).toEqual([[first.body.incidents[0].id, 2]]);

    const detail = await call("GET", `/api/v1/incidents/${first.body.incidents[0].id}`, { token: p.token });
    expect(detail.body.evidence).toMatchObject({ metric: "volume", direction: "up", value: 400, sigma: 3, baselineHours: 168 });
  });

  it("refuses developers and viewers (403) and hides another user's project (404)", async () => {
    const p = await projectOverRest(call);
    const dev = await signUpOverRest(call, "Dee");
    const viewer = await signUpOverRest(call, "Vic");
    await addMemberOverRest(call, p.token, p.projectId, dev.email, "developer");
    await addMemberOverRest(call, p.token, p.projectId, viewer.email, "viewer");
    for (const token of [dev.token, viewer.token]) {
      const denied = await run(p.projectId, token);
      expect(denied.status).toBe(403);
      expect(denied.body.error.code).toBe("FORBIDDEN");
    }
    const stranger = await signUpOverRest(call, "Eve");
    const hidden = await run(p.projectId, stranger.token);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe("NOT_FOUND");
    expect((await call("POST", `/api/v1/projects/${p.projectId}/detection/run`, { body: {} })).status).toBe(401);
    expect((await run("not-a-uuid", p.token)).status).toBe(400);
  });

  it("is in the OpenAPI document with its error codes", () => {
    const doc = buildOpenApiDocument(restRoutes) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const op = doc.paths["/api/v1/projects/{projectId}/detection/run"]?.post;
    expect(op).toBeDefined();
    expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "404"]));
  });
});
