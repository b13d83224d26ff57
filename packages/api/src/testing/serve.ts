import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { requestContextStorage, type App } from "@llmguard/domain";
import { createRestHandler } from "../rest/dispatch";
import { createFastPath } from "../rest/fast-path";
import { restRoutes } from "../rest/routes/index";

/**
 * Serves the REST adapter over real HTTP on a random loopback port: the same dispatcher the Next route
 * forwards to, so tests exercise real requests, headers and bodies without a Next build.
 */
export async function serveRest(app: App, opts: { fastPath?: boolean } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const handle = createRestHandler(async () => app, restRoutes);
  // As apps/web/server.mjs does: the config read path first, everything else through the dispatcher.
  const fast = opts.fastPath ? createFastPath(async () => app) : null;
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    if (fast && requestContextStorage.run({ requestId: randomUUID(), remoteAddress: req.socket.remoteAddress }, () => fast(req, res))) return;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" || body.length === 0 ? undefined : body,
      signal: abort.signal,
    });
    // As server.mjs does: the socket peer goes into the request context, where clientIp() reads it.
    const response = await requestContextStorage.run({ requestId: randomUUID(), remoteAddress: req.socket.remoteAddress }, () => handle(request));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    // Streamed, chunk by chunk: Server-Sent Events and JSON Lines must reach the client as written.
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
      res.end();
    } catch {
      res.destroy();
    }
  });
  // Open streams (SSE) would keep close() waiting forever.
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** A small JSON client for tests: returns status, headers and the parsed body. */
export function restClient(baseUrl: string) {
  return async function call(method: string, path: string, opts: { token?: string; apiKey?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.apiKey) headers["x-api-key"] = opts.apiKey;
    if (opts.body !== undefined || opts.rawBody !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body: any = text ? JSON.parse(text) : null;
    return { status: res.status, headers: res.headers, body };
  };
}
