import type { GuardReason } from "./guard/policy/index.js";

export type { GuardReason, RuleType as GuardRuleType } from "./guard/policy/index.js";

/** How an LLM call ended; `blocked`: the guard stopped it before the provider (it never ran). */
export type RequestStatus = "success" | "error" | "timeout" | "blocked";

/** What the guard did to a call, as logged with it: `blocked` (never sent), `modified` (model or system prompt rewritten). */
export interface Enforcement {
  outcome: "blocked" | "modified";
  /** The rules that applied: blocks first, then rewrites. At most 20. */
  reasons: GuardReason[];
}

/** One LLM call, as passed to `guard.log()` / `guard.logNow()`. */
export interface LogRecord {
  /** Client-side UUID; assigned with `crypto.randomUUID()` when absent so retries never store a call twice. */
  id?: string;
  prompt: string;
  response: string;
  model: string;
  /** Whole milliseconds (fractions are rounded, negatives become 0). */
  latencyMs: number;
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  status: RequestStatus;
  errorMessage?: string;
  endUserId?: string;
  endpoint?: string;
  /** The model the caller asked for, when a guard rule (switch_model) sent the call to `model` instead. */
  requestedModel?: string;
  /** What the guard did to the call; absent when no rule applied. */
  enforcement?: Enforcement;
  /** A JSON object of at most 8 KB once serialized. */
  metadata?: Record<string, unknown>;
  /** When the call happened; defaults to the moment `log()` is called. */
  timestamp?: string | Date;
}

/** A record as it goes over the wire: always carries its `id` and an ISO `timestamp`. */
export interface IngestRecord extends Omit<LogRecord, "id" | "timestamp"> {
  id: string;
  timestamp: string;
}

export interface RiskFactor {
  type: string;
  points: number;
  detail: string;
  spans?: { field: "prompt" | "response"; start: number; end: number }[];
}

/** What the server computed for one stored record. */
export interface IngestResult {
  id: string;
  riskScore: number;
  riskFactors: RiskFactor[];
  flagged: boolean;
  costUsd: number | null;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  details: unknown;
}

/** One entry of the batch answer, in input order. */
export type BatchRecordResult =
  | ({ index: number; ok: true; duplicate: boolean } & IngestResult)
  | { index: number; ok: false; error: ApiErrorBody };

export interface BatchResponse {
  results: BatchRecordResult[];
}

/** The subset of a WHATWG `Response` the SDK reads, so any fetch implementation fits. */
export interface FetchResponseLike {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /**
   * The body as a stream, read only by the config stream (`guard.config`): a WHATWG `ReadableStream`
   * (global fetch, undici) or a Node.js readable (node-fetch). Without it the config client polls.
   */
  body?: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string> | null;
}

/** The subset of WHATWG `fetch` the SDK calls (global `fetch`, undici, node-fetch, ...). GETs carry no body. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<FetchResponseLike>;

/** One secret as `GET /api/v1/config` delivers it (API keys with the `secrets:read` scope). */
export interface DeliveredSecret {
  value: string;
  version: number;
  /** The value before the last rotation, still valid until `previousExpiresAt` (the grace period). */
  previous?: string;
  previousExpiresAt?: string;
}

/** The body of `GET /api/v1/config` and the data of each `config` event of `/api/v1/config/stream`. */
export interface DeliveredConfig {
  /** Grows with every change of the environment (and of the secrets it references). */
  version: number;
  environment: string;
  /** The effective values: base overridden by the environment, secret references resolved with `secrets:read`. */
  values: Record<string, unknown>;
  secrets?: Record<string, DeliveredSecret>;
}

/** What `guard.config.secret(name)` returns: the value, and the pre-rotation one during a grace period. */
export interface ConfigSecret {
  readonly value: string;
  readonly previous?: string;
}

/** Passed to `onChange` listeners when a new config version arrives. */
export interface ConfigChange {
  version: number;
  /** The version held before (from the server or the cache file), `null` for the first one. */
  previousVersion: number | null;
  /** Keys added, removed or changed (resolved secret values included), sorted. */
  changedKeys: string[];
  /** The complete new config, frozen (the same object `getAll()` returns). */
  config: Readonly<Record<string, unknown>>;
}
