import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setConfig } from "../config/config.service";
import type { IncidentSeverity } from "../incidents/incident.schema";
import { recordDetection } from "../incidents/incident.service";
import { analyzeIncident } from "../incidents/rca/rca.service";
import { addMember } from "../projects/member.service";
import { createProject } from "../projects/project.service";
import { setSecret } from "../secrets/secret.service";
import { describeError } from "../shared/errors";
import { createTestApp, uniqueEmail } from "../testing";
import { notifyIncident, sendTestNotification } from "./notification.service";
import { startReceiver, type TestReceiver } from "./testing/receiver";

/**
 * Notifications on a real PostgreSQL database, delivered over real HTTP to local receivers (a Slack-like
 * endpoint and a webhook endpoint that checks the signature with node:crypto) and through the real mailer
 * (the dev outbox table). `app` opts in to loopback receivers (NOTIFICATIONS_ALLOW_PRIVATE_URLS=1);
 * `strict` is the same database without the opt-in, as in production.
 */

const SIGNING_SECRET = "whsec_test_7f3a9c1e5b2d4f6a8c0e";
const APP_URL = "https://guard.example.test";

let app: Awaited<ReturnType<typeof createTestApp>>;
let strict: Awaited<ReturnType<typeof createTestApp>>;
let slack: TestReceiver;
let hook: TestReceiver;

beforeAll(async () => {
  app = await createTestApp({ NOTIFICATIONS_ALLOW_PRIVATE_URLS: "1", APP_URL });
  strict = await createTestApp({ APP_URL }, { database: app.database });
  slack = await startReceiver({ path: "/services/T000/B000/slack-token" });
  hook = await startReceiver({ path: "/hooks/llmguard", signingSecret: SIGNING_SECRET });
});
afterAll(async () => {
  await strict?.close();
  await app?.close();
  await slack?.close();
  await hook?.close();
});
afterEach(() => {
  // every scripted answer was used, and the next test starts with empty records
  expect(slack.pending()).toBe(0);
  expect(hook.pending()).toBe(0);
  slack.requests.length = 0;
  hook.requests.length = 0;
});

/** A project with an owner, an admin, a developer and a viewer; the channels' minimums and secrets as given. */
async function fixture(opts: { email?: string; slack?: string; webhook?: string; slackUrl?: string | null; webhookUrl?: string | null; signingSecret?: string | null } = {}) {
  const people = {} as Record<"owner" | "admin" | "developer" | "viewer", { id: string; email: string }>;
  for (const role of ["owner", "admin", "developer", "viewer"] as const) {
    // Accounts straight in the table: nobody signs in here, and bcrypt per user would dominate the run.
    const email = uniqueEmail(role);
    const user = await app.db.user.create({ data: { email, passwordHash: "not-used-by-these-tests" } });
    people[role] = { id: user.id, email };
  }
  const { project } = await createProject({ app, userId: people.owner.id, input: { name: "Checkout bot" } });
  for (const role of ["admin", "developer", "viewer"] as const) await addMember({ app, userId: people.owner.id, input: { projectId: project.id, email: people[role].email, role } });
  const values: Record<string, string> = {};
  if (opts.email) values["notifications.email.minSeverity"] = opts.email;
  if (opts.slack) values["notifications.slack.minSeverity"] = opts.slack;
  if (opts.webhook) values["notifications.webhook.minSeverity"] = opts.webhook;
  if (Object.keys(values).length > 0) await setConfig({ app, userId: people.owner.id, input: { projectId: project.id, environment: "base", values, message: "notifications" } as never });
  const secret = (name: string, value: string | null | undefined) => (value ? setSecret({ app, userId: people.owner.id, input: { projectId: project.id, name, value } }) : undefined);
  await secret("NOTIFY_SLACK_WEBHOOK_URL", opts.slackUrl === undefined ? slack.url : opts.slackUrl);
  await secret("NOTIFY_WEBHOOK_URL", opts.webhookUrl === undefined ? hook.url : opts.webhookUrl);
  await secret("NOTIFY_WEBHOOK_SIGNING_SECRET", opts.signingSecret === undefined ? SIGNING_SECRET : opts.signingSecret);
  return { projectId: project.id, people };
}

