/**
 * What a REST handler sees of its request: the few facts the route table and its handlers read, taken
 * straight from node:http by node-adapter.ts (no Web Request is built on the hot path: ARCHITECTURE
 * decision 14). Header names are case-insensitive, as in the Fetch API.
 */
export interface RestRequest {
  readonly method: string;
  /** The path without the query string, as sent (still percent-encoded). */
  readonly pathname: string;
  /** The query string without its `?` ("" when there is none). */
  readonly search: string;
  /** The absolute URL (scheme and host from the Host header): CORS compares its origin. */
  readonly url: string;
  readonly headers: HeaderReader;
  /** Aborted when the client goes away before the answer is complete. */
  readonly signal: AbortSignal;
  /**
   * The body, at most `limit` bytes: beyond it PAYLOAD_TOO_LARGE (the rest is not read); a client that
   * goes away mid-upload is VALIDATION_FAILED, not a server fault. Read once.
   */
  bytes(limit: number): Promise<Buffer>;
}

export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * An answer as plain data, written in one go: JSON routes, errors, config reads, the gateway's whole
 * answers (bytes as the provider sent them). Streamed bodies are Web Responses.
 */
export interface PlainReply {
  status: number;
  headers: Record<string, string>;
  /** null for 204/304 and HEAD. */
  body: string | Uint8Array | null;
}

/** A route's answer: plain data, or a Web Response for streamed bodies (SSE, JSON Lines, the gateway's streams). */
export type RestReply = PlainReply | Response;
