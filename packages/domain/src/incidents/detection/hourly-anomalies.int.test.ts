import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerUser } from "../../auth/auth.service";
import { setConfig } from "../../config/config.service";
import { createProject } from "../../projects/project.service";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "../../testing";
import { getIncident, listIncidents } from "../incident.service";
import { detectHourlyAnomalies, runHourlyDetection } from "./hourly-anomalies";

/**
 * Hourly statistical detection on a real PostgreSQL database. The rollups are written directly: 168
 * hours of a steady baseline with small noise (alternating values), then the hour under test. Every
 * expected figure below is worked out by hand from those rows, never by the code under test.
 */
let app: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.close());

const HOUR_MS = 3_600_000;
/** "Now" of most tests: the last complete hour is 09:00–10:00 UTC. */
const NOW = new Date("2026-03-02T10:20:00.000Z");
const CHECKED = Date.parse("2026-03-02T09:00:00.000Z");

interface HourRow {
  requests: number;
  errors?: number;
  flagged?: number;
  costUsd?: number;
  /** The latency bucket every request of the hour falls in: 10 is (300, 400] ms, 14 is (1000, 1500] ms. */
  bucket?: number;
}

async function project(settings: Record<string, unknown> = {}) {
  const owner = await registerUser({ app, input: { email: uniqueEmail("owner"), password: TEST_PASSWORD } });
  const { project: p } = await createProject({ app, userId: owner.id, input: { name: "hourly" } });
  if (Object.keys(settings).length > 0) await setConfig({ app, userId: owner.id, input: { projectId: p.id, environment: "base", values: settings, message: "detection settings" } as never });
  return { ownerId: owner.id, projectId: p.id };
}

/** Rollups of one model: `baseline(k)` for the k-th hour before the checked hour (k = 1..168), then the checked hour (none when null). */
async function seed(projectId: string, model: string, baseline: (k: number) => HourRow, last: HourRow | null, checked = CHECKED) {
  const row = (hour: number, r: HourRow) => {
    const buckets = new Array<number>(27).fill(0);
    buckets[r.bucket ?? 10] = r.requests;
    return { projectId, model, hour: new Date(hour), requests: r.requests, errors: r.errors ?? 0, flagged: r.flagged ?? 0, costUsd: r.costUsd ?? 0, latencySumMs: BigInt(r.requests * 350), latencyBuckets: buckets };
  };
  const rows = [];
  for (let k = 1; k <= 168; k++) rows.push(row(checked - k * HOUR_MS, baseline(k)));
  if (last) rows.push(row(checked, last));
  await app.db.requestRollupHourly.createMany({ data: rows });
}

/** 98 and 102 requests in alternate hours (mean 100, standard deviation 2.006), 1 error each, $0.001 a request, p95 395 ms. */
const steady = (k: number): HourRow => {
  const requests = k % 2 === 0 ? 98 : 102;
  return { requests, errors: 1, costUsd: requests * 0.001 };
};

const incidentsOf = async (p: { ownerId: string; projectId: string }) => (await listIncidents({ app, userId: p.ownerId, input: { projectId: p.projectId, limit: 25 } })).items;

