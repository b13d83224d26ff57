import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "@llmguard/domain/testing";
import { projectOverRest } from "../testing/rest-fixtures";
import { restClient, serveRest } from "../testing/serve";

// Issue 12: detected secrets (and, when the project asks, personal data) are replaced by typed placeholders
// before a record is stored, so the logs, the search index and the dashboard never hold them.

let app: Awaited<ReturnType<typeof createTestApp>>;
let server: { url: string; close: () => Promise<void> };
let call: ReturnType<typeof restClient>;

beforeAll(async () => {
  app = await createTestApp({ RATE_LIMIT_API_KEY_PER_MINUTE: "100000" });
  server = await serveRest(app);
  call = restClient(server.url);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
});

async function newProject() {
  const p = await projectOverRest(call, { name: "redaction" });
  return { token: p.token, projectId: p.projectId, key: p.ingestKey };
}

const AWS_KEY = "AKIAQ3EGRTM7XZ4YXYZW";
const STRIPE_KEY = `sk_live_${"4eC39HqLyjWDarjtT1zdp7dc"}`;
const EMAIL = "maria.gonzalez@gmail.com";
const record = {
  prompt: `Why does boto3 reject my key ${AWS_KEY}? Reply to ${EMAIL}.`,
  response: `Rotate it now. Also never paste ${STRIPE_KEY} into a chat.`,
  model: "gpt-4o-mini",
  latencyMs: 300,
  status: "success",
};

async function storedText(p: { token: string; projectId: string }, id: string) {
  const detail = await call("GET", `/api/v1/requests/${id}?projectId=${p.projectId}`, { token: p.token });
  expect(detail.status).toBe(200);
  return detail.body as { prompt: string; response: string; riskFactors: { type: string; spans?: { field: "prompt" | "response"; start: number; end: number }[] }[] };
}

async function searchHits(p: { token: string; projectId: string }, q: string) {
  const res = await call("GET", `/api/v1/requests?projectId=${p.projectId}&search=${encodeURIComponent(q)}`, { token: p.token });
  expect(res.status).toBe(200);
  return (res.body.items as unknown[]).length;
}

describe("redaction at ingest", () => {
  it("stores secrets as placeholders by default, scored on the original text, and keeps them out of search", async () => {
    const p = await newProject();
    const res = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record });
    expect(res.status).toBe(201);
    // Scored before redaction: the secret still counts and flags the record.
    expect(res.body.flagged).toBe(true);
    expect(res.body.riskFactors.map((f: { type: string }) => f.type)).toEqual(expect.arrayContaining(["secret", "pii"]));

    const stored = await storedText(p, res.body.id);
    expect(stored.prompt).toBe(`Why does boto3 reject my key [SECRET:aws_access_key]? Reply to ${EMAIL}.`);
    expect(stored.response).toBe("Rotate it now. Also never paste [SECRET:stripe_key] into a chat.");
    const row = await app.db.llmRequest.findFirstOrThrow({ where: { projectId: p.projectId } });
    expect(JSON.stringify(row)).not.toContain(AWS_KEY);
    expect(JSON.stringify(row)).not.toContain(STRIPE_KEY);
    // Spans point into the stored text: the secret's span covers its placeholder.
    const secret = stored.riskFactors.find((f) => f.type === "secret");
    const texts = (secret?.spans ?? []).map((s) => stored[s.field].slice(s.start, s.end));
    expect(texts).toEqual(["[SECRET:aws_access_key]", "[SECRET:stripe_key]"]);

    expect(await searchHits(p, AWS_KEY)).toBe(0);
    expect(await searchHits(p, "boto3")).toBe(1);
  });

  it("also replaces personal data in secrets+pii mode, and stores text as sent when off", async () => {
    const p = await newProject();
    const strict = await call("PATCH", `/api/v1/projects/${p.projectId}/settings`, { token: p.token, body: { redaction: "secrets+pii" } });
    expect(strict.status).toBe(200);
    expect(strict.body.redaction).toBe("secrets+pii");
    const a = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record });
    expect((await storedText(p, a.body.id)).prompt).toBe("Why does boto3 reject my key [SECRET:aws_access_key]? Reply to [PII:email].");

    const off = await call("PATCH", `/api/v1/projects/${p.projectId}/settings`, { token: p.token, body: { redaction: "off" } });
    expect(off.status).toBe(200);
    const b = await call("POST", "/api/v1/requests", { apiKey: p.key, body: record });
    expect((await storedText(p, b.body.id)).prompt).toBe(record.prompt);
  });

  it("refuses an unknown redaction mode with the validation error and changes nothing", async () => {
    const p = await newProject();
    const bad = await call("PATCH", `/api/v1/projects/${p.projectId}/settings`, { token: p.token, body: { redaction: "everything" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    const settings = await call("GET", `/api/v1/projects/${p.projectId}/settings`, { token: p.token });
    expect(settings.body.redaction).toBe("secrets");
  });
});
