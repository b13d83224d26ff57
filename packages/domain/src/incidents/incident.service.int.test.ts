import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app";
import { authenticateApiKey, type ApiKeyPrincipal } from "../api-keys/api-key.service";
import { addMember } from "../projects/member.service";
import { createProject } from "../projects/project.service";
import { ingestBatch } from "../requests/ingest.service";
import { setConfig } from "../config/config.service";
import type { EventSink } from "../shared/events";
import { registerUser } from "../auth/auth.service";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "../testing";
import { evaluateIngestRules } from "./detection/ingest-rules";
import { changeIncidentStatus, createManualIncident, getIncident, listIncidents, recordDetection } from "./incident.service";

/**
 * Incidents on a real PostgreSQL database. Committed rows reach the rules the way the job engine hands
 * them over: the App's event sink runs `evaluateIngestRules` for each `requests/requests.ingested` event.
 */
function rulesSink(getApp: () => App): EventSink & { idle(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  return {
    emit(event) {
      if (event.name !== "requests/requests.ingested") return;
      const p = evaluateIngestRules({ app: getApp(), ...event.data }).finally(() => running.delete(p));
      running.add(p);
    },
    async idle() {
      // the group commit hands rows over in 250 ms windows
      await new Promise((r) => setTimeout(r, 400));
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}

let app: Awaited<ReturnType<typeof createTestApp>>;
let sink: ReturnType<typeof rulesSink>;
beforeAll(async () => {
  sink = rulesSink(() => app);
  app = await createTestApp({}, { events: sink });
});
afterAll(async () => app?.close());

async function project(settings: Record<string, unknown> = {}) {
  const owner = await registerUser({ app, input: { email: uniqueEmail("owner"), password: TEST_PASSWORD } });
  const created = await createProject({ app, userId: owner.id, input: { name: "incidents" } });
  const projectId = created.project.id;
  if (Object.keys(settings).length > 0) await setConfig({ app, userId: owner.id, input: { projectId, environment: "base", values: settings, message: "detection settings" } as never });
  const principal: ApiKeyPrincipal = await authenticateApiKey({ app, key: created.apiKey.key });
  return { ownerId: owner.id, projectId, principal };
}

const record = (over: Record<string, unknown> = {}) => ({ prompt: "What is the capital of France?", response: "Paris.", model: "gpt-4o", latencyMs: 300, status: "success", promptTokens: 10, completionTokens: 2, ...over });

async function ingest(principal: ApiKeyPrincipal, records: Record<string, unknown>[]) {
  const res = await ingestBatch({ app, principal, records });
  expect(res.results.every((r) => r.ok)).toBe(true);
  await sink.idle();
}

describe("detection on ingest", () => {
  it("opens one latency incident per model for requests above detection.latencyMs, and counts later hits on it", async () => {
    const p = await project();
    await ingest(p.principal, [record({ latencyMs: 6200 }), record({ latencyMs: 300 }), record({ model: "o3-mini", latencyMs: 5001 })]);
    const page = await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25 } });
    expect(page.items.map((i) => [i.trigger, i.scope.value, i.occurrences]).sort()).toEqual([
      ["latency", "gpt-4o", 1],
      ["latency", "o3-mini", 1],
    ]);
    await ingest(p.principal, [record({ latencyMs: 9000 })]);
    const again = await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25 } });
    expect(again.items).toHaveLength(2);
    expect(again.items.find((i) => i.scope.value === "gpt-4o")!.occurrences).toBe(2);
  });

  it("respects a project's own threshold and a switched-off rule", async () => {
    const p = await project({ "detection.latencyMs": 10_000, "detection.disabledRules": ["high_risk"] });
    await ingest(p.principal, [record({ latencyMs: 9_000 })]);
    expect((await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25 } })).items).toHaveLength(0);
    await ingest(p.principal, [record({ latencyMs: 10_001 })]);
    expect((await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25 } })).items).toHaveLength(1);
  });

  it("opens a high-risk incident for a streak of one end user, also when the streak arrives in separate batches", async () => {
    // error status adds risk points; a low score threshold keeps the test about the streak, not the scorer
    const p = await project({ "detection.highRiskScore": 10, "detection.highRiskStreak": 3, "detection.disabledRules": ["latency", "error_rate"] });
    const risky = (endUserId: string) => record({ status: "error", response: "", endUserId });
    await ingest(p.principal, [risky("mallory")]);
    await ingest(p.principal, [record({ endUserId: "alice" })]); // breaks the project's streak, not mallory's
    await ingest(p.principal, [risky("mallory")]);
    expect((await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25 } })).items).toHaveLength(0);
    await ingest(p.principal, [risky("mallory")]);
    const items = (await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25 } })).items;
    expect(items.map((i) => [i.trigger, i.scope.kind, i.scope.value])).toEqual([["high_risk", "endUser", "mallory"]]);
    const detail = await getIncident({ app, userId: p.ownerId, incidentId: items[0]!.id });
    expect(detail.relatedRequests.length).toBeGreaterThanOrEqual(3);
    expect(detail.relatedRequests.every((r) => r.endUserId === "mallory")).toBe(true);
    expect(detail.timeline[0]).toMatchObject({ kind: "opened", actor: null });
  });

  it("checks every scope of a batch in one read: the project's, each end user's and each endpoint's streak, evidence newest first", async () => {
    const p = await project({ "detection.highRiskScore": 10, "detection.highRiskStreak": 3, "detection.disabledRules": ["latency", "error_rate"] });
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString();
    const risky = (over: Record<string, unknown>) => record({ status: "error", response: "", ...over });
    // Three risky rows in one batch: the project's streak and /support's; no end user has three.
    await ingest(p.principal, [
      risky({ id: "00000000-0000-4000-8000-000000000003", timestamp: at(3), endpoint: "/support", endUserId: "u1" }),
      risky({ id: "00000000-0000-4000-8000-000000000001", timestamp: at(1), endpoint: "/support", endUserId: "u2" }),
      risky({ id: "00000000-0000-4000-8000-000000000002", timestamp: at(2), endpoint: "/support", endUserId: "u3" }),
      record({ id: "00000000-0000-4000-8000-000000000000", timestamp: at(0), endpoint: "/chat", endUserId: "u1" }),
    ]);
    const items = (await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25 } })).items;
    expect(items.map((i) => [i.scope.kind, i.scope.value]).sort()).toEqual([
      ["endpoint", "/support"],
      ["project", null],
    ]);
    for (const item of items) {
      const detail = await getIncident({ app, userId: p.ownerId, incidentId: item.id });
      expect(detail.evidence).toMatchObject({ streak: 3, requestIds: ["00000000-0000-4000-8000-000000000003", "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000001"] });
    }
  });

  it("opens an error-rate incident above detection.errorRatePct once detection.minRequests were seen", async () => {
    const p = await project({ "detection.disabledRules": ["high_risk", "latency"] });
    // 10 requests, 5 errors: 50%, but under the 20-request minimum
    await ingest(p.principal, [...Array.from({ length: 5 }, () => record()), ...Array.from({ length: 5 }, () => record({ status: "error", response: "" }))]);
    expect((await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25 } })).items).toHaveLength(0);
    // the rule re-reads the rollups at most every 5 s per project on one instance
    await new Promise((r) => setTimeout(r, 5_100));
    await ingest(p.principal, [...Array.from({ length: 14 }, () => record()), record({ status: "timeout", response: "" })]);
    const items = (await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25 } })).items;
    expect(items.map((i) => i.trigger)).toEqual(["error_rate"]);
    // 6 failures of 25 requests: 24%
    expect(items[0]!.title).toContain("24.0%");
    expect(items[0]!.severity).toBe("medium");
  });
});

