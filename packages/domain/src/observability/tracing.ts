import type { Attributes, AttributeValue, Span, SpanStatusCode, Tracer } from "@opentelemetry/api";
import { GLOBAL_KEYS } from "../shared/process-globals.mjs";

/**
 * Spans around work the HTTP and database spans do not show on their own (a background job run), issue 14.
 * The tracer is the one apps/web/telemetry.mjs puts in the process-wide slot when OTEL_EXPORTER_OTLP_ENDPOINT
 * is set. Unset, the slot is empty and `withSpan` is one global read and a call of `fn`: no span object, not
 * even OpenTelemetry's no-op one (only types are imported from @opentelemetry/api here).
 *
 * Attributes are facts about the work (IDs, counts, outcomes), never secrets, API keys, prompts or bodies:
 * spans leave the process for a third-party backend.
 */
export interface TraceSpan {
  setAttribute(key: string, value: AttributeValue): void;
  /** Marks the span failed with the error's code or class name (never its message, which may carry data). */
  fail(err: unknown): void;
}

const NOOP_SPAN: TraceSpan = Object.freeze({
  setAttribute() {},
  fail() {},
});

/** SpanStatusCode.ERROR (a value import of the enum would load @opentelemetry/api with tracing off). */
const STATUS_ERROR = 2 as SpanStatusCode;

const g = globalThis as unknown as Record<symbol, Tracer | undefined>;

/** True when an OpenTelemetry SDK is exporting spans in this process. */
export function tracingEnabled(): boolean {
  return g[GLOBAL_KEYS.tracer] !== undefined;
}

/**
 * Runs `fn` inside a span named `name` (the active span while it runs, so database calls made by `fn` are
 * its children). The span ends when `fn` settles; a throw marks it failed and is rethrown.
 */
export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: TraceSpan) => Promise<T>): Promise<T> {
  const tracer = g[GLOBAL_KEYS.tracer];
  if (tracer === undefined) return fn(NOOP_SPAN);
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    const handle = spanHandle(span);
    try {
      return await fn(handle);
    } catch (err) {
      handle.fail(err);
      throw err;
    } finally {
      span.end();
    }
  });
}

function spanHandle(span: Span): TraceSpan {
  return {
    setAttribute(key, value) {
      span.setAttribute(key, value);
    },
    fail(err) {
      span.setAttribute("error.type", errorType(err));
      span.setStatus({ code: STATUS_ERROR });
    },
  };
}

/** A domain error's code (UPPER_SNAKE), else the error's class name: low-cardinality and free of data. */
function errorType(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]{0,63}$/.test(code)) return code;
    const name = (err as { name?: unknown }).name;
    if (typeof name === "string" && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name)) return name;
  }
  return "Error";
}
