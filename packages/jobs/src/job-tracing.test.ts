import { DomainError } from "@llmguard/domain";
import { GLOBAL_KEYS } from "@llmguard/domain/process-globals";
import { afterEach, describe, expect, it } from "vitest";
import { createInlineRunner } from "./inline";
import { defineJob, traceJobAttempt } from "./job";
import { captureLogs, ingested } from "./testing/support";

const g = globalThis as unknown as Record<symbol, unknown>;

interface Recorded {
  name: string;
  attributes: Record<string, unknown>;
  status?: { code: number };
  ended: boolean;
}

/** Installs a tracer that records the spans withSpan opens (as apps/web/telemetry.mjs installs the SDK's). */
function recordSpans(): Recorded[] {
  const spans: Recorded[] = [];
  g[GLOBAL_KEYS.tracer] = {
    startActiveSpan(name: string, options: { attributes?: Record<string, unknown> }, fn: (span: unknown) => unknown) {
      const rec: Recorded = { name, attributes: { ...options.attributes }, ended: false };
      spans.push(rec);
      return fn({
        setAttribute: (k: string, v: unknown) => void (rec.attributes[k] = v),
        setStatus: (s: { code: number }) => void (rec.status = s),
        end: () => void (rec.ended = true),
      });
    },
  };
  return spans;
}

afterEach(() => {
  g[GLOBAL_KEYS.tracer] = undefined;
});

describe("job spans (issue 14)", () => {
  it("the inline runner opens a span per attempt: a retried failure, then the success", async () => {
    const spans = recordSpans();
    let calls = 0;
    const job = defineJob({
      id: "detect-on-ingest",
      event: "requests/requests.ingested",
      retries: 2,
      async run() {
        calls++;
        if (calls === 1) throw new Error("database hiccup");
      },
    });
    const runner = createInlineRunner({ jobs: [job], logger: captureLogs().logger, sleep: async () => undefined });
    runner.emit(ingested("proj_1", ["req_a"]));
    await runner.drain(); // not close(): closing cuts retries short
    await runner.close();

    const common = { "job.id": "detect-on-ingest", "job.engine": "inline", "job.event": "requests/requests.ingested", "llmguard.project.id": "proj_1" };
    expect(spans).toEqual([
      { name: "job detect-on-ingest", attributes: { ...common, "job.attempt": 1, "job.outcome": "retry", "error.type": "Error" }, status: { code: 2 }, ended: true },
      { name: "job detect-on-ingest", attributes: { ...common, "job.attempt": 2, "job.outcome": "success" }, ended: true },
    ]);
  });

  it("a 4xx-class failure is not retried: one span, outcome failed, the error's code", async () => {
    const spans = recordSpans();
    const job = defineJob({
      id: "detect-on-ingest",
      event: "requests/requests.ingested",
      retries: 3,
      async run() {
        throw new DomainError("NOT_FOUND", "project proj_1 is gone");
      },
    });
    const runner = createInlineRunner({ jobs: [job], logger: captureLogs().logger, sleep: async () => undefined });
    runner.emit(ingested("proj_1", ["req_a"]));
    await runner.close();

    expect(spans.map((s) => [s.attributes["job.attempt"], s.attributes["job.outcome"], s.attributes["error.type"], s.status?.code])).toEqual([[1, "failed", "NOT_FOUND", 2]]);
  });

  it("opens no span and returns the run's value when no tracer is installed", async () => {
    expect(g[GLOBAL_KEYS.tracer]).toBeUndefined();
    await expect(traceJobAttempt({ job: "x", engine: "inline", attempt: 0 }, async () => 7, () => false)).resolves.toBe(7);
  });
});
