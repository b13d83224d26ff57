import type { Tracer } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { GLOBAL_KEYS } from "../shared/process-globals.mjs";
import { tracingEnabled, withSpan, type TraceSpan } from "./tracing";

const g = globalThis as unknown as Record<symbol, unknown>;

interface Recorded {
  name: string;
  attributes: Record<string, unknown>;
  status?: { code: number };
  ends: number;
}

/** A tracer that records what withSpan asks of it (the SDK's own behaviour is tested upstream and by the smoke test). */
function recordingTracer(spans: Recorded[]): Tracer {
  return {
    startActiveSpan(name: string, options: { attributes?: Record<string, unknown> }, fn: (span: unknown) => unknown) {
      const rec: Recorded = { name, attributes: { ...options.attributes }, ends: 0 };
      spans.push(rec);
      return fn({
        setAttribute: (k: string, v: unknown) => void (rec.attributes[k] = v),
        setStatus: (s: { code: number }) => void (rec.status = s),
        end: () => void rec.ends++,
      });
    },
  } as unknown as Tracer;
}

afterEach(() => {
  g[GLOBAL_KEYS.tracer] = undefined;
});

describe("withSpan with no tracer installed (OTEL_EXPORTER_OTLP_ENDPOINT unset)", () => {
  it("runs the function and returns its value", async () => {
    expect(tracingEnabled()).toBe(false);
    let handle: TraceSpan | undefined;
    const value = await withSpan("job x", { "job.id": "x" }, async (span) => {
      handle = span;
      span.setAttribute("job.outcome", "success");
      return 42;
    });
    expect(value).toBe(42);
    // The same frozen no-op handle every time: nothing is allocated per call.
    const again = await withSpan("job y", {}, async (span) => span);
    expect(again).toBe(handle);
    expect(Object.isFrozen(handle)).toBe(true);
  });

  it("rethrows what the function throws", async () => {
    await expect(withSpan("job x", {}, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });
});

describe("withSpan with a tracer installed", () => {
  it("opens one span with the name and attributes, and ends it once", async () => {
    const spans: Recorded[] = [];
    g[GLOBAL_KEYS.tracer] = recordingTracer(spans);
    expect(tracingEnabled()).toBe(true);
    const value = await withSpan("job detect-on-ingest", { "job.id": "detect-on-ingest", "job.attempt": 1 }, async (span) => {
      span.setAttribute("job.outcome", "success");
      return "done";
    });
    expect(value).toBe("done");
    expect(spans).toEqual([{ name: "job detect-on-ingest", attributes: { "job.id": "detect-on-ingest", "job.attempt": 1, "job.outcome": "success" }, ends: 1 }]);
  });

  it("marks a failure with status ERROR and the domain error's code, never its message", async () => {
    const spans: Recorded[] = [];
    g[GLOBAL_KEYS.tracer] = recordingTracer(spans);
    const err = new DomainError("NOT_FOUND", "project sk-secret-in-message not found");
    await expect(withSpan("job x", {}, async () => Promise.reject(err))).rejects.toBe(err);
    expect(spans).toEqual([{ name: "job x", attributes: { "error.type": "NOT_FOUND" }, status: { code: 2 }, ends: 1 }]);
  });

  it("names an unknown error by its class, and anything else as Error", async () => {
    const spans: Recorded[] = [];
    g[GLOBAL_KEYS.tracer] = recordingTracer(spans);
    await expect(withSpan("a", {}, async () => Promise.reject(new TypeError("x")))).rejects.toThrow();
    await expect(withSpan("b", {}, async () => Promise.reject("a string with data"))).rejects.toBe("a string with data");
    expect(spans.map((s) => s.attributes["error.type"])).toEqual(["TypeError", "Error"]);
  });
});
