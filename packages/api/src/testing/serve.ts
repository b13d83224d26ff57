import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { requestContextStorage, type App } from "@llmguard/domain";
import { createNodeRestHandler } from "../rest/node-adapter";
import { restRoutes } from "../rest/routes/index";
import type { RestHandlerOptions } from "../rest/dispatch";

/**
 * Serves the REST API over real HTTP on a random loopback port through the same node:http adapter
 * apps/web/server.mjs uses (packages/api/src/rest/node-adapter.ts), so tests exercise real requests,
 * headers, bodies and streams without a Next build. Paths outside the API answer a bare 404, as Next's
 * would not matter here.
 */
export async function serveRest(app: App, opts: RestHandlerOptions = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const handle = createNodeRestHandler(async () => app, restRoutes, opts);
  const server: Server = createServer((req, res) => {
    // As server.mjs does: the socket peer goes into the request context, where clientIp() reads it.
    const handled = requestContextStorage.run({ requestId: randomUUID(), remoteAddress: req.socket.remoteAddress }, () => handle(req, res));
    if (!handled) res.writeHead(404).end();
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
