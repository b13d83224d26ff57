import type { IncomingHttpHeaders } from "node:http";
import { listen, readBody } from "./http";

/**
 * A local stand-in for LLMGuard's ingest routes that speaks the same protocol over real HTTP:
 * `POST /api/v1/requests/batch` (per-record results in input order, duplicates by id) and
 * `POST /api/v1/requests` (201 + result), error envelopes `{ error: { code, message, details, timestamp } }`.
 * Tests queue scripted answers (503 + Retry-After, a dropped connection, ...) that are used before the
 * normal protocol answer, so the SDK's real request, retry and parsing code runs end to end.
 */
export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw body text instead of JSON. */
  raw?: string;
  /** Drop the connection without answering (a network error for the client). */
  destroy?: boolean;
  /** Wait before answering. */
  delayMs?: number;
}

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  at: number;
}

const STATUSES = new Set(["success", "error", "timeout"]);

export function errorBody(code: string, message: string, details: unknown = null) {
  return { error: { code, message, details, timestamp: new Date().toISOString() } };
}

function validate(record: unknown): string | null {
  const r = record as Record<string, unknown> | null;
  if (!r || typeof r !== "object") return "record must be an object";
  for (const key of ["prompt", "response", "model"]) if (typeof r[key] !== "string") return `${key} is required`;
  if (typeof r.latencyMs !== "number" || !Number.isInteger(r.latencyMs) || r.latencyMs < 0) return "latencyMs must be an integer ≥ 0";
  if (!STATUSES.has(r.status as string)) return "status is invalid";
  if (r.metadata !== undefined && JSON.stringify(r.metadata).length > 8192) return "metadata too large";
  return null;
}

export async function startIngestDouble(options: { apiKey?: string } = {}) {
  const apiKey = options.apiKey ?? "lg_test_key";
  const received: Received[] = [];
  const script: Scripted[] = [];
  const stored = new Map<string, unknown>();

  const result = (record: { id?: string }) => {
    const id = record.id ?? crypto.randomUUID();
    const duplicate = stored.has(id);
    if (!duplicate) stored.set(id, record);
    return { id, riskScore: 7, riskFactors: [{ type: "long_prompt", points: 7, detail: "test" }], flagged: false, costUsd: 0.0001, duplicate };
  };

  const server = await listen(async (req, res) => {
    const text = await readBody(req);
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, at: Date.now() });

    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };

    const next = script.shift();
    if (next) {
      if (next.delayMs) await new Promise((r) => setTimeout(r, next.delayMs));
      if (next.destroy) {
        req.socket.destroy();
        return;
      }
      if (next.raw !== undefined) {
        res.writeHead(next.status ?? 200, { "content-type": "text/html", ...next.headers });
        res.end(next.raw);
        return;
      }
      if (next.status !== undefined) return send(next.status, next.body ?? errorBody(`HTTP_${next.status}`, "scripted"), next.headers);
    }

    if (req.method !== "POST") return send(405, errorBody("METHOD_NOT_ALLOWED", "POST only"));
    const key = req.headers["x-api-key"];
    if (!key) return send(401, errorBody("UNAUTHENTICATED", "x-api-key is required"));
    if (key !== apiKey) return send(403, errorBody("INVALID_API_KEY", "Invalid API key"));

    if (req.url === "/api/v1/requests/batch") {
      const records = (body as { records?: unknown[] } | undefined)?.records;
      if (!Array.isArray(records) || records.length === 0 || records.length > 500) {
        return send(400, errorBody("VALIDATION_FAILED", "records must hold 1 to 500 records"));
      }
      return send(200, {
        results: records.map((r, index) => {
          const problem = validate(r);
          if (problem) return { index, ok: false, error: { code: "VALIDATION_FAILED", message: "Invalid record", details: { issues: [{ path: "", message: problem, code: "custom" }] } } };
          return { index, ok: true, ...result(r as { id?: string }) };
        }),
      });
    }
    if (req.url === "/api/v1/requests") {
      const problem = validate(body);
      if (problem) return send(400, errorBody("VALIDATION_FAILED", "Invalid input", { issues: [{ path: "", message: problem, code: "custom" }] }));
      const { duplicate: _duplicate, ...single } = result(body as { id?: string });
      return send(201, single);
    }
    return send(404, errorBody("NOT_FOUND", "No such route"));
  });

  return {
    url: server.url,
    apiKey,
    received,
    stored,
    /** Answers to use, in order, before the normal protocol answers. */
    script: (...answers: Scripted[]) => script.push(...answers),
    /** Every record that arrived in a batch request, in arrival order (including retries). */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    batchRecords: (): any[] => received.filter((r) => r.path === "/api/v1/requests/batch").flatMap((r) => r.body?.records ?? []),
    batches: () => received.filter((r) => r.path === "/api/v1/requests/batch"),
    close: server.close,
  };
}

export type IngestDouble = Awaited<ReturnType<typeof startIngestDouble>>;
