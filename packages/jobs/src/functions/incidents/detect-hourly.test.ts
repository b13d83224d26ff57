import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { DomainError, type App } from "@llmguard/domain";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createInngestClient } from "../../client";
import { loadJobsEnv } from "../../env";
import { toInngestCronFunction } from "../../inngest";
import type { JobHandlers } from "../../job";
import { createJobRuntime, type JobRuntime } from "../../runtime";
import { inlineCadence } from "../../schedule";
import { appToken, captureLogs } from "../../testing/support";
import { detectHourly } from "./detect-hourly";

type Detect = JobHandlers["runHourlyDetection"];
const summary = { projects: 3, opened: 1, updated: 0, failed: 0 };

function handlers(detect: Detect): JobHandlers {
  return {
    evaluateIngestRules: async () => ({ opened: 0, updated: 0 }),
    analyzeIncident: async () => ({ source: "heuristic" }),
    notifyIncident: async () => ({ results: [] }),
    runHourlyDetection: detect,
    sweepRemediations: async () => ({ expired: 0, judged: 0, rolledBack: 0, failed: 0 }), automateRemediation: async () => ({ status: "disabled" }), processStripeEvent: async () => ({ status: "processed" }), runBillingUsage: async () => ({ accounts: 0, notices: 0, meterEvents: 0, reportedRequests: 0, staleEvents: 0, failed: 0 }),
  };
}

const runtimes: JobRuntime[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  vi.useRealTimers();
});

/** The Inngest function with an injected runHourlyDetection; one test engine per test. */
function inngestSetup(detect: Detect) {
  const { logger } = captureLogs();
  const inngest = createInngestClient({ env: loadJobsEnv({ INNGEST_DEV: "1" }), logger });
  const app = appToken();
  const calls: App[] = [];
  const fn = toInngestCronFunction(
    inngest,
    detectHourly({
      getApp: async () => app,
      handlers: handlers((params) => {
        calls.push(params.app);
        return detect(params);
      }),
    }),
  );
  return { fn, app, calls, engine: () => new InngestTestEngine({ function: fn }) };
}

describe("detect-hourly (Inngest cron function)", () => {
  it("is triggered by the cron five minutes past every hour, with 2 retries", () => {
    const { fn } = inngestSetup(async () => summary);
    expect(fn.opts.id).toBe("detect-hourly");
    expect(fn.opts.retries).toBe(2);
    expect(fn.opts.triggers).toEqual([{ cron: "5 * * * *" }]);
  });

  it("runs the hourly detection in the detect-anomalies step with the App", async () => {
    const { engine, calls, app } = inngestSetup(async () => summary);
    const { result, error, ctx } = await engine().execute();
    expect(error).toBeUndefined();
    expect(result).toEqual(summary);
    expect(calls).toEqual([app]);
    expect(ctx.step.run).toHaveBeenCalledWith("detect-anomalies", expect.any(Function));
  });

  it("retries a 5xx failure and gives up at once on a 4xx one", async () => {
    const down = inngestSetup(async () => {
      throw new DomainError("SERVICE_UNAVAILABLE", "The database is unavailable; retry shortly");
    });
    expect((await down.engine().executeStep("detect-anomalies")).step.op).toBe("StepError");
    const refused = inngestSetup(async () => {
      throw new DomainError("VALIDATION_FAILED", "bad settings");
    });
    const { step, error } = await refused.engine().executeStep("detect-anomalies");
    expect(step.op).toBe("StepFailed");
    expect(error).toMatchObject({ name: "NonRetriableError", message: "VALIDATION_FAILED: bad settings" });
  });

  it("is registered with Inngest with its cron trigger, next to the event jobs", async () => {
    const registered: unknown[] = [];
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if (req.url?.startsWith("/fn/register")) registered.push(JSON.parse(Buffer.concat(chunks).toString()));
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true, modified: true }));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const runtime = createJobRuntime({ env: loadJobsEnv({ INNGEST_BASE_URL: url, INNGEST_EVENT_KEY: "evt-key", INNGEST_SIGNING_KEY: "signkey-test-8f3a1c9e2b7d4f6a0c5e1b3d7f9a2c4e6b8d0f1a3c5e7b9d" }), logger: captureLogs().logger, getApp: async () => appToken(), handlers: handlers(async () => summary) });
    runtimes.push(runtime);
    const res = await runtime.serveHandler!.PUT(new Request("http://localhost:3000/api/inngest", { method: "PUT" }) as never, undefined);
    expect(res.status).toBe(200);
    const body = registered[0] as { functions: { id: string; triggers: unknown[] }[] };
    expect(body.functions.find((f) => f.id === "llmguard-detect-hourly")?.triggers).toEqual([{ cron: "5 * * * *" }]);
    expect(body.functions.find((f) => f.id === "llmguard-detect-on-ingest")?.triggers).toEqual([{ event: "requests/requests.ingested" }]);
  });
});

