import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "@llmguard/domain/testing";
import { restClient, serveRest } from "../testing/serve";
import { addMemberOverRest, projectOverRest, signUpOverRest } from "../testing/rest-fixtures";
import { buildOpenApiDocument } from "./openapi";
import { restRoutes } from "./routes";

/** The Datadog webhook over real HTTP: the route table's dispatcher, as the server runs it. */
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

type Project = Awaited<ReturnType<typeof projectOverRest>> & { secret: string };

async function configured(): Promise<Project> {
  const p = await projectOverRest(call);
  const res = await call("POST", `/api/v1/projects/${p.projectId}/integrations/datadog`, { token: p.token, body: {} });
  expect(res.status).toBe(201);
  return { ...p, secret: res.body.secret as string };
}

/** A payload of the documented template, as Datadog fills it in. */
function alert(transition: string, o: { id?: string; cycle?: string; priority?: string; type?: string; title?: string } = {}) {
  return {
    id: o.id ?? randomUUID(),
    alert_id: "18692904",
    alert_cycle_key: o.cycle ?? "cycle-1",
    aggreg_key: "9bd4ac313a4d1e8fae2482df7b77628",
    title: `[${transition}] ${o.title ?? "LLM latency p95 above 5s"}`,
    body: "%%%\nLatency is high @webhook-llmguard\n%%%",
    alert_transition: transition,
    alert_priority: o.priority ?? "",
    alert_type: o.type ?? "error",
    date: String(Date.now()),
    link: "https://app.datadoghq.com/monitors/18692904",
    tags: "env:prod,service:chat",
    alert_metric: "llm.latency.p95",
    alert_status: "llm.latency.p95 was > 5000 on average during the last 5m",
    alert_scope: "",
  };
}

/** `offset`: seconds added to the signing time (negative: in the past). */
type Auth = { basic?: [string, string]; secret?: string; sign?: { secret: string; offset?: number } } | null;