describe("one incident per problem", () => {
  it("opens a single incident for many simultaneous hits, counting each, and a new one after it is resolved", async () => {
    const p = await project();
    const hit = { projectId: p.projectId, trigger: "latency" as const, scope: { kind: "model" as const, value: "gpt-4o" }, severity: "medium" as const, title: "slow", evidence: {} };
    const results = await Promise.all(Array.from({ length: 12 }, () => recordDetection({ app, hit })));
    expect(results.filter((r) => r.opened)).toHaveLength(1);
    expect(new Set(results.map((r) => r.incident.id)).size).toBe(1);
    const id = results[0]!.incident.id;
    const detail = await getIncident({ app, userId: p.ownerId, incidentId: id });
    expect(detail.occurrences).toBe(12);
    // opened once; the occurrences that reach a power of two go on the timeline, the others only count
    expect(detail.timeline.filter((e) => e.kind === "opened")).toHaveLength(1);
    expect(detail.timeline.filter((e) => e.kind === "occurrence").map((e) => e.message).sort()).toEqual(["Seen 2 times", "Seen 4 times", "Seen 8 times"]);
    // the 13th occurrence needs no timeline entry: counted in one statement, without a transaction
    const $transaction = app.db.$transaction;
    let transactions = 0;
    app.db.$transaction = ((...args: Parameters<typeof $transaction>) => {
      transactions++;
      return ($transaction as (...a: unknown[]) => unknown).apply(app.db, args);
    }) as typeof $transaction;
    let later: Awaited<ReturnType<typeof recordDetection>>;
    try {
      later = await recordDetection({ app, hit: { ...hit, at: new Date(Date.now() + 60_000) } });
      expect(transactions).toBe(0);
      await recordDetection({ app, hit }); // 14th
      await recordDetection({ app, hit }); // 15th
      expect(transactions).toBe(0);
      await recordDetection({ app, hit }); // 16th: "Seen 16 times" goes on the timeline, in a transaction
      expect(transactions).toBe(1);
    } finally {
      app.db.$transaction = $transaction;
    }
    expect(later).toMatchObject({ opened: false, incident: { id, occurrences: 13, severity: "medium", status: "open", scope: hit.scope } });
    expect(later.incident.lastSeenAt.getTime()).toBeGreaterThan(detail.lastSeenAt.getTime());
    // escalation keeps the highest severity (the 17th: counted in one statement, too)
    await recordDetection({ app, hit: { ...hit, severity: "high" } });
    expect((await getIncident({ app, userId: p.ownerId, incidentId: id })).severity).toBe("high");
    await changeIncidentStatus({ app, userId: p.ownerId, incidentId: id, action: "resolve", note: "fixed the provider" });
    const next = await recordDetection({ app, hit });
    expect(next.opened).toBe(true);
    expect(next.incident.id).not.toBe(id);
    // the resolved one cannot be reopened while another tracks the same problem
    await expect(changeIncidentStatus({ app, userId: p.ownerId, incidentId: id, action: "reopen" })).rejects.toMatchObject({ code: "CONFLICT", details: { incidentId: next.incident.id } });
  });

  it("counts a problem seen by two instances on one database once", async () => {
    const p = await project();
    const other = await createTestApp({}, { database: app.database });
    try {
      const hit = { projectId: p.projectId, trigger: "high_risk" as const, scope: { kind: "project" as const, value: null }, severity: "high" as const, title: "streak", evidence: {} };
      const results = await Promise.all([...Array.from({ length: 5 }, () => recordDetection({ app, hit })), ...Array.from({ length: 5 }, () => recordDetection({ app: other, hit }))]);
      expect(results.filter((r) => r.opened)).toHaveLength(1);
      const items = (await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25 } })).items;
      expect(items).toHaveLength(1);
      expect(items[0]!.occurrences).toBe(10);
    } finally {
      await other.close();
    }
  });
});