describe("hourly anomaly detection", () => {
  it("(a) finds nothing in an ordinary hour", async () => {
    const p = await project();
    await seed(p.projectId, "gpt-4o", steady, { requests: 100, errors: 1, costUsd: 0.1 });
    expect(await detectHourlyAnomalies({ app, projectId: p.projectId, now: NOW })).toEqual({ opened: 0, updated: 0, incidents: [] });
    expect(await incidentsOf(p)).toEqual([]);
  });

  it("(b) opens a critical project incident for a volume spike, with the z-score and the baseline in its evidence", async () => {
    const p = await project();
    // 400 requests against a mean of 100: the spread (2.006) is below Poisson noise, √100 = 10, so z = 300 / 10 = 30.
    // Error rate (1%), cost (+$0.30) and p95 do not move enough.
    await seed(p.projectId, "gpt-4o", steady, { requests: 400, errors: 4, costUsd: 0.4 });
    const res = await detectHourlyAnomalies({ app, projectId: p.projectId, now: NOW });
    expect(res).toMatchObject({ opened: 1, updated: 0 });
    expect(res.incidents).toHaveLength(1);
    expect(res.incidents[0]).toMatchObject({
      projectId: p.projectId,
      trigger: "anomaly",
      scope: { kind: "project", value: null },
      severity: "critical",
      status: "open",
      occurrences: 1,
      title: "Request volume up on the project: 400 requests vs 100 requests hourly (z = 30)",
      firstSeenAt: new Date("2026-03-02T10:00:00.000Z"),
    });
    const detail = await getIncident({ app, userId: p.ownerId, incidentId: res.incidents[0]!.id });
    const volume = {
      metric: "volume",
      direction: "up",
      zScore: 30,
      value: 400,
      baselineMean: 100,
      baselineStdDev: 2.01,
      stdDevUsed: 10,
      minAbsoluteChange: 50,
      hourRequests: 400,
      baselineHours: 168,
      baselineHoursWithTraffic: 168,
    };
    expect(detail.evidence).toEqual({ ...volume, hour: "2026-03-02T09:00:00.000Z", sigma: 3, anomalies: [volume] });
  });

  it("counts hours without traffic as zero volume: an hour with no requests is a drop", async () => {
    const p = await project();
    await seed(p.projectId, "gpt-4o", steady, null);
    const res = await detectHourlyAnomalies({ app, projectId: p.projectId, now: NOW });
    expect(res.incidents.map((i) => [i.title, i.severity])).toEqual([["Request volume down on the project: 0 requests vs 100 requests hourly (z = -10)", "critical"]]);
  });

  it("compares p95 latency with the p95 of each baseline hour", async () => {
    const p = await project();
    // Every baseline hour's p95 is 395 ms (all in (300, 400]); the hour's is 1,475 ms (all in (1000, 1500]).
    // A flat baseline has no spread: the 50 ms floor gives z = 1080 / 50 = 21.6.
    await seed(p.projectId, "gpt-4o", steady, { requests: 100, errors: 1, costUsd: 0.1, bucket: 14 });
    const [incident] = (await detectHourlyAnomalies({ app, projectId: p.projectId, now: NOW })).incidents;
    const detail = await getIncident({ app, userId: p.ownerId, incidentId: incident!.id });
    expect(detail.title).toBe("p95 latency up on the project: 1,475 ms vs 395 ms hourly (z = 21.6)");
    expect(detail.evidence).toMatchObject({ metric: "p95LatencyMs", direction: "up", zScore: 21.6, value: 1475, baselineMean: 395, baselineStdDev: 0, stdDevUsed: 50, hourRequests: 100, baselineHours: 168 });
  });

  it("(c) scopes an error-rate jump to the model with enough traffic when the project as a whole stays under the minimum change", async () => {
    const p = await project();
    // gpt-4o: 398/402 requests, 4 errors an hour. claude: 50 requests, 0 and 1 errors in alternate hours
    // (0% and 2%: mean 1%, standard deviation 1.003); its checked hour has 10 of 50 failing (20%):
    // z = 19 / 1.003 = 18.94. The project's error rate moves from 1.0% to 14/450 = 3.1%: +2.1 points, under 5.
    await seed(p.projectId, "gpt-4o", (k) => ({ requests: k % 2 === 0 ? 398 : 402, errors: 4, costUsd: 0.4 }), { requests: 400, errors: 4, costUsd: 0.4 });
    await seed(p.projectId, "claude-3-5-sonnet", (k) => ({ requests: 50, errors: k % 2 === 0 ? 0 : 1, costUsd: 0.05 }), { requests: 50, errors: 10, costUsd: 0.05 });
    const res = await detectHourlyAnomalies({ app, projectId: p.projectId, now: NOW });
    expect(res.incidents).toHaveLength(1);
    expect(res.incidents[0]).toMatchObject({
      trigger: "anomaly",
      scope: { kind: "model", value: "claude-3-5-sonnet" },
      severity: "critical",
      title: "Error rate up on model claude-3-5-sonnet: 20.0% vs 1.0% hourly (z = 18.9)",
    });
    const detail = await getIncident({ app, userId: p.ownerId, incidentId: res.incidents[0]!.id });
    expect(detail.evidence).toMatchObject({ metric: "errorRate", direction: "up", zScore: 18.94, value: 20, baselineMean: 1, baselineStdDev: 1, hourRequests: 50, baselineHours: 168, baselineHoursWithTraffic: 168, hour: "2026-03-02T09:00:00.000Z" });
  });

  it("(d) pages nobody for a quiet project whose tiny change is many standard deviations away but under the minimum change", async () => {
    const p = await project();
    // 3/5 requests an hour (mean 4, floor √4 = 2); 40 requests is z = 36 / 2 = 18, but +36 < 50 requests.
    // Cost: +$0.36 < $1.
    await seed(p.projectId, "gpt-4o", (k) => ({ requests: k % 2 === 0 ? 3 : 5, costUsd: (k % 2 === 0 ? 3 : 5) * 0.01 }), { requests: 40, costUsd: 0.4 });
    expect(await detectHourlyAnomalies({ app, projectId: p.projectId, now: NOW })).toEqual({ opened: 0, updated: 0, incidents: [] });
  });

  it("(e) does nothing when detection.disabledRules contains anomaly, and honours detection.anomalySigma", async () => {
    const off = await project({ "detection.disabledRules": ["anomaly"] });
    await seed(off.projectId, "gpt-4o", steady, { requests: 400, errors: 4, costUsd: 0.4 });
    expect(await detectHourlyAnomalies({ app, projectId: off.projectId, now: NOW })).toEqual({ opened: 0, updated: 0, incidents: [] });
    expect(await incidentsOf(off)).toEqual([]);

    // 250 requests: z = 150 / 10 = 15, an anomaly at the default 3 and below a threshold of 20.
    const lax = await project({ "detection.anomalySigma": 20 });
    await seed(lax.projectId, "gpt-4o", steady, { requests: 250, errors: 3, costUsd: 0.25 });
    expect((await detectHourlyAnomalies({ app, projectId: lax.projectId, now: NOW })).incidents).toEqual([]);
  });

  it("(f) counts a second run as one more occurrence of the same incident", async () => {
    const p = await project();
    await seed(p.projectId, "gpt-4o", steady, { requests: 400, errors: 4, costUsd: 0.4 });
    const first = await detectHourlyAnomalies({ app, projectId: p.projectId, now: NOW });
    const second = await detectHourlyAnomalies({ app, projectId: p.projectId, now: NOW });
    expect([first.opened, first.updated, second.opened, second.updated]).toEqual([1, 0, 0, 1]);
    expect(second.incidents[0]!.id).toBe(first.incidents[0]!.id);
    const items = await incidentsOf(p);
    expect(items.map((i) => [i.trigger, i.occurrences])).toEqual([["anomaly", 2]]);
  });

  it("needs a day of history: a project with 23 baseline hours of traffic is not checked", async () => {
    const p = await project();
    await seed(p.projectId, "gpt-4o", (k) => (k <= 23 ? steady(k) : { requests: 0 }), { requests: 400, errors: 4, costUsd: 0.4 });
    expect((await detectHourlyAnomalies({ app, projectId: p.projectId, now: NOW })).incidents).toEqual([]);
  });
});

