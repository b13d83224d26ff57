import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { DeliveredConfig } from "../../src/index";
import { errorBody, listen } from "./http";

/**
 * A local stand-in for LLMGuard's config delivery that speaks the same protocol over real HTTP, for what
 * the real server cannot be made to do on purpose (answer 500 or 422, send garbage, send an older
 * version, cut a stream into odd chunks, send `event: error`):
 *
 * - `GET /api/v1/config`: 200 with the current body and an ETag, 304 on If-None-Match;
 * - `GET /api/v1/config/stream`: `retry:` (50 ms, so tests reconnect fast), then a `config` event at once
 *   (skipped when Last-Event-ID is not older) and one per `publish()`, until `endStreams()`.
 *
 * `onRead` / `onStream` replace the default answer while set (return false to fall back to it).
 */
export interface SeenByDouble {
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | void | Promise<boolean | void>;

export async function startConfigDouble(initial: DeliveredConfig, options: { apiKey?: string; retryMs?: number } = {}) {
  const apiKey = options.apiKey ?? "lg_double_key";
  let current = initial;
  const reads: SeenByDouble[] = [];
  const streams: SeenByDouble[] = [];
  const open = new Set<ServerResponse>();
  let onRead: Handler | null = null;
  let onStream: Handler | null = null;

  const body = () => JSON.stringify(current);
  const etag = () => `"${current.version}-double"`;
  const event = (config: DeliveredConfig) => `id: ${config.version}\nevent: config\ndata: ${JSON.stringify(config)}\n\n`;

  const server = await listen(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const seen = { path, headers: req.headers, at: Date.now() };
    if (req.headers["x-api-key"] !== apiKey) {
      res.writeHead(403, { "content-type": "application/json" });
      return void res.end(JSON.stringify(errorBody("INVALID_API_KEY", "Invalid API key")));
    }
    if (path === "/api/v1/config") {
      reads.push(seen);
      if (onRead && (await onRead(req, res)) !== false) return;
      if (req.headers["if-none-match"] === etag()) {
        res.writeHead(304, { etag: etag() });
        return void res.end();
      }
      res.writeHead(200, { "content-type": "application/json", etag: etag() });
      return void res.end(body());
    }
    if (path === "/api/v1/config/stream") {
      streams.push(seen);
      if (onStream && (await onStream(req, res)) !== false) return;
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write(`retry: ${options.retryMs ?? 50}\n\n`);
      const last = Number(req.headers["last-event-id"]);
      if (!(Number.isFinite(last) && last >= current.version)) res.write(event(current));
      open.add(res);
      res.on("close", () => open.delete(res));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify(errorBody("NOT_FOUND", "No such route")));
  });

  return {
    url: server.url,
    apiKey,
    reads,
    streams,
    get current() {
      return current;
    },
    /** Makes `config` current and sends it on every open stream (`stale`: send it without making it current). */
    publish(config: DeliveredConfig, opts: { stale?: boolean } = {}) {
      if (!opts.stale) current = config;
      for (const res of open) res.write(event(config));
    },
    /** Writes raw text on every open stream. */
    write(text: string) {
      for (const res of open) res.write(text);
    },
    endStreams() {
      for (const res of open) res.end();
    },
    openStreams: () => open.size,
    onRead(h: Handler | null) {
      onRead = h;
    },
    onStream(h: Handler | null) {
      onStream = h;
    },
    close: server.close,
  };
}

export type ConfigDouble = Awaited<ReturnType<typeof startConfigDouble>>;

export const config = (version: number, values: Record<string, unknown>, extra: Partial<DeliveredConfig> = {}): DeliveredConfig => ({
  version,
  environment: "production",
  values,
  ...extra,
});