describe("status, roles and tenancy", () => {
  it("lets developers acknowledge and resolve, viewers only read, and hides another project's incident", async () => {
    const p = await project();
    const viewer = await registerUser({ app, input: { email: uniqueEmail("viewer"), password: TEST_PASSWORD } });
    const dev = await registerUser({ app, input: { email: uniqueEmail("dev"), password: TEST_PASSWORD } });
    const stranger = await registerUser({ app, input: { email: uniqueEmail("stranger"), password: TEST_PASSWORD } });
    const viewerEmail = (await app.db.user.findUniqueOrThrow({ where: { id: viewer.id } })).email;
    const devEmail = (await app.db.user.findUniqueOrThrow({ where: { id: dev.id } })).email;
    await addMember({ app, userId: p.ownerId, input: { projectId: p.projectId, email: viewerEmail, role: "viewer" } });
    await addMember({ app, userId: p.ownerId, input: { projectId: p.projectId, email: devEmail, role: "developer" } });

    await expect(createManualIncident({ app, userId: viewer.id, input: { projectId: p.projectId, title: "x", severity: "low", description: "" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const incident = await createManualIncident({ app, userId: dev.id, input: { projectId: p.projectId, title: "Support bot answers in French", severity: "medium", description: "Reported by support" } });
    expect(incident).toMatchObject({ trigger: "manual", status: "open", severity: "medium" });

    expect((await getIncident({ app, userId: viewer.id, incidentId: incident.id })).title).toBe("Support bot answers in French");
    await expect(changeIncidentStatus({ app, userId: viewer.id, incidentId: incident.id, action: "acknowledge" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getIncident({ app, userId: stranger.id, incidentId: incident.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect((await changeIncidentStatus({ app, userId: dev.id, incidentId: incident.id, action: "acknowledge" })).status).toBe("acknowledged");
    await expect(changeIncidentStatus({ app, userId: dev.id, incidentId: incident.id, action: "acknowledge" })).rejects.toMatchObject({ code: "CONFLICT" });
    const resolved = await changeIncidentStatus({ app, userId: dev.id, incidentId: incident.id, action: "resolve", note: "prompt fixed" });
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    const reopened = await changeIncidentStatus({ app, userId: dev.id, incidentId: incident.id, action: "reopen" });
    expect(reopened).toMatchObject({ status: "open", resolvedAt: null });

    const detail = await getIncident({ app, userId: p.ownerId, incidentId: incident.id });
    expect(detail.timeline.map((e) => e.kind)).toEqual(["opened", "acknowledged", "resolved", "open"]);
    expect(detail.timeline[2]).toMatchObject({ message: "Resolved: prompt fixed", actor: { id: dev.id, email: devEmail } });
    const audit = await app.db.auditEntry.findMany({ where: { projectId: p.projectId, targetId: incident.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["incident.create", "incident.acknowledge", "incident.resolve", "incident.reopen"]);
  });

  it("lists newest first with filters and a cursor that pages through everything once", async () => {
    const p = await project();
    for (let i = 0; i < 5; i++) await createManualIncident({ app, userId: p.ownerId, input: { projectId: p.projectId, title: `manual ${i}`, severity: i % 2 === 0 ? "high" : "low", description: "" } });
    const first = await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 2 } });
    expect(first.items.map((i) => i.title)).toEqual(["manual 4", "manual 3"]);
    const second = await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 2, cursor: first.nextCursor! } });
    const third = await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 2, cursor: second.nextCursor! } });
    expect([...second.items, ...third.items].map((i) => i.title)).toEqual(["manual 2", "manual 1", "manual 0"]);
    expect(third.nextCursor).toBeNull();
    const high = await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25, severity: "high" } });
    expect(high.items.map((i) => i.title)).toEqual(["manual 4", "manual 2", "manual 0"]);
    await expect(listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 2, cursor: "garbage" } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
