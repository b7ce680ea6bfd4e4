import type { HttpResponse } from './http';
import type { RequestResult } from './types';

export interface RetryPolicy {
  /** Sends of one event before it is spilled. @default 6 */
  readonly maxAttempts: number;
  /** First backoff ceiling in milliseconds; doubles with each attempt. @default 250 */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling in milliseconds. @default 20000 */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 20_000 };

/**
 * Exponential backoff with full jitter (a uniform wait below a doubling ceiling, so clients that failed together
 * do not retry together), but never sooner than the sink's `Retry-After`.
 */
export function backoffMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs = 0,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.max(retryAfterMs, Math.floor(random() * ceiling));
}

/** `Retry-After` as seconds or as an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** HTTP statuses that mean "try again later": throttled, timed out at the server, or the server failing. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** What a non-success answer to a whole request means; the wire formats read success answers themselves. */
export function failedRequestResult(response: HttpResponse): RequestResult {
  if (response.status === 413) return { status: 'too-large' };
  const reason = `HTTP ${response.status}${answerText(response)}`;
  if (isRetryableStatus(response.status)) {
    return { status: 'retry', reason, retryAfterMs: retryAfterMs(response.headers['retry-after']) };
  }
  return { status: 'rejected', reason };
}

/** The start of an answer's body, for reasons people read; sinks explain errors there. */
function answerText(response: HttpResponse): string {
  const text = response.body.toString('utf8', 0, 300).replace(/\s+/g, ' ').trim();
  return text ? `: ${text}` : '';
}
