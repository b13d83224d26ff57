import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import { toRestErrorResponse } from "@llmguard/api";
import type { DomainError } from "@llmguard/domain";
import { listen, readBody, sleep } from "./http";

/**
 * An HTTP proxy in front of the real server, for what the real server cannot be made to do on purpose.
 * Every request is recorded and forwarded unchanged; a test queues faults that the next requests meet,
 * in order (one fault per request):
 *
 * - `error`: the answer the real server gives for this domain error, built by the server's own REST error
 *   mapping (status from the one error table, Retry-After, the `{ error: ... }` envelope), instead of
 *   forwarding: an outage (503), a rate limit (429), a refusal;
 * - `status` (+ `headers`, `body` text): an answer from something in between (a gateway's 502 page, a 408);
 * - `drop`: the connection is dropped without an answer;
 * - `delayMs`: the answer arrives this much later (alone: the real answer, late);
 * - `afterServer`: the request reaches the real server first (it is handled, records are stored) and only
 *   then does the fault replace the answer: what a client sees when an answer is lost on the way back.
 *
 * Config requests (`/api/v1/config*`: wrapped clients follow the guard rules over the SSE stream) are not
 * ingest traffic: they are passed through as a stream, listed in `configRequests`, and meet no faults.
 */
export interface Fault {
  error?: DomainError;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  drop?: boolean;
  delayMs?: number;
  afterServer?: boolean;
}

export interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** When the request arrived (ms since the epoch). */
  at: number;
  /** Whether the real server received it. */
  forwarded: boolean;
  /** The real server's answer, parsed, when it was forwarded. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  answer?: any;
  /** What the client was answered: a status; "dropped"; "abandoned" when it stopped waiting first; "pending" until then. */
  status: number | "dropped" | "abandoned" | "pending";
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

const parse = (text: string): unknown => {
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
};

export async function startFaultProxy(serverUrl: string) {
  const target = new URL(serverUrl);
  const agent = new Agent({ keepAlive: true });
  const seen: Seen[] = [];
  const faults: Fault[] = [];
  const handling = new Set<Promise<void>>();

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<Upstream>((resolve, reject) => {
      const headers: OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
      headers.host = target.host;
      headers["content-length"] = String(body.length);
      const up = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      up.on("error", reject);
      up.end(body);
    });

  const configRequests: { method: string; path: string; at: number; status: number | "pending" | "error" }[] = [];
  const passThrough = (req: IncomingMessage, res: ServerResponse) => {
    const entry: (typeof configRequests)[number] = { method: req.method ?? "", path: req.url ?? "", at: Date.now(), status: "pending" };
    configRequests.push(entry);
    const headers: OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) || k === "content-length") headers[k] = v;
    headers.host = target.host;
    const up = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false }, (upRes) => {
      entry.status = upRes.statusCode ?? 0;
      const out: OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(upRes.headers)) if (!HOP_BY_HOP.has(k)) out[k] = v;
      res.writeHead(upRes.statusCode ?? 502, out);
      res.flushHeaders();
      upRes.pipe(res);
    });
    up.on("error", () => {
      entry.status = "error";
      res.destroy();
    });
    // The client went away (the SDK closed its stream): end the upstream request too.
    res.on("close", () => up.destroy());
    req.pipe(up);
  };

  const server = await listen((req, res) => {
    if (req.url?.startsWith("/api/v1/config")) return passThrough(req, res);
    const work = (async () => {
      const text = await readBody(req);
      const entry: Seen = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: parse(text), at: Date.now(), forwarded: false, status: "pending" };
      seen.push(entry);
      const fault = faults.shift() ?? {};
      const replaces = fault.error !== undefined || fault.status !== undefined || fault.drop === true;

      let upstream: Upstream | undefined;
      if (!replaces || fault.afterServer) {
        upstream = await forward(req, Buffer.from(text, "utf8"));
        entry.forwarded = true;
        entry.answer = parse(upstream.body.toString("utf8"));
      }
      if (fault.delayMs) await sleep(fault.delayMs);
      if (res.destroyed) return void (entry.status = "abandoned");

      if (fault.drop) {
        entry.status = "dropped";
        req.socket.destroy();
      } else if (fault.error) {
        const answer = toRestErrorResponse(fault.error);
        entry.status = answer.status;
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(await answer.text());
      } else if (fault.status !== undefined) {
        entry.status = fault.status;
        res.writeHead(fault.status, { "content-type": "text/html", ...fault.headers });
        res.end(fault.body ?? "");
      } else if (upstream) {
        entry.status = upstream.status;
        const headers: OutgoingHttpHeaders = {};
        for (const [k, v] of Object.entries(upstream.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
        res.writeHead(upstream.status, headers);
        res.end(upstream.body);
      }
    })();
    handling.add(work);
    return work.finally(() => handling.delete(work));
  });

  const batches = () => seen.filter((r) => r.path === "/api/v1/requests/batch");
  return {
    url: server.url,
    seen,
    /** Config reads and streams that went through (not faulted, not in `seen`). */
    configRequests,
    /** Faults for the next requests, in order. */
    inject: (...next: Fault[]) => void faults.push(...next),
    /** The batch requests, in arrival order (retries included). */
    batches,
    /** Every record that arrived in a batch request, in arrival order (retries included). */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    batchRecords: (): any[] => batches().flatMap((r) => r.body?.records ?? []),
    /** Waits for requests in progress (a delayed answer), then closes. */
    close: async () => {
      await Promise.allSettled([...handling]);
      await server.close();
      agent.destroy();
    },
  };
}

export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;
