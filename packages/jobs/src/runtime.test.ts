import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { jobsMode, loadJobsEnv } from "./env";
import { createJobRuntime, type JobRuntime } from "./runtime";
import type { JobHandlers } from "./job";
import { appToken, captureLogs, ingested, LEVEL } from "./testing/support";

const SIGNING_KEY = "signkey-test-8f3a1c9e2b7d4f6a0c5e1b3d7f9a2c4e6b8d0f1a3c5e7b9d";

const runtimes: JobRuntime[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function start(env: Record<string, string>, evaluate: JobHandlers["evaluateIngestRules"] = async () => ({ opened: 0, updated: 0 })) {
  const logs = captureLogs();
  const runtime = createJobRuntime({ env: loadJobsEnv(env), logger: logs.logger, getApp: async () => appToken(), handlers: { evaluateIngestRules: evaluate, analyzeIncident: async () => ({ source: "heuristic" }), runHourlyDetection: async () => ({ projects: 0, opened: 0, updated: 0, failed: 0 }), sweepRemediations: async () => ({ expired: 0, judged: 0, rolledBack: 0, failed: 0 }), automateRemediation: async () => ({ status: "disabled" }), processStripeEvent: async () => ({ status: "processed" }), runBillingUsage: async () => ({ accounts: 0, notices: 0, meterEvents: 0, reportedRequests: 0, staleEvents: 0, failed: 0 }), notifyIncident: async () => ({ results: [] }) } });
  runtimes.push(runtime);
  return { runtime, logs };
}

interface Received {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
}

/**
 * A local server speaking the two Inngest APIs the SDK calls here: the event API (POST /e/<event key>)
 * and function registration (POST /fn/register). `status` lets a test make the event API fail.
 */
async function fakeInngestServer(opts: { eventStatus?: number } = {}) {
  const received: Received[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString();
    const path = new URL(req.url ?? "/", "http://x").pathname;
    received.push({ method: req.method ?? "", path, authorization: req.headers.authorization, body: text ? JSON.parse(text) : undefined });
    res.setHeader("content-type", "application/json");
    if (path.startsWith("/e/")) {
      const status = opts.eventStatus ?? 200;
      const events = JSON.parse(text) as unknown[];
      res.statusCode = status;
      res.end(JSON.stringify(status === 200 ? { ids: events.map((_, i) => `01J${i}`), status: 200 } : { error: "internal error", status }));
      return;
    }
    if (path === "/fn/register") {
      res.end(JSON.stringify({ ok: true, modified: true }));
      return;
    }
    res.statusCode = 404;
    res.end("{}");
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe("job mode", () => {
  // Written out: which configuration runs jobs where (ARCHITECTURE decision 4).
  const table: [string, "inngest" | "inline", Record<string, string>][] = [
    ["nothing set", "inline", {}],
    ["empty values", "inline", { INNGEST_EVENT_KEY: "", INNGEST_SIGNING_KEY: "", INNGEST_BASE_URL: "", INNGEST_DEV: "" }],
    ["only an event key", "inline", { INNGEST_EVENT_KEY: "evt" }],
    ["only a signing key", "inline", { INNGEST_SIGNING_KEY: SIGNING_KEY }],
    ["INNGEST_DEV=0", "inline", { INNGEST_DEV: "0" }],
    ["Inngest Cloud keys", "inngest", { INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: SIGNING_KEY }],
    ["a self-hosted server", "inngest", { INNGEST_BASE_URL: "http://inngest:8288" }],
    ["the dev server", "inngest", { INNGEST_DEV: "1" }],
    ["the dev server by URL", "inngest", { INNGEST_DEV: "http://localhost:8288" }],
  ];
  it.each(table)("%s → %s", (_name, mode, env) => {
    expect(jobsMode(loadJobsEnv(env))).toBe(mode);
  });

  it("refuses malformed values with one readable message", () => {
    expect(() => loadJobsEnv({ INNGEST_DEV: "yes please", INNGEST_BASE_URL: "inngest:8288", INNGEST_APP_ID: "LLM Guard" })).toThrow(
      /INNGEST_BASE_URL: INNGEST_BASE_URL must be an http\(s\) URL[\s\S]*INNGEST_DEV: INNGEST_DEV must be 1, 0, true, false or the dev server's http\(s\) URL[\s\S]*INNGEST_APP_ID: INNGEST_APP_ID must be a kebab-case slug/,
    );
  });

  it("defaults the app ID to llmguard", () => {
    expect(loadJobsEnv({}).INNGEST_APP_ID).toBe("llmguard");
  });
});

describe("job runtime", () => {
  it("runs jobs inline when Inngest is not configured, and serves no Inngest endpoint", async () => {
    const calls: string[] = [];
    const { runtime } = start({}, async ({ projectId }) => {
      calls.push(projectId);
      return { opened: 0, updated: 0 };
    });
    expect(runtime.mode).toBe("inline");
    expect(runtime.serveHandler).toBeUndefined();
    runtime.sink.emit(ingested("proj_1", ["req_a"]));
    await runtime.drain();
    expect(calls).toEqual(["proj_1"]);
  });

  it("warns when only half of the Inngest Cloud keys is set", () => {
    const { runtime, logs } = start({ INNGEST_EVENT_KEY: "evt" });
    expect(runtime.mode).toBe("inline");
    expect(logs.entries().filter((e) => e.level === LEVEL.warn).map((e) => e.msg)).toEqual([
      "Only one of INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY is set: background jobs run inline in this process. Set both to use Inngest Cloud.",
    ]);
  });

  it("in Inngest mode sends each event to Inngest instead of running it here", async () => {
    const inngest = await fakeInngestServer();
    const calls: string[] = [];
    const { runtime } = start({ INNGEST_BASE_URL: inngest.url, INNGEST_EVENT_KEY: "evt-key", INNGEST_SIGNING_KEY: SIGNING_KEY }, async ({ projectId }) => {
      calls.push(projectId);
      return { opened: 0, updated: 0 };
    });
    expect(runtime.mode).toBe("inngest");
    runtime.sink.emit(ingested("proj_1", ["req_a"]));
    await runtime.drain();
    expect(calls).toEqual([]);
    expect(inngest.received).toHaveLength(1);
    expect(inngest.received[0]).toMatchObject({
      method: "POST",
      path: "/e/evt-key",
      body: [{ name: "requests/requests.ingested", data: { projectId: "proj_1", rows: [expect.objectContaining({ id: "req_a" })] } }],
    });
  });

  it("logs an event Inngest would not take, once, without throwing at the emitter", async () => {
    const inngest = await fakeInngestServer({ eventStatus: 500 });
    const { runtime, logs } = start({ INNGEST_BASE_URL: inngest.url, INNGEST_EVENT_KEY: "evt-key", INNGEST_SIGNING_KEY: SIGNING_KEY });
    expect(() => runtime.sink.emit(ingested("proj_1", ["req_a"]))).not.toThrow();
    await runtime.drain();
    expect(inngest.received.length).toBeGreaterThan(1); // the SDK retried the send
    const errors = logs.entries().filter((e) => e.level === LEVEL.error);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: "could not send an event to Inngest: its background jobs will not run", event: "requests/requests.ingested", projectId: "proj_1" });
  });

  it("registers detect-on-ingest with Inngest through the serve handler's PUT", async () => {
    const inngest = await fakeInngestServer();
    const { runtime } = start({ INNGEST_BASE_URL: inngest.url, INNGEST_EVENT_KEY: "evt-key", INNGEST_SIGNING_KEY: SIGNING_KEY });
    const { PUT, GET, POST } = runtime.serveHandler!;
    expect(typeof GET).toBe("function");
    expect(typeof POST).toBe("function");
    const res = await PUT(new Request("http://localhost:3000/api/inngest", { method: "PUT" }) as never, undefined);
    expect(res.status).toBe(200);
    const register = inngest.received.find((r) => r.path === "/fn/register");
    expect(register?.authorization).toMatch(/^Bearer signkey-test-/);
    const body = register?.body as { appName: string; url: string; functions: { id: string; triggers: unknown[]; concurrency?: unknown; steps: Record<string, { retries?: { attempts: number } }> }[] };
    expect(body.appName).toBe("llmguard");
    expect(body.url).toMatch(/^http:\/\/localhost:3000\/api\/inngest/);
    const fn = body.functions.find((f) => f.id === "llmguard-detect-on-ingest");
    expect(fn).toMatchObject({
      triggers: [{ event: "requests/requests.ingested" }],
      concurrency: { limit: 1, key: "event.data.projectId" },
      steps: { step: { retries: { attempts: 3 } } },
    });
  });
});
