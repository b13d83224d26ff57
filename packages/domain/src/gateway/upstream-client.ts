import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { DomainError, isDomainError } from "../shared/errors";
import { assertUpstreamUrl, bareHost, upstreamLookup, type UpstreamPolicy } from "./upstream-address";

/**
 * One HTTP exchange with the upstream. node:http(s) rather than fetch: its `lookup` hook checks the very
 * addresses connected to (upstream-address.ts), redirects are never followed (they could lead anywhere),
 * and the answer's body is a node stream the gateway passes on chunk by chunk.
 */
export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

// Kept-alive connections per policy: a socket opened under GATEWAY_ALLOW_PRIVATE_UPSTREAMS is never reused
// by an App without it (tests run both in one process). Each new connection goes through the lookup check.
const agents = {
  allow: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
  deny: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
};

export async function sendUpstream(params: {
  url: URL;
  method: "GET" | "POST";
  apiKey: string;
  body?: string;
  /** Until the answer's status and headers; the body then flows as long as the upstream sends it. */
  timeoutMs: number;
  policy: UpstreamPolicy;
  /** Aborted when the client goes away: the upstream call stops too (no tokens paid for nobody). */
  signal?: AbortSignal;
}): Promise<UpstreamResponse> {
  const { url, policy } = params;
  assertUpstreamUrl(url, policy);
  const client = url.protocol === "https:" ? https : http;
  const agent = agents[policy.allowPrivate ? "allow" : "deny"][url.protocol === "https:" ? "https" : "http"];
  const host = bareHost(url);
  return new Promise<UpstreamResponse>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const req = client.request(url, {
      method: params.method,
      agent,
      lookup: upstreamLookup(policy) as never,
      headers: {
        authorization: `Bearer ${params.apiKey}`,
        accept: "application/json, text/event-stream",
        "user-agent": "LLMGuard-Gateway/1",
        ...(params.body !== undefined ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(params.body)) } : {}),
      },
    });
    const timer = setTimeout(() => {
      fail(new DomainError("UPSTREAM_TIMEOUT", `The upstream ${host} did not answer within ${params.timeoutMs} ms (gateway.timeoutMs)`, { details: { timeoutMs: params.timeoutMs } }));
      req.destroy();
    }, params.timeoutMs);
    const onAbort = () => {
      fail(new DomainError("UPSTREAM_UNREACHABLE", "The client closed the connection before the upstream answered"));
      req.destroy();
    };
    if (params.signal?.aborted) return onAbort();
    params.signal?.addEventListener("abort", onAbort, { once: true });
    req.on("response", (res) => {
      if (settled) return void res.destroy();
      settled = true;
      clearTimeout(timer);
      res.once("close", () => params.signal?.removeEventListener("abort", onAbort));
      resolve({ status: res.statusCode ?? 502, headers: res.headers, body: res });
    });
    req.on("error", (err) => {
      params.signal?.removeEventListener("abort", onAbort);
      // The lookup's refusal (UPSTREAM_NOT_ALLOWED) arrives here as it is; anything else is a network failure.
      fail(isDomainError(err) ? err : new DomainError("UPSTREAM_UNREACHABLE", `The upstream ${host} could not be reached`, { details: { reason: (err as NodeJS.ErrnoException).code ?? "network_error" }, cause: err }));
    });
    req.end(params.body);
  });
}

/** The whole body of an answer (non-streamed completions, error answers), at most `limit` bytes. */
export async function readBody(res: IncomingMessage, limit = 64 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of res) {
      size += (c as Buffer).length;
      if (size > limit) {
        res.destroy();
        throw new DomainError("UPSTREAM_UNREACHABLE", `The upstream's answer exceeds ${limit} bytes`);
      }
      chunks.push(c as Buffer);
    }
  } catch (err) {
    // A reset mid-body, or the call stopped because the client left: one domain error, not a bare 500.
    if (isDomainError(err)) throw err;
    throw new DomainError("UPSTREAM_UNREACHABLE", "The upstream's answer broke off before its end", { cause: err });
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a non-streamed answer whole; when that fails (the upstream broke off, or the client left and the
 * call was stopped), `onFailure` logs the call before the error goes on: it was made and may be billed.
 */
export async function readAnswer(res: IncomingMessage, signal: AbortSignal | undefined, onFailure: (message: string) => void): Promise<Buffer> {
  try {
    return await readBody(res);
  } catch (err) {
    onFailure(signal?.aborted ? "The client closed the connection before the answer was read" : (err as Error).message);
    throw err;
  }
}