/** Endpoint rollups, written as the group commit writes them beside the model rollups. */
async function seedEndpoint(projectId: string, endpoint: string, baseline: (k: number) => HourRow, last: HourRow, checked = CHECKED) {
  const row = (hour: number, r: HourRow) => {
    const buckets = new Array<number>(27).fill(0);
    buckets[r.bucket ?? 10] = r.requests;
    return { projectId, endpoint, hour: new Date(hour), requests: r.requests, errors: r.errors ?? 0, flagged: r.flagged ?? 0, costUsd: r.costUsd ?? 0, latencySumMs: BigInt(r.requests * 350), latencyBuckets: buckets };
  };
  const rows = [];
  for (let k = 1; k <= 168; k++) rows.push(row(checked - k * HOUR_MS, baseline(k)));
  rows.push(row(checked, last));
  await app.db.requestRollupEndpointHourly.createMany({ data: rows });
}

describe("hourly anomaly detection per endpoint", () => {
  it("scopes an error-rate jump to the endpoint that carries it, not to the quiet one", async () => {
    const p = await project();
    // The project: 98/102 requests an hour with 1 error, then 100 with 21 errors (21%: a project anomaly too).
    await seed(p.projectId, "gpt-4o", steady, { requests: 100, errors: 21, costUsd: 0.1 });
    // checkout: 49/51 an hour with 1 error (about 2%), then 50 with 21 errors: 42%, z = (42 − 2) / 1 (the 1-point floor) ≈ 40.
    await seedEndpoint(p.projectId, "checkout", (k) => ({ requests: k % 2 === 0 ? 49 : 51, errors: 1 }), { requests: 50, errors: 21 });
    // search: the other half, never an error.
    await seedEndpoint(p.projectId, "search", (k) => ({ requests: k % 2 === 0 ? 49 : 51 }), { requests: 50 });
    const res = await detectHourlyAnomalies({ app, projectId: p.projectId, now: NOW });
    const scopes = res.incidents.map((i) => [i.scope.kind, i.scope.value, i.severity]).sort();
    expect(scopes).toEqual([
      ["endpoint", "checkout", "critical"],
      ["project", null, "critical"],
    ]);
    const checkout = res.incidents.find((i) => i.scope.kind === "endpoint")!;
    expect(checkout.title).toContain("endpoint checkout");
    const detail = await getIncident({ app, userId: p.ownerId, incidentId: checkout.id });
    expect(detail.evidence).toMatchObject({ metric: "errorRate", value: 42 });
  });
});