describe("detect-hourly (inline schedule)", () => {
  /** An inline runtime started at `start`, on fake timers; `calls` holds the clock time of each run. */
  function inline(start: string, detect: Detect = async () => summary) {
    vi.useFakeTimers({ now: new Date(start) });
    const logs = captureLogs();
    const calls: string[] = [];
    const runtime = createJobRuntime({
      env: loadJobsEnv({}),
      logger: logs.logger,
      getApp: async () => appToken(),
      handlers: handlers(async (p) => {
        calls.push(new Date().toISOString().slice(11, 16));
        return detect(p);
      }),
    });
    runtimes.push(runtime);
    const at = async (hhmm: string) => {
      const target = Date.parse(`${start.slice(0, 11)}${hhmm}:00.000Z`);
      await vi.advanceTimersByTimeAsync(target - Date.now());
    };
    return { runtime, calls, logs, at };
  }

  it("understands hourly crons and every minute only", () => {
    expect(inlineCadence("5 * * * *")).toEqual({ periodMs: 3_600_000, offsetMs: 300_000 });
    expect(inlineCadence("* * * * *")).toEqual({ periodMs: 60_000, offsetMs: 0 });
    expect(() => inlineCadence("*/5 * * * *")).toThrow(/hourly crons/);
  });

  it("first runs a few minutes after start, then once an hour at the cron's minute", async () => {
    const { runtime, calls, at } = inline("2026-03-02T10:30:00.000Z");
    expect(runtime.mode).toBe("inline");
    await at("10:32");
    expect(calls).toEqual([]);
    await at("10:33");
    expect(calls).toEqual(["10:33"]);
    await at("11:04");
    expect(calls).toEqual(["10:33"]);
    await at("11:05");
    await at("12:10");
    expect(calls).toEqual(["10:33", "11:05", "12:05"]);
  });

  it("waits for the cron's minute after a start just before it", async () => {
    const { calls, at } = inline("2026-03-02T10:01:00.000Z");
    await at("10:04");
    expect(calls).toEqual([]);
    await at("10:06");
    expect(calls).toEqual(["10:05"]);
  });

  it("retries a failed run at the next ticks up to the job's 2 retries, then logs it once and waits for the next hour", async () => {
    const { calls, logs, at } = inline("2026-03-02T10:30:00.000Z", async () => {
      throw new Error("connection terminated");
    });
    await at("10:40");
    expect(calls).toEqual(["10:33", "10:34", "10:35"]);
    expect(logs.entries().filter((e) => e.msg === "background job failed")).toMatchObject([{ job: "detect-hourly", attempts: 3 }]);
    await at("11:05");
    expect(calls).toEqual(["10:33", "10:34", "10:35", "11:05"]);
  });

  it("stops with the runtime", async () => {
    const { runtime, calls, at } = inline("2026-03-02T10:30:00.000Z");
    await at("10:33");
    await runtime.close();
    await at("12:30");
    expect(calls).toEqual(["10:33"]);
  });
});
