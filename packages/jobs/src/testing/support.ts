import { Writable } from "node:stream";
import { createLogger, type App, type Logger } from "@llmguard/domain";
import type { DomainEvent, IngestedRow } from "../events";

/** One parsed pino line. */
export interface LogEntry {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/** The real pino root logger (redaction and all), writing to memory. */
export function captureLogs(level = "debug"): { logger: Logger; entries: () => LogEntry[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  const logger = createLogger({ level, destination });
  return {
    logger,
    entries: () =>
      lines
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as LogEntry),
  };
}

/**
 * Stands in for the App: the jobs only hand it to the injected handler, and the tests check that the
 * handler received this very object. (The domain's own tests run evaluateIngestRules on a real App.)
 */
export function appToken(): App {
  return { token: "the app" } as unknown as App;
}

export function row(id: string): IngestedRow {
  return { id, timestamp: "2026-12-06T10:00:00.000Z", model: "gpt-4o-mini", latencyMs: 420, status: "success", riskScore: 12, endUserId: null, endpoint: "/chat", costUsd: 0.0004 };
}

export function ingested(projectId: string, rowIds: string[]): Extract<DomainEvent, { name: "requests/requests.ingested" }> {
  return { name: "requests/requests.ingested", data: { projectId, rows: rowIds.map(row) } };
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Turns the event loop until `cond()` holds (the test's timeout bounds it); no timing threshold. */
export async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise<void>((r) => setImmediate(r));
}

/** Lets queued callbacks run a few turns of the event loop. */
export async function turns(n = 10): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
}