describe("runHourlyDetection", () => {
  it("checks every project with rollups in the last 8 days, and only those", async () => {
    // A month later than the other tests, so their projects are not active at this "now".
    const now = new Date("2026-04-01T10:20:00.000Z");
    const checked = Date.parse("2026-04-01T09:00:00.000Z");
    const quiet = await project();
    const spiking = await project();
    const steadyProject = await project();
    const stale = await project();
    await seed(quiet.projectId, "gpt-4o", (k) => ({ requests: k % 2 === 0 ? 3 : 5 }), { requests: 40 }, checked);
    await seed(spiking.projectId, "gpt-4o", steady, { requests: 400, errors: 4, costUsd: 0.4 }, checked);
    await seed(steadyProject.projectId, "gpt-4o", steady, { requests: 100, errors: 1, costUsd: 0.1 }, checked);
    // Its last rollup is 9 days old: not active.
    await seed(stale.projectId, "gpt-4o", steady, null, checked - 9 * 24 * HOUR_MS);

    const summary = await runHourlyDetection({ app, now, concurrency: 2 });
    expect(summary).toMatchObject({ hour: "2026-04-01T09:00:00.000Z", projects: 3, opened: 1, updated: 0, failed: 0 });
    expect((await incidentsOf(spiking)).map((i) => [i.trigger, i.scope.kind, i.severity])).toEqual([["anomaly", "project", "critical"]]);
    expect(await incidentsOf(quiet)).toEqual([]);
    expect(await incidentsOf(steadyProject)).toEqual([]);
    expect(await incidentsOf(stale)).toEqual([]);
  });
});