let seq = 0;
async function openIncident(projectId: string, severity: IncidentSeverity) {
  const { incident } = await recordDetection({
    app,
    hit: {
      projectId,
      trigger: "latency",
      scope: { kind: "model", value: `gpt-4o-${++seq}` },
      severity,
      title: `Requests to gpt-4o-${seq} slower than 5000 ms`,
      evidence: { metric: "latencyMs", threshold: 5000, maxLatencyMs: 7500, requestIds: [randomUUID(), randomUUID()] },
    },
  });
  return incident;
}

async function outbox(to: string) {
  return app.db.outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
}

async function timeline(incidentId: string) {
  return app.db.incidentEvent.findMany({ where: { incidentId, kind: "notification" }, orderBy: { id: "asc" } });
}

const statusOf = (err: unknown) => describeError(err).status;

describe("which channels an incident notifies", () => {
  it("delivers to each configured channel whose minimum severity the incident meets, and to none below it", async () => {
    const f = await fixture({ email: "high", slack: "medium", webhook: "critical" });

    const low = await openIncident(f.projectId, "low");
    expect(await notifyIncident({ app, incidentId: low.id })).toEqual({
      incidentId: low.id,
      results: [
        { channel: "email", outcome: "skipped" },
        { channel: "slack", outcome: "skipped" },
        { channel: "webhook", outcome: "skipped" },
      ],
    });
    expect(slack.requests).toHaveLength(0);
    expect(hook.requests).toHaveLength(0);
    expect(await outbox(f.people.owner.email)).toHaveLength(0);
    expect(await timeline(low.id)).toHaveLength(0);

    const medium = await openIncident(f.projectId, "medium");
    expect((await notifyIncident({ app, incidentId: medium.id })).results).toEqual([
      { channel: "email", outcome: "skipped" },
      { channel: "slack", outcome: "delivered" },
      { channel: "webhook", outcome: "skipped" },
    ]);
    expect(slack.requests).toHaveLength(1);
    expect(await outbox(f.people.owner.email)).toHaveLength(0);

    const high = await openIncident(f.projectId, "high");
    expect((await notifyIncident({ app, incidentId: high.id })).results.map((r) => r.outcome)).toEqual(["delivered", "delivered", "skipped"]);
    expect(slack.requests).toHaveLength(2);
    expect(hook.requests).toHaveLength(0);
    expect(await outbox(f.people.owner.email)).toHaveLength(1);

    const critical = await openIncident(f.projectId, "critical");
    expect((await notifyIncident({ app, incidentId: critical.id })).results.map((r) => r.outcome)).toEqual(["delivered", "delivered", "delivered"]);
    expect(slack.requests).toHaveLength(3);
    expect(hook.requests).toHaveLength(1);
    expect(await outbox(f.people.owner.email)).toHaveLength(2);

    expect((await timeline(critical.id)).map((e) => e.message)).toEqual([
      "E-mail notification sent to 2 recipients (owner and admins)",
      "Slack notification delivered",
      "Webhook notification delivered (signed)",
    ]);
  });

  it("by default e-mails high and critical incidents only, and sends nothing to Slack or the webhook", async () => {
    const f = await fixture();
    const medium = await openIncident(f.projectId, "medium");
    const high = await openIncident(f.projectId, "high");
    expect((await notifyIncident({ app, incidentId: medium.id })).results.map((r) => r.outcome)).toEqual(["skipped", "skipped", "skipped"]);
    expect((await notifyIncident({ app, incidentId: high.id })).results.map((r) => r.outcome)).toEqual(["delivered", "skipped", "skipped"]);
    expect(slack.requests).toHaveLength(0);
    expect(hook.requests).toHaveLength(0);
  });

  it("notifies one channel when asked (one job step each)", async () => {
    const f = await fixture({ email: "low", slack: "low", webhook: "low" });
    const incident = await openIncident(f.projectId, "medium");
    expect(await notifyIncident({ app, incidentId: incident.id, channel: "slack" })).toEqual({ incidentId: incident.id, results: [{ channel: "slack", outcome: "delivered" }] });
    expect(slack.requests).toHaveLength(1);
    expect(hook.requests).toHaveLength(0);
    expect(await outbox(f.people.owner.email)).toHaveLength(0);
  });

  it("records an enabled channel without its secret as not configured, and sends nothing there", async () => {
    const f = await fixture({ slack: "low", webhook: "low", slackUrl: null, signingSecret: null });
    const incident = await openIncident(f.projectId, "high");
    expect((await notifyIncident({ app, incidentId: incident.id })).results).toEqual([
      { channel: "email", outcome: "delivered" },
      { channel: "slack", outcome: "not_configured" },
      { channel: "webhook", outcome: "not_configured" },
    ]);
    expect(hook.requests).toHaveLength(0);
    expect((await timeline(incident.id)).map((e) => e.message)).toEqual([
      "E-mail notification sent to 2 recipients (owner and admins)",
      "Slack notification not sent: the project secret NOTIFY_SLACK_WEBHOOK_URL is not set",
      "Webhook notification not sent: the project secret NOTIFY_WEBHOOK_SIGNING_SECRET is not set",
    ]);
  });

  it("answers NOT_FOUND for an incident that does not exist", async () => {
    await expect(notifyIncident({ app, incidentId: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("what each channel receives", () => {
  it("e-mails the owner and the admins only: severity and title in the subject, the link, evidence and root cause in the body", async () => {
    const f = await fixture({ email: "high" });
    const incident = await openIncident(f.projectId, "critical");
    const rca = await analyzeIncident({ app, incidentId: incident.id }); // no OpenAI key: the heuristic analysis
    await notifyIncident({ app, incidentId: incident.id });

    for (const role of ["owner", "admin"] as const) {
      const mails = await outbox(f.people[role].email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe(`[CRITICAL] ${incident.title} — Checkout bot`);
      expect(mails[0]!.text).toContain(`${APP_URL}/projects/${f.projectId}/incidents/${incident.id}`);
      expect(mails[0]!.text).toContain("threshold: 5000");
      expect(mails[0]!.text).toContain("maxLatencyMs: 7500");
      expect(mails[0]!.text).toContain("requestIds: 2 items");
      expect(mails[0]!.text).toContain(`Root cause (heuristic analysis): ${rca.rootCause}`);
    }
    expect(await outbox(f.people.developer.email)).toHaveLength(0);
    expect(await outbox(f.people.viewer.email)).toHaveLength(0);
  });

  it("says the analysis is still running when no root cause is stored yet", async () => {
    const f = await fixture({ email: "low" });
    const incident = await openIncident(f.projectId, "low");
    await notifyIncident({ app, incidentId: incident.id });
    const [mail] = await outbox(f.people.admin.email);
    expect(mail!.text).toContain("Root cause: the analysis is still running");
  });

  it("posts Slack's incoming-webhook JSON: text and blocks with the severity, title, evidence and link", async () => {
    const f = await fixture({ email: "off", slack: "low" });
    const incident = await openIncident(f.projectId, "high");
    await notifyIncident({ app, incidentId: incident.id });
    expect(slack.requests).toHaveLength(1);
    const req = slack.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/services/T000/B000/slack-token");
    expect(req.headers["content-type"]).toBe("application/json; charset=utf-8");
    const link = `${APP_URL}/projects/${f.projectId}/incidents/${incident.id}`;
    expect(req.body!.text).toBe(`[HIGH] ${incident.title} — Checkout bot ${link}`);
    const blocks = JSON.stringify(req.body!.blocks);
    expect(blocks).toContain(`<${link}|Open the incident in LLMGuard>`);
    expect(blocks).toContain("threshold: 5000");
  });

  it("signs the webhook with the project's secret: the receiver verifies it with node:crypto", async () => {
    const f = await fixture({ email: "off", webhook: "low" });
    const incident = await openIncident(f.projectId, "medium");
    const before = Math.floor(Date.now() / 1000);
    await notifyIncident({ app, incidentId: incident.id });
    const after = Math.floor(Date.now() / 1000);

    expect(hook.requests).toHaveLength(1);
    const req = hook.requests[0]!;
    expect(req.headers["x-llmguard-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(req.signatureValid).toBe(true);
    expect(req.signedAt).toBeGreaterThanOrEqual(before);
    expect(req.signedAt).toBeLessThanOrEqual(after);
    expect(req.body).toMatchObject({
      type: "incident.opened",
      incident: {
        id: incident.id,
        title: incident.title,
        severity: "medium",
        status: "open",
        trigger: "latency",
        url: `${APP_URL}/projects/${f.projectId}/incidents/${incident.id}`,
        evidence: { metric: "latencyMs", threshold: 5000, maxLatencyMs: 7500 },
        rca: null,
      },
      project: { id: f.projectId, name: "Checkout bot" },
    });
    expect((await timeline(incident.id)).map((e) => e.message)).toEqual(["Webhook notification delivered (signed)"]);
  });

  it("a signature made with another secret does not verify at the receiver, which answers 401: not retried", async () => {
    const f = await fixture({ email: "off", webhook: "low", signingSecret: "not-the-receivers-secret" });
    const incident = await openIncident(f.projectId, "medium");
    const err = await notifyIncident({ app, incidentId: incident.id }).catch((e: unknown) => e);
    expect(hook.requests[0]!.signatureValid).toBe(false);
    expect(err).toMatchObject({ code: "VALIDATION_FAILED", message: "The webhook receiver refused the notification (HTTP 401): check NOTIFY_WEBHOOK_URL" });
  });
});

describe("failures and retries", () => {
  it("a receiver answering 500 fails retryably; the next attempt delivers it, the e-mail is not sent again, and the timeline shows both", async () => {
    const f = await fixture({ email: "high", slack: "high" });
    const incident = await openIncident(f.projectId, "high");
    slack.answer({ status: 500 }, { status: 200 });

    const first = await notifyIncident({ app, incidentId: incident.id }).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: "Slack answered HTTP 500" });
    expect(statusOf(first)).toBeGreaterThanOrEqual(500); // the job engine retries 5xx

    const second = await notifyIncident({ app, incidentId: incident.id });
    expect(second.results).toEqual([
      { channel: "email", outcome: "already_done" },
      { channel: "slack", outcome: "delivered" },
      { channel: "webhook", outcome: "skipped" },
    ]);
    expect(slack.requests).toHaveLength(2);
    expect(await outbox(f.people.owner.email)).toHaveLength(1);

    const events = await timeline(incident.id);
    expect(events.map((e) => e.message)).toEqual([
      "E-mail notification sent to 2 recipients (owner and admins)",
      "Slack notification failed on attempt 1 (retryable): Slack answered HTTP 500",
      "Slack notification delivered on attempt 2",
    ]);
    expect(events.map((e) => e.data)).toEqual([
      { channel: "email", outcome: "delivered", attempt: 1 },
      { channel: "slack", outcome: "failed", attempt: 1, receiverStatus: 500 },
      { channel: "slack", outcome: "delivered", attempt: 2 },
    ]);
    for (const e of events) expect(JSON.stringify([e.message, e.data])).not.toContain(String(slack.port));
  });

  it("a receiver answering 4xx fails for good (a 4xx error, not retried) and is not contacted again", async () => {
    const f = await fixture({ email: "off", webhook: "low" });
    const incident = await openIncident(f.projectId, "low");
    hook.answer({ status: 410 });
    const err = await notifyIncident({ app, incidentId: incident.id }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "VALIDATION_FAILED", message: "The webhook receiver refused the notification (HTTP 410): check NOTIFY_WEBHOOK_URL" });
    expect(statusOf(err)).toBe(400);

    expect((await notifyIncident({ app, incidentId: incident.id })).results).toEqual([
      { channel: "email", outcome: "skipped" },
      { channel: "slack", outcome: "skipped" },
      { channel: "webhook", outcome: "already_done" },
    ]);
    expect(hook.requests).toHaveLength(1);
    expect((await timeline(incident.id)).map((e) => e.message)).toEqual([
      "Webhook notification not delivered (not retried): The webhook receiver refused the notification (HTTP 410): check NOTIFY_WEBHOOK_URL",
    ]);
  });

  it("one failing channel does not stop the others; the retryable failure is the one thrown", async () => {
    const f = await fixture({ email: "off", slack: "low", webhook: "low" });
    const incident = await openIncident(f.projectId, "low");
    slack.answer({ status: 404 });
    hook.answer({ status: 503 });
    const err = await notifyIncident({ app, incidentId: incident.id }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: "The webhook receiver answered HTTP 503" });
    expect(slack.requests).toHaveLength(1);
    expect(hook.requests).toHaveLength(1);
    // the retry sends only the webhook: Slack's 404 was final
    expect((await notifyIncident({ app, incidentId: incident.id })).results.map((r) => r.outcome)).toEqual(["skipped", "already_done", "delivered"]);
    expect(slack.requests).toHaveLength(1);
    expect(hook.requests).toHaveLength(2);
  });

  it("a receiver that never answers times out (retryable)", async () => {
    const f = await fixture({ email: "off", slack: "low" });
    const incident = await openIncident(f.projectId, "low");
    slack.answer({ hang: true });
    const err = await notifyIncident({ app, incidentId: incident.id }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: "Slack did not answer within 5 s" });
  });
});

describe("where notifications may go (SSRF)", () => {
  const refusals: [string, (port: number) => string, string][] = [
    ["http to loopback", (port) => `http://127.0.0.1:${port}/hook`, "must be an https URL"],
    ["https to loopback", (port) => `https://127.0.0.1:${port}/hook`, "points to a private, loopback or link-local address"],
    ["https to a name that resolves to loopback", (port) => `https://localhost:${port}/hook`, "points to a private, loopback or link-local address"],
    ["IPv6 loopback", (port) => `https://[::1]:${port}/hook`, "points to a private, loopback or link-local address"],
    ["a private network", () => "https://10.20.30.40/hook", "points to a private, loopback or link-local address"],
    ["the cloud metadata address", () => "https://169.254.169.254/latest/meta-data", "points to a private, loopback or link-local address"],
    ["IPv4-mapped IPv6 loopback", () => "https://[::ffff:127.0.0.1]/hook", "points to a private, loopback or link-local address"],
    ["another scheme", () => "ftp://example.com/hook", "must be an https URL"],
  ];

  it.each(refusals)("refuses %s without NOTIFICATIONS_ALLOW_PRIVATE_URLS, before sending anything", async (_name, url, why) => {
    const f = await fixture({ email: "off", slack: "low", slackUrl: url(slack.port) });
    const err = await sendTestNotification({ app: strict, userId: f.people.admin.id, projectId: f.projectId, channel: "slack" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "VALIDATION_FAILED", message: `NOTIFY_SLACK_WEBHOOK_URL ${why}` + (why.startsWith("points") ? "; notifications go to public https endpoints only" : "") });
    expect(slack.requests).toHaveLength(0);
  });

  it("records a refused URL on the incident's timeline without the URL, and does not retry it", async () => {
    const f = await fixture({ email: "off", slack: "low" }); // http://127.0.0.1:<port>/…
    const incident = await openIncident(f.projectId, "low");
    const err = await notifyIncident({ app: strict, incidentId: incident.id }).catch((e: unknown) => e);
    expect(statusOf(err)).toBe(400);
    expect(slack.requests).toHaveLength(0);
    const events = await timeline(incident.id);
    expect(events.map((e) => e.message)).toEqual(["Slack notification not delivered (not retried): NOTIFY_SLACK_WEBHOOK_URL must be an https URL"]);
    expect(JSON.stringify(events.map((e) => [e.message, e.data]))).not.toContain("127.0.0.1");
  });

  it("with the opt-in, http is still refused for hosts other than loopback", async () => {
    const f = await fixture({ email: "off", slack: "low", slackUrl: "http://hooks.example.com/services/x" });
    await expect(sendTestNotification({ app, userId: f.people.admin.id, projectId: f.projectId, channel: "slack" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: "NOTIFY_SLACK_WEBHOOK_URL must be an https URL",
    });
  });
});

describe("sendTestNotification", () => {
  it("sends a sample to one channel whatever its minimum severity (admin and owner)", async () => {
    const f = await fixture({ slack: "off", webhook: "off", email: "off" });
    expect(await sendTestNotification({ app, userId: f.people.admin.id, projectId: f.projectId, channel: "slack" })).toEqual({ channel: "slack", delivered: true });
    expect(slack.requests).toHaveLength(1);
    expect(String(slack.requests[0]!.body!.text)).toMatch(/^\[TEST\] \[HIGH\] Test notification: /);

    expect(await sendTestNotification({ app, userId: f.people.owner.id, projectId: f.projectId, channel: "webhook" })).toEqual({ channel: "webhook", delivered: true });
    expect(hook.requests[0]).toMatchObject({ signatureValid: true, body: { type: "incident.opened", test: true, project: { id: f.projectId, name: "Checkout bot" } } });

    expect(await sendTestNotification({ app, userId: f.people.owner.id, projectId: f.projectId, channel: "email" })).toEqual({ channel: "email", delivered: true });
    const [mail] = await outbox(f.people.admin.email);
    expect(mail!.subject).toMatch(/^\[TEST\] \[HIGH\] Test notification: /);
    expect(await outbox(f.people.developer.email)).toHaveLength(0);
  });

  it("answers the receiver's failure: 503 for a 5xx, 400 for a 4xx", async () => {
    const f = await fixture();
    slack.answer({ status: 502 }, { status: 403 });
    const failed = await sendTestNotification({ app, userId: f.people.admin.id, projectId: f.projectId, channel: "slack" }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: "Slack answered HTTP 502" });
    const refused = await sendTestNotification({ app, userId: f.people.admin.id, projectId: f.projectId, channel: "slack" }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "VALIDATION_FAILED", message: "Slack refused the notification (HTTP 403): check NOTIFY_SLACK_WEBHOOK_URL" });
  });

  it("names the secrets to set for a channel that is not configured", async () => {
    const f = await fixture({ slackUrl: null, webhookUrl: null, signingSecret: null });
    await expect(sendTestNotification({ app, userId: f.people.admin.id, projectId: f.projectId, channel: "webhook" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: "Webhook notifications are not configured: the project secrets NOTIFY_WEBHOOK_URL and NOTIFY_WEBHOOK_SIGNING_SECRET are not set",
    });
  });

  it("is for admins: a developer gets FORBIDDEN, a stranger NOT_FOUND", async () => {
    const f = await fixture();
    const other = await fixture();
    await expect(sendTestNotification({ app, userId: f.people.developer.id, projectId: f.projectId, channel: "slack" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(sendTestNotification({ app, userId: other.people.admin.id, projectId: f.projectId, channel: "slack" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(slack.requests).toHaveLength(0);
  });
});