/** POST /webhooks/datadog as Datadog (or a relay) sends it. */
async function deliver(projectId: string, auth: Auth, payload: unknown, opts: { rawBody?: string; contentType?: string } = {}) {
  const body = opts.rawBody ?? JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": opts.contentType ?? "application/json" };
  if (auth?.basic) headers.authorization = `Basic ${Buffer.from(`${auth.basic[0]}:${auth.basic[1]}`).toString("base64")}`;
  if (auth?.secret !== undefined) headers["x-llmguard-webhook-secret"] = auth.secret;
  if (auth?.sign) {
    const t = Math.floor(Date.now() / 1000) + (auth.sign.offset ?? 0);
    headers["x-llmguard-signature"] = `t=${t},v1=${createHmac("sha256", auth.sign.secret).update(`${t}.${body}`).digest("hex")}`;
  }
  const res = await fetch(`${server.url}/webhooks/datadog?projectId=${projectId}`, { method: "POST", headers, body });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

async function incidents(p: Project) {
  const res = await call("GET", `/api/v1/projects/${p.projectId}/incidents`, { token: p.token });
  expect(res.status).toBe(200);
  return res.body.items as { id: string; status: string; severity: string; occurrences: number; trigger: string; scope: unknown; lastSeenAt: string; resolvedAt: string | null; title: string }[];
}

async function status(p: Project) {
  const res = await call("GET", `/api/v1/projects/${p.projectId}/integrations/datadog`, { token: p.token });
  expect(res.status).toBe(200);
  return res.body;
}

const deliveries = (projectId: string) => app.db.integrationDelivery.count({ where: { projectId } });

describe("configuring the Datadog webhook", () => {
  it("shows the secret once, seals it, and never shows it again", async () => {
    const p = await projectOverRest(call);
    const before = await call("GET", `/api/v1/projects/${p.projectId}/integrations/datadog`, { token: p.token });
    expect(before.body).toMatchObject({ kind: "datadog", configured: false, createdAt: null, lastReceivedAt: null });

    const created = await call("POST", `/api/v1/projects/${p.projectId}/integrations/datadog`, { token: p.token, body: {} });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      configured: true,
      url: `http://localhost:3000/webhooks/datadog?projectId=${p.projectId}`,
      basicAuthUsername: p.projectId,
      headerName: "X-LLMGuard-Webhook-Secret",
      createdAt: expect.any(String),
      rotatedAt: null,
    });
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^lgdd_[A-Za-z0-9_-]{43}$/);

    const after = await call("GET", `/api/v1/projects/${p.projectId}/integrations/datadog`, { token: p.token });
    expect(after.body).toMatchObject({ configured: true, createdAt: created.body.createdAt, lastReceivedAt: null });
    expect(after.body).not.toHaveProperty("secret");
    expect(JSON.stringify(after.body)).not.toContain(secret);

    // Not one of the project's Secrets, not in the audit chain, and stored sealed.
    const secrets = await call("GET", `/api/v1/projects/${p.projectId}/secrets`, { token: p.token });
    expect(secrets.status).toBe(200);
    expect(JSON.stringify(secrets.body)).not.toContain(secret);
    expect(JSON.stringify(secrets.body)).not.toMatch(/datadog/i);
    const audit = await call("GET", `/api/v1/projects/${p.projectId}/audit?limit=50`, { token: p.token });
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain("integration.configured");
    expect(JSON.stringify(audit.body)).not.toContain(secret);
    const row = await app.db.projectIntegration.findUniqueOrThrow({ where: { projectId_kind: { projectId: p.projectId, kind: "datadog" } } });
    expect(Buffer.from(row.secretCiphertext).includes(Buffer.from(secret))).toBe(false);
  });

  it("lets every member read the status, and only admins and owners configure", async () => {
    const p = await configured();
    const viewer = await signUpOverRest(call, "Vic");
    const dev = await signUpOverRest(call, "Dee");
    const admin = await signUpOverRest(call, "Ann");
    await addMemberOverRest(call, p.token, p.projectId, viewer.email, "viewer");
    await addMemberOverRest(call, p.token, p.projectId, dev.email, "developer");
    await addMemberOverRest(call, p.token, p.projectId, admin.email, "admin");
    const path = `/api/v1/projects/${p.projectId}/integrations/datadog`;
    const seen = await call("GET", path, { token: viewer.token });
    expect(seen.status).toBe(200);
    expect(seen.body.configured).toBe(true);
    expect(JSON.stringify(seen.body)).not.toContain(p.secret);
    for (const who of [viewer, dev]) {
      const denied = await call("POST", path, { token: who.token, body: {} });
      expect(denied.status).toBe(403);
      expect(denied.body.error.code).toBe("FORBIDDEN");
    }
    expect((await call("POST", path, { token: admin.token, body: {} })).status).toBe(201);
    const stranger = await signUpOverRest(call, "Eve");
    expect((await call("GET", path, { token: stranger.token })).status).toBe(404);
    expect((await call("GET", path)).status).toBe(401);
  });
});

