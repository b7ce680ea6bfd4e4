import type { LogEvent } from '../rules/types';
import { eventJson, eventTimeMs, stableEventId } from './event-fields';
import { parseJsonBody, type HttpClient, type HttpRequest } from './http';
import { failedRequestResult, isRetryableStatus } from './retry';
import type { EncodedEvent, ItemResult, RequestResult, SinkEvent, WireFormat } from './types';

/** Placeholder of an index pattern replaced by the event's UTC day, `YYYY.MM.DD`. */
export const DATE_PLACEHOLDER = '{date}';

export const DEFAULT_INDEX_PATTERN = `logfed-${DATE_PLACEHOLDER}`;

const DAY_MS = 86_400_000;

/** OpenSearch index names: lowercase, no spaces or `\ / * ? " < > | , #`, not starting with `_ - +`. */
const INDEX_NAME = /^(?![_+-])[^A-Z\s\\/*?"<>|,#:]+$/;

export function checkIndexPattern(pattern: string): void {
  if (!INDEX_NAME.test(pattern.replace(DATE_PLACEHOLDER, '2026.01.01'))) {
    throw new Error(
      `"${pattern}" is not a valid index name pattern (lowercase, no spaces or \\ / * ? " < > | , # :, ` +
        `not starting with _ - +; ${DATE_PLACEHOLDER} becomes the event's day)`,
    );
  }
}

/** Index name for an event: the pattern with the event's day, so a replay on another day hits the same index. */
export function indexFor(pattern: string, timeMs: number | undefined): string {
  if (!pattern.includes(DATE_PLACEHOLDER)) return pattern;
  const day = timeMs === undefined ? 'undated' : new Date(timeMs).toISOString().slice(0, 10).replace(/-/g, '.');
  return pattern.replace(DATE_PLACEHOLDER, day);
}

interface BulkItem {
  readonly status?: number;
  readonly error?: { readonly type?: string; readonly reason?: string };
}

/**
 * OpenSearch and Elasticsearch `_bulk`: a `create` action per event with `_id` = the event's stable id, so a
 * document is never written twice; a 409 on `create` means it is already there.
 */
export class OpenSearchBulk implements WireFormat {
  readonly sink = 'opensearch';
  /** Below the 10 MiB cap of small Amazon OpenSearch instances, with room to spare. */
  readonly maxRequestBytes = 5 * 1024 * 1024;
  readonly probe: HttpRequest = { method: 'GET', path: '/' };
  private lastIndex: { readonly day: number | undefined; readonly json: string } | undefined;

  constructor(private readonly indexPattern: string = DEFAULT_INDEX_PATTERN) {
    checkIndexPattern(indexPattern);
  }

  /** `{"create":{"_index":…,"_id":…}}` and the record, each on one line; the record serialised once at most. */
  encode(item: SinkEvent): EncodedEvent {
    const head = `{"create":{"_index":${this.indexJson(eventTimeMs(item.event))},"_id":${JSON.stringify(stableEventId(item.event))}}}\n`;
    return { head, json: eventJson(item), tail: '\n' };
  }

  decode(encoded: Buffer): LogEvent {
    return JSON.parse(encoded.toString('utf8', encoded.indexOf(0x0a) + 1)) as LogEvent;
  }

  /** The index name as JSON for an event time; the last day's is kept, as an object's events share a day. */
  private indexJson(timeMs: number | undefined): string {
    const day = timeMs === undefined ? undefined : Math.floor(timeMs / DAY_MS);
    if (this.lastIndex === undefined || this.lastIndex.day !== day) {
      this.lastIndex = { day, json: JSON.stringify(indexFor(this.indexPattern, timeMs)) };
    }
    return this.lastIndex.json;
  }

  async send(body: Buffer, http: HttpClient): Promise<RequestResult> {
    const response = await http.request({
      method: 'POST',
      path: '/_bulk',
      headers: { 'content-type': 'application/x-ndjson' },
      body,
    });
    if (response.status !== 200) return failedRequestResult(response);
    // Most answers say `"errors":false` in their first bytes; parsing a multi-megabyte answer is then wasted work.
    if (/^\{"took":\d+,"errors":false[,}]/.test(response.body.toString('latin1', 0, 64))) {
      return { status: 'delivered' };
    }
    const answer = parseJsonBody(response.body) as { errors?: unknown; items?: unknown } | undefined;
    if (answer?.errors === false) return { status: 'delivered' };
    if (!Array.isArray(answer?.items)) {
      return { status: 'retry', reason: 'the _bulk answer has no per-item results' };
    }
    return { status: 'items', items: answer.items.map((entry) => itemResult(entry as Record<string, BulkItem>)) };
  }
}

function itemResult(entry: Record<string, BulkItem> | null): ItemResult {
  const item = entry?.create ?? (entry ? Object.values(entry)[0] : undefined);
  const status = item?.status ?? 0;
  if (status >= 200 && status < 300) return { status: 'delivered' };
  const error = item?.error;
  const why = `${status} ${error?.type ?? 'error'}: ${error?.reason ?? 'no reason given'}`;
  if (status === 409 && error?.type === 'version_conflict_engine_exception') return { status: 'duplicate' };
  if (isRetryableStatus(status) || status === 0) return { status: 'retry', reason: why };
  return { status: 'rejected', reason: why };
}
