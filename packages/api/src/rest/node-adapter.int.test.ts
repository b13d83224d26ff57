import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "@llmguard/domain/testing";
import type { App } from "@llmguard/domain";
import { projectOverRest } from "../testing/rest-fixtures";
import { restClient, serveRest } from "../testing/serve";
import { MAX_JSON_BODY_BYTES } from "./http";

/**
 * What the node:http adapter (node-adapter.ts) adds to the dispatcher, over real sockets: the request
 * facts it reads from node (HEAD, absolute-form targets, odd Host headers, bodies without a length),
 * and the answers it writes (streams that stop when the client leaves). apps/web/server.mjs serves the
 * REST API through this adapter; the smoke suite repeats the user-facing paths against the build.
 */
let app: App & { close(): Promise<void> };
let server: { url: string; close: () => Promise<void> };
let call: ReturnType<typeof restClient>;
let port: number;

beforeAll(async () => {
  app = await createTestApp({ RATE_LIMIT_USER_PER_MINUTE: "1000", RATE_LIMIT_API_KEY_PER_MINUTE: "1000" });
  server = await serveRest(app);
  call = restClient(server.url);
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server?.close();
  await app?.close();
});

/** One raw HTTP/1.1 exchange on a fresh socket: what a client that is not fetch may send. */
function rawExchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.end(request));
    let out = "";
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => (out += d));
    socket.on("end", () => resolve(out));
    socket.on("error", reject);
  });
}

describe("the node:http REST adapter", () => {
  it("answers HEAD like GET without a body", async () => {
    const get = await fetch(`${server.url}/api/v1/openapi.json`);
    const head = await fetch(`${server.url}/api/v1/openapi.json`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
    expect(await head.text()).toBe("");
    const body = Buffer.from(await get.arrayBuffer());
    expect(JSON.parse(body.toString("utf8")).openapi).toBe("3.1.0");
    // A plain answer goes out with its length (one write), HEAD with the length GET's body has.
    expect(get.headers.get("content-length")).toBe(String(body.length));
    expect(get.headers.get("transfer-encoding")).toBeNull();
    expect(head.headers.get("content-length")).toBe(String(body.length));
  });

  it("serves an absolute-form request target and ignores a Host header that is not a host", async () => {
    const abs = await rawExchange(`GET http://elsewhere.example/api/v1/openapi.json HTTP/1.1\r\nHost: elsewhere.example\r\nConnection: close\r\n\r\n`);
    expect(abs).toMatch(/^HTTP\/1\.1 200 /);
    // The Origin check compares against the request's own origin: a broken Host falls back to localhost
    // instead of throwing while building the URL.
    const odd = await rawExchange(`GET /api/v1/nope HTTP/1.1\r\nHost: a b/c\r\nOrigin: http://localhost\r\nConnection: close\r\n\r\n`);
    expect(odd).toMatch(/^HTTP\/1\.1 (400|404) /);
    if (/^HTTP\/1\.1 404 /.test(odd)) expect(odd).toContain('"code":"NOT_FOUND"');
  });

  it("matches a route with one trailing slash, and answers unknown REST and webhook paths in the envelope", async () => {
    const p = await projectOverRest(call);
    const slash = await call("GET", `/api/v1/projects/${p.projectId}/`, { token: p.token });
    expect(slash.status).toBe(200);
    expect(slash.body.id).toBe(p.projectId);
    for (const path of ["/api/v1/nope", "/webhooks/nope", `/api/v1/projects/${p.projectId}/nope/deeper`]) {
      const res = await call("GET", path, { token: p.token });
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
  });

  it("stops reading a body sent without a length once it passes the limit (413)", async () => {
    const p = await projectOverRest(call);
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${server.url}/api/v1/requests`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": p.apiKey } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      // The server may close the connection while the client still writes (EPIPE): the answer already
      // arrived by then, and resolve() above has it; an error before any answer fails the test.
      req.on("error", reject);
      // Chunked: no content-length to refuse up front; 64 KB chunks until the answer arrives.
      const chunk = "x".repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_JSON_BODY_BYTES * 3) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      req.write('{"model":"');
      pump();
    });
    expect(status.status).toBe(413);
    expect(status.body).toContain("PAYLOAD_TOO_LARGE");
  });

  it("ends a config stream's subscription when the client leaves", async () => {
    const p = await projectOverRest(call, { scopes: ["config:read"] });
    const before = app.configHub.subscribers;
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/v1/config/stream?environment=production`, { headers: { "x-api-key": p.apiKey }, signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("retry:");
    for (let i = 0; i < 100 && app.configHub.subscribers === before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(app.configHub.subscribers).toBe(before + 1);
    controller.abort();
    for (let i = 0; i < 100 && app.configHub.subscribers !== before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(app.configHub.subscribers).toBe(before);
  });
});