describe("POST /webhooks/datadog: authentication", () => {
  it("accepts HTTP Basic, the secret header and a fresh signature", async () => {
    const p = await configured();
    const basic = await deliver(p.projectId, { basic: [p.projectId, p.secret] }, alert("Triggered", { cycle: "basic" }));
    expect(basic.status).toBe(200);
    expect(basic.body).toMatchObject({ received: true, action: "opened", incidentId: expect.any(String) });
    const header = await deliver(p.projectId, { secret: p.secret }, alert("Triggered", { cycle: "header" }));
    expect(header.body).toMatchObject({ action: "opened" });
    const signed = await deliver(p.projectId, { sign: { secret: p.secret } }, alert("Triggered", { cycle: "signed" }));
    expect(signed.body).toMatchObject({ action: "opened" });
    expect(await incidents(p)).toHaveLength(3);
    expect((await status(p)).lastReceivedAt).toEqual(expect.any(String));
  });

  it("answers 401 in the error envelope and stores nothing otherwise", async () => {
    const p = await configured();
    const other = await configured();
    const attempts: [string, string, Auth][] = [
      ["no credentials", p.projectId, null],
      ["a wrong secret header", p.projectId, { secret: `${p.secret}x` }],
      ["Basic with a wrong password", p.projectId, { basic: [p.projectId, "nope"] }],
      ["Basic with another user name", p.projectId, { basic: [other.projectId, p.secret] }],
      ["a signature with a wrong secret", p.projectId, { sign: { secret: "lgdd_wrong" } }],
      ["a stale signature", p.projectId, { sign: { secret: p.secret, offset: -301 } }],
      ["a signature from the future", p.projectId, { sign: { secret: p.secret, offset: 302 } }],
      ["another project's id with this project's secret", other.projectId, { secret: p.secret }],
      ["another project's id with Basic of this project's secret", other.projectId, { basic: [other.projectId, p.secret] }],
      ["a project without the integration", (await projectOverRest(call)).projectId, { secret: p.secret }],
      ["no project id", "", { secret: p.secret }],
      ["a project id that is not a UUID", "nope", { secret: p.secret }],
    ];
    for (const [name, projectId, auth] of attempts) {
      const res = await deliver(projectId, auth, alert("Triggered"));
      expect(res.status, name).toBe(401);
      expect(res.body.error, name).toMatchObject({ code: "UNAUTHENTICATED", message: expect.any(String), timestamp: expect.any(String) });
      expect(res.body.error, name).toHaveProperty("details");
    }
    const malformed = await fetch(`${server.url}/webhooks/datadog?projectId=${p.projectId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-llmguard-signature": "t=soon,v1=zz" },
      body: JSON.stringify(alert("Triggered")),
    });
    expect(malformed.status).toBe(401);

    for (const q of [p, other]) {
      expect(await incidents(q)).toHaveLength(0);
      expect(await deliveries(q.projectId)).toBe(0);
      expect((await status(q)).lastReceivedAt).toBeNull();
    }
  });

  it("stops accepting the old secret as soon as it is rotated", async () => {
    const p = await configured();
    expect((await deliver(p.projectId, { secret: p.secret }, alert("Triggered", { cycle: "a" }))).status).toBe(200);
    const rotated = await call("POST", `/api/v1/projects/${p.projectId}/integrations/datadog`, { token: p.token, body: {} });
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).not.toBe(p.secret);
    expect(rotated.body.rotatedAt).toEqual(expect.any(String));
    expect((await deliver(p.projectId, { secret: p.secret }, alert("Triggered", { cycle: "b" }))).status).toBe(401);
    expect((await deliver(p.projectId, { basic: [p.projectId, p.secret] }, alert("Triggered", { cycle: "b" }))).status).toBe(401);
    expect((await deliver(p.projectId, { sign: { secret: p.secret } }, alert("Triggered", { cycle: "b" }))).status).toBe(401);
    expect((await deliver(p.projectId, { secret: rotated.body.secret }, alert("Triggered", { cycle: "b" }))).status).toBe(200);
    expect(await incidents(p)).toHaveLength(2);
    expect((await status(p)).rotatedAt).toBe(rotated.body.rotatedAt);
  });
});

describe("POST /webhooks/datadog: alerts and incidents", () => {
  it("opens on Triggered, updates on Re-Triggered, ignores a redelivery and mitigates on Recovered", async () => {
    const p = await configured();
    const auth = { secret: p.secret };
    const opened = await deliver(p.projectId, auth, alert("Triggered", { cycle: "7294361538462950000", priority: "P1" }));
    expect(opened.body.action).toBe("opened");
    let [item] = await incidents(p);
    expect(item).toMatchObject({
      id: opened.body.incidentId,
      trigger: "datadog",
      status: "open",
      severity: "critical",
      occurrences: 1,
      scope: { kind: "alert", value: "7294361538462950000" },
      title: "Datadog: LLM latency p95 above 5s",
    });
    const detail = await call("GET", `/api/v1/incidents/${item!.id}`, { token: p.token });
    expect(detail.body.description).toBe("Latency is high @webhook-llmguard");
    expect(detail.body.evidence).toMatchObject({ source: "datadog", transition: "Triggered", alertId: "18692904", priority: "P1", tags: ["env:prod", "service:chat"] });

    const again = alert("Re-Triggered", { cycle: "7294361538462950000", priority: "P1" });
    expect((await deliver(p.projectId, auth, again)).body).toMatchObject({ action: "updated", incidentId: item!.id });
    [item] = await incidents(p);
    expect(item).toMatchObject({ status: "open", occurrences: 2 });
    const timeline = (await call("GET", `/api/v1/incidents/${item!.id}`, { token: p.token })).body.timeline;

    // Datadog retries a delivery it thinks failed: the same $ID changes nothing.
    const redelivered = await deliver(p.projectId, auth, again);
    expect(redelivered.status).toBe(200);
    expect(redelivered.body).toMatchObject({ action: "duplicate", incidentId: item!.id });
    const [unchanged] = await incidents(p);
    expect(unchanged).toEqual(item);
    expect((await call("GET", `/api/v1/incidents/${item!.id}`, { token: p.token })).body.timeline).toEqual(timeline);

    const recovered = await deliver(p.projectId, auth, alert("Recovered", { cycle: "7294361538462950000", type: "success" }));
    expect(recovered.body).toMatchObject({ action: "mitigated", incidentId: item!.id });
    const [mitigated] = await incidents(p);
    expect(mitigated).toMatchObject({ id: item!.id, status: "mitigated", resolvedAt: null, occurrences: 2 });
    const events = (await call("GET", `/api/v1/incidents/${item!.id}`, { token: p.token })).body.timeline.map((e: { kind: string }) => e.kind);
    expect(events).toEqual(["opened", "occurrence", "mitigated"]);

    // The same alert firing again after a recovery reopens its mitigated incident rather than opening another.
    const refired = await deliver(p.projectId, auth, alert("Triggered", { cycle: "7294361538462950000", priority: "P1" }));
    expect(refired.body).toMatchObject({ action: "reopened", incidentId: item!.id });
    const all = await incidents(p);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: "open", occurrences: 3 });
  });

  it("resolves on Recovered when integrations.datadog.onRecovered is resolve", async () => {
    const p = await configured();
    const bad = await call("PUT", `/api/v1/projects/${p.projectId}/config/base`, { token: p.token, body: { values: { "integrations.datadog.onRecovered": "close" } } });
    expect(bad.status).toBe(400);
    const set = await call("PUT", `/api/v1/projects/${p.projectId}/config/base`, { token: p.token, body: { values: { "integrations.datadog.onRecovered": "resolve" } } });
    expect(set.status).toBe(200);
    await deliver(p.projectId, { secret: p.secret }, alert("Triggered", { cycle: "c1" }));
    const recovered = await deliver(p.projectId, { secret: p.secret }, alert("Recovered", { cycle: "c1" }));
    expect(recovered.body.action).toBe("resolved");
    const [item] = await incidents(p);
    expect(item).toMatchObject({ status: "resolved", resolvedAt: expect.any(String) });
    // The next cycle of the same monitor is a new incident.
    expect((await deliver(p.projectId, { secret: p.secret }, alert("Triggered", { cycle: "c2" }))).body.action).toBe("opened");
    expect(await incidents(p)).toHaveLength(2);
  });

  it("maps priority and alert type to severity, and ignores No Data and a recovery of an unknown alert", async () => {
    const p = await configured();
    const auth = { secret: p.secret };
    await deliver(p.projectId, auth, alert("Triggered", { cycle: "p3", priority: "P3", type: "error" }));
    await deliver(p.projectId, auth, alert("Warn", { cycle: "warn", type: "warning" }));
    await deliver(p.projectId, auth, alert("Triggered", { cycle: "info", type: "info" }));
    const bySeverity = Object.fromEntries((await incidents(p)).map((i) => [(i.scope as { value: string }).value, i.severity]));
    expect(bySeverity).toEqual({ p3: "medium", warn: "medium", info: "low" });
    expect((await deliver(p.projectId, auth, alert("No Data", { cycle: "nodata" }))).body).toMatchObject({ action: "ignored", incidentId: null });
    expect((await deliver(p.projectId, auth, alert("Recovered", { cycle: "never-seen" }))).body).toMatchObject({ action: "ignored", incidentId: null });
    expect(await incidents(p)).toHaveLength(3);
  });

  it("reads Datadog's default payload and a form-encoded body", async () => {
    const p = await configured();
    const defaultPayload = {
      body: "%%%\n@webhook-llmguard\n\n[[Monitor Status](https://app.datadoghq.com/monitors#555?)]\n%%%",
      last_updated: String(Date.now()),
      event_type: "query_alert_monitor",
      title: "[P2] [Triggered on {host:web-1}] Error rate high",
      date: String(Date.now()),
      org: { id: "1", name: "Acme" },
      id: "5485379890863845239",
    };
    expect((await deliver(p.projectId, { basic: [p.projectId, p.secret] }, defaultPayload)).body.action).toBe("opened");
    const form = new URLSearchParams({ id: "42", alert_id: "777", alert_transition: "Triggered", title: "Queue depth", alert_type: "warning" }).toString();
    expect((await deliver(p.projectId, { secret: p.secret }, null, { rawBody: form, contentType: "application/x-www-form-urlencoded" })).body.action).toBe("opened");
    const items = await incidents(p);
    expect(items.map((i) => [i.title, i.severity, i.scope])).toEqual(
      expect.arrayContaining([
        ["Datadog: Error rate high", "high", { kind: "alert", value: "555 {host:web-1}" }],
        ["Datadog: Queue depth", "medium", { kind: "alert", value: "777" }],
      ]),
    );
  });

  it("answers 400 for a payload it cannot read and 413 above 64 KB, storing nothing", async () => {
    const p = await configured();
    const auth = { secret: p.secret };
    const notJson = await deliver(p.projectId, auth, null, { rawBody: "{nope" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("VALIDATION_FAILED");
    const noTransition = await deliver(p.projectId, auth, { id: "1", alert_id: "2", title: "CPU" });
    expect(noTransition.status).toBe(400);
    expect(noTransition.body.error.details.issues[0].path).toBe("alert_transition");
    expect((await deliver(p.projectId, auth, [1, 2])).status).toBe(400);
    const huge = await deliver(p.projectId, auth, { ...alert("Triggered"), body: "x".repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    // Unauthenticated and oversized: still 413 (the size is checked before anything else).
    expect((await deliver(p.projectId, null, { ...alert("Triggered"), body: "x".repeat(70 * 1024) })).status).toBe(413);
    expect(await incidents(p)).toHaveLength(0);
    expect(await deliveries(p.projectId)).toBe(0);
  });

  it("answers 405 in the envelope for other methods", async () => {
    const res = await fetch(`${server.url}/webhooks/datadog`);
    expect(res.status).toBe(405);
    expect((await res.json()).error.code).toBe("METHOD_NOT_ALLOWED");
  });

  it("is in the OpenAPI document", () => {
    const doc = buildOpenApiDocument(restRoutes) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths["/webhooks/datadog"]!.post!.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "413"]));
    expect(Object.keys(doc.paths["/api/v1/projects/{projectId}/integrations/datadog"]!)).toEqual(expect.arrayContaining(["get", "post"]));
  });
});
