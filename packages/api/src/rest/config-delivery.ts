import { deliverConfig, peekDeliveredConfig, watchConfig, type ApiKeyPrincipal, type App } from "@llmguard/domain";
import { errorReply } from "./http";
import type { PlainReply } from "./rest-request";

/**
 * The transport half of config delivery (routes/delivery.routes.ts): ETag/304 for reads, Server-Sent
 * Events for the stream. The domain builds and caches the answers (deliverConfig).
 */

/** ETags in If-None-Match ("*", a list, weak forms) against the current one. */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

export async function readConfig(app: App, principal: ApiKeyPrincipal, environment: string, ifNoneMatch: string | null | undefined): Promise<PlainReply> {
  const entry = peekDeliveredConfig({ app, principal, environment }) ?? (await deliverConfig({ app, principal, environment }));
  const headers = { etag: entry.etag, "cache-control": "private, no-cache", "x-config-version": String(entry.version) };
  if (etagMatches(ifNoneMatch, entry.etag)) return { status: 304, headers, body: null };
  return { status: 200, headers: { ...headers, "content-type": "application/json; charset=utf-8" }, body: entry.body };
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // Proxies such as nginx would otherwise buffer the stream.
  "x-accel-buffering": "no",
};

export interface SseSink {
  write(chunk: string): void;
  end(): void;
}

/**
 * Runs one SSE stream: a `config` event with the current version at once (unless Last-Event-ID already
 * has it), then one per change, `: ping` heartbeats, and an `error` event (with the error envelope) if
 * the config cannot be delivered any more. The event id is the config version, so a reconnecting
 * EventSource (or the SDK) resumes with Last-Event-ID.
 */
export function runConfigStream(params: {
  app: App;
  principal: ApiKeyPrincipal;
  environment: string;
  lastEventId?: string | null;
  sink: SseSink;
  heartbeatMs?: number;
}): { close(): void } {
  const { app, principal, environment, sink } = params;
  const last = params.lastEventId && /^\d+$/.test(params.lastEventId) ? Number(params.lastEventId) : undefined;
  let closed = false;
  sink.write("retry: 3000\n\n");
  const heartbeat = setInterval(() => sink.write(": ping\n\n"), params.heartbeatMs ?? 15_000);
  heartbeat.unref?.();
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    watcher.stop();
    sink.end();
  };
  const watcher = watchConfig({
    app,
    principal,
    environment,
    lastSeenVersion: last,
    onEntry: (entry) => sink.write(`id: ${entry.version}\nevent: config\ndata: ${entry.body}\n\n`),
    onError: (err) => sink.write(`event: error\ndata: ${errorReply(err, app.logger, "config stream").body}\n\n`),
    onClose: close,
  });
  return { close };
}

/** The stream as a Web Response, which node-adapter.ts writes chunk by chunk. */
export function configStreamResponse(params: { app: App; principal: ApiKeyPrincipal; environment: string; lastEventId: string | null; signal: AbortSignal; headers?: Record<string, string> }): Response {
  const encoder = new TextEncoder();
  let session: { close(): void } | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let ended = false;
      session = runConfigStream({
        app: params.app,
        principal: params.principal,
        environment: params.environment,
        lastEventId: params.lastEventId,
        sink: {
          write: (chunk) => {
            if (!ended) controller.enqueue(encoder.encode(chunk));
          },
          end: () => {
            if (ended) return;
            ended = true;
            controller.close();
          },
        },
      });
      params.signal.addEventListener("abort", () => session?.close(), { once: true });
    },
    cancel() {
      session?.close();
    },
  });
  return new Response(stream, { status: 200, headers: { ...SSE_HEADERS, ...params.headers } });
}
