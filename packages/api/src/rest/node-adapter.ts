import type { IncomingMessage, ServerResponse } from "node:http";
import { DomainError, type App } from "@llmguard/domain";
import { createRestDispatcher, type RestHandlerOptions } from "./dispatch";
import { tooLarge } from "./http";
import type { RouteDef } from "./define-route";
import type { HeaderReader, RestReply, RestRequest } from "./rest-request";

/**
 * The REST API on node:http (ARCHITECTURE decision 14): apps/web/server.mjs hands every request to this
 * first, and it answers those under /api/v1/ and /webhooks/ from the route table, without Next's route
 * layer (about a millisecond of CPU per request on this kind of machine: docs/benchmarks.md). Everything
 * else (pages, tRPC, next-auth, /api/health) goes on to Next. The tests' serveRest serves through this
 * same function, so they exercise what production runs.
 *
 * Returns whether it took the request.
 */
export type NodeRestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The paths this adapter answers; anything else is Next's. */
export function isRestPath(path: string): boolean {
  return path.startsWith("/api/v1/") || path.startsWith("/webhooks/");
}

export function createNodeRestHandler(getApp: () => Promise<App>, routes: RouteDef[], opts: RestHandlerOptions = {}): NodeRestHandler {
  const dispatch = createRestDispatcher(getApp, routes, opts);
  return (req, res) => {
    const request = new NodeRestRequest(req, res);
    if (!isRestPath(request.pathname)) return false;
    dispatch(request).then(
      (reply) => send(res, reply, req.method === "HEAD"),
      () => res.destroy(), // dispatch answers every error itself; this is a broken socket
    );
    return true;
  };
}

/** Host header values that can stand in a URL; anything else is replaced, never parsed. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

class NodeRestRequest implements RestRequest {
  readonly method: string;
  readonly pathname: string;
  readonly search: string;
  readonly headers: HeaderReader;
  private controller: AbortController | undefined;
  private consumed = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    this.method = req.method ?? "GET";
    let target = req.url ?? "/";
    if (!target.startsWith("/")) {
      // absolute-form request target (`GET http://host/path HTTP/1.1`)
      try {
        const u = new URL(target);
        target = u.pathname + u.search;
      } catch {
        target = "/";
      }
    }
    const q = target.indexOf("?");
    this.pathname = q < 0 ? target : target.slice(0, q);
    this.search = q < 0 ? "" : target.slice(q + 1);
    const h = req.headers;
    this.headers = {
      get(name: string): string | null {
        const v = h[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
      },
    };
  }

  get url(): string {
    const host = this.req.headers.host;
    const encrypted = (this.req.socket as { encrypted?: boolean }).encrypted === true;
    return `${encrypted ? "https" : "http"}://${host && SAFE_HOST.test(host) ? host : "localhost"}${this.pathname}${this.search ? `?${this.search}` : ""}`;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = (this.controller = new AbortController());
      if (this.res.closed && !this.res.writableFinished) controller.abort();
      else this.res.once("close", () => this.res.writableFinished || controller.abort());
    }
    return this.controller.signal;
  }

  bytes(limit: number): Promise<Buffer> {
    const req = this.req;
    if (Number(req.headers["content-length"] ?? "0") > limit) return Promise.reject(tooLarge(limit));
    if (this.consumed) return Promise.reject(new DomainError("VALIDATION_FAILED", "Request body was already read"));
    this.consumed = true;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (err?: DomainError) => {
        req.off("data", onData).off("end", onEnd).off("error", onGone).off("aborted", onGone);
        if (err) {
          // Read no further; the answer says why.
          req.pause();
          reject(err);
        } else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) done(tooLarge(limit));
        else chunks.push(chunk);
      };
      const onEnd = () => done();
      // the client went away mid-upload (ECONNRESET): not a server fault
      const onGone = () => done(new DomainError("VALIDATION_FAILED", "Request body could not be read"));
      req.on("data", onData).on("end", onEnd).on("error", onGone).on("aborted", onGone);
      if (req.readableEnded) onEnd();
    });
  }
}

/** Writes an answer: plain replies in one write, Web Responses chunk by chunk as they are produced. */
async function send(res: ServerResponse, reply: RestReply, head: boolean): Promise<void> {
  if (res.destroyed) return;
  if (!(reply instanceof Response)) {
    // With its length the head and body go out in one write, without chunked encoding (HEAD gets the
    // length of the body it would have had).
    const { body } = reply;
    res.writeHead(reply.status, body === null ? reply.headers : { ...reply.headers, "content-length": String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength) });
    res.end(head ? undefined : (body ?? undefined));
    return;
  }
  const headers: Record<string, string | string[]> = {};
  reply.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = reply.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  res.writeHead(reply.status, headers);
  if (!reply.body || head) {
    res.end();
    void reply.body?.cancel().catch(() => undefined);
    return;
  }
  // Streams (Server-Sent Events, the gateway's pass-through) must reach the client as written: send the
  // head now, then each chunk as it comes; a client that leaves cancels the producer.
  res.flushHeaders();
  const reader = reply.body.getReader();
  const onClose = () => {
    if (!res.writableFinished) void reader.cancel().catch(() => undefined);
  };
  res.once("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off("close", onClose);
  }
}

/** Resolves when the socket can take more, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const go = () => {
      res.off("drain", go).off("close", go);
      resolve();
    };
    res.once("drain", go).once("close", go);
  });
}
