import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticateApiKey, cachedApiKeyPrincipal, deliverConfig, DeliveryQuerySchema, noteRequest, parseInput, safeJson, type App } from "@llmguard/domain";
import { readConfig, runConfigStream, SSE_HEADERS } from "./config-delivery";
import { corsHeaders } from "./cors";
import { apiKeyOf, errorReply } from "./http";

/**
 * The hot read path for SDKs, served by apps/web/server.mjs straight from node:http, before Next's
 * router: GET /api/v1/config and /api/v1/config/stream. Next's route layer costs about a millisecond of
 * CPU per request (docs/benchmarks.md), which caps a 2-core machine far below the config-read goal; this
 * adapter does the same steps as the route table's handlers (CORS, API key, rate limit, Zod-parsed
 * query, the one error envelope) around the same domain calls. The route table keeps both routes, so
 * they are documented in OpenAPI and served by the dispatcher wherever this fast path is not installed.
 */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

const READ = "/api/v1/config";
const STREAM = "/api/v1/config/stream";

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === "string" ? v : Array.isArray(v) ? (v[0] ?? null) : null;
}

/** The Origin check of cors.ts on a node request (it reads only headers and the URL). */
function cors(req: IncomingMessage, app: App): Record<string, string> {
  const url = `http://${header(req, "host") ?? "localhost"}${req.url ?? "/"}`;
  const shim = { url, headers: { get: (n: string) => header(req, n.toLowerCase()) } } as unknown as Request;
  return corsHeaders(shim, app.env.CORS_ORIGINS, app.env.APP_URL);
}

export function createFastPath(getApp: () => Promise<App>): FastPath {
  // Once the App exists, requests use it directly: each await on this path costs (promise hooks of
  // AsyncLocalStorage, Next's patched nextTick), so cache hits stay as synchronous as possible.
  let ready: App | undefined;
  const appOf = async () => (ready ??= await getApp());
  return (req, res) => {
    if (req.method !== "GET") return false;
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const path = (q < 0 ? raw : raw.slice(0, q)).replace(/\/$/, "");
    if (path !== READ && path !== STREAM) return false;
    void serve(ready, appOf, req, res, path === STREAM, q < 0 ? "" : raw.slice(q + 1));
    return true;
  };
}

async function serve(ready: App | undefined, getApp: () => Promise<App>, req: IncomingMessage, res: ServerResponse, stream: boolean, query: string): Promise<void> {
  let app: App | undefined = ready;
  let corsH: Record<string, string> = {};
  try {
    app ??= await getApp();
    corsH = req.headers.origin ? cors(req, app) : {};
    noteRequest({ route: `GET ${stream ? STREAM : READ}` });
    const key = apiKeyOf(header(req, "x-api-key"), header(req, "authorization"));
    const principal = cachedApiKeyPrincipal(app, key) ?? (await authenticateApiKey({ app, key }));
    noteRequest({ projectId: principal.projectId });
    await app.limits.perApiKey.consume(principal.keyId);
    const { environment } = parseInput(DeliveryQuerySchema, safeJson(Object.fromEntries(new URLSearchParams(query))));
    if (!stream) {
      const r = await readConfig(app, principal, environment, header(req, "if-none-match"));
      res.writeHead(r.status, { ...r.headers, ...corsH });
      res.end(r.status === 304 ? undefined : r.body);
      return;
    }
    await deliverConfig({ app, principal, environment }); // errors answer before the stream opens
    res.writeHead(200, { ...SSE_HEADERS, ...corsH });
    res.flushHeaders();
    const session = runConfigStream({
      app,
      principal,
      environment,
      lastEventId: header(req, "last-event-id"),
      sink: { write: (chunk) => void res.write(chunk), end: () => res.end() },
    });
    res.on("close", () => session.close());
  } catch (err) {
    const reply = errorReply(err, app?.logger, "config fast path");
    if (res.headersSent) return void res.end();
    res.writeHead(reply.status, { ...reply.headers, ...corsH });
    res.end(reply.body);
  }
}
