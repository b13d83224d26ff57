export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Longest Retry-After the SDK honours; a larger value (or a misconfigured proxy) is clamped to this. */
export const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

/**
 * Exponential backoff with "equal jitter": retry `n` (1-based) waits between half and all of
 * `min(maxDelayMs, baseDelayMs * 2^(n-1))`, so clients that failed together do not retry together.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Parses a Retry-After header (delay-seconds or an HTTP date) into milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(trimmed) * 1000));
  // An HTTP date names its weekday and month; anything else (e.g. "-3") is not one.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now));
}

/** Transient answers worth another attempt: request timeout, rate limit and every server-side error. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
