import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LogKind } from '../readers/types';
import type { LogEvent } from '../rules/types';
import { eventJson, eventTimeMs, hostOf } from './event-fields';
import { parseJsonBody, type HttpClient, type HttpRequest } from './http';
import { failedRequestResult } from './retry';
import type { EncodedEvent, RequestResult, SinkEvent, WireFormat } from './types';

/** Splunk's sourcetype for each log kind; `docs/forwarding.md` lists them. */
export const SPLUNK_SOURCETYPES: Readonly<Record<LogKind, string>> = {
  cloudtrail: 'aws:cloudtrail',
  'json-array': '_json',
  ndjson: '_json',
  emr: 'logfed:emr',
  datapipeline: 'logfed:datapipeline',
  'redshift-load-errors': 'logfed:redshift:load-errors',
  // These kinds produce no events; listed so every kind has an answer.
  'cloudtrail-digest': 'aws:cloudtrail:digest',
  'cloudtrail-insight': 'aws:cloudtrail:insight',
  empty: '_json',
  unknown: '_json',
};

export interface SplunkOptions {
  /** The Splunk index; the token's default index when unset. */
  readonly index?: string;
  /**
   * Wait for indexer acknowledgement (the token must have it enabled), so "delivered" means indexed, not only
   * received. Polls `/services/collector/ack` until the batch is indexed or `ackTimeoutMs` passes (then resends).
   */
  readonly ack?: boolean;
  /** @default 60000 */
  readonly ackTimeoutMs?: number;
  /** @default 500 */
  readonly ackPollMs?: number;
}

/** Splunk HTTP Event Collector: concatenated JSON envelopes posted to `/services/collector/event`. */
export class SplunkHec implements WireFormat {
  readonly sink = 'splunk';
  /** Splunk's documented default limit of a request is 1 MB. */
  readonly maxRequestBytes = 1_000_000;
  /** HEC answers an empty post with 400 "No data" when the token is good, 401 or 403 when it is not. */
  readonly probe: HttpRequest = { method: 'POST', path: '/services/collector/event' };
  private readonly channel = randomUUID();
  private fields: { readonly source: string; readonly kind: LogKind; readonly text: string } | undefined;

  constructor(private readonly options: SplunkOptions = {}) {}

  /**
   * `{"time":…,"host":…,"source":…,"sourcetype":…,"index":…,"event":<the record>}`, written as text around the
   * record's JSON so the record is serialised once at most (see `eventJson`).
   */
  encode(item: SinkEvent): EncodedEvent {
    const time = eventTimeMs(item.event);
    const head = `{${time === undefined ? '' : `"time":${time / 1000},`}${this.fieldsOf(item.source, item.kind)}"event":`;
    return { head, json: eventJson(item), tail: '}' };
  }

  decode(encoded: Buffer): LogEvent {
    return (JSON.parse(encoded.toString('utf8')) as { event: LogEvent }).event;
  }

  /** `"host":…,"source":…,"sourcetype":…,"index":…,` for an object; kept while its events are encoded. */
  private fieldsOf(source: string, kind: LogKind): string {
    if (this.fields?.source !== source || this.fields.kind !== kind) {
      const index = this.options.index ? `"index":${JSON.stringify(this.options.index)},` : '';
      const text =
        `"host":${JSON.stringify(hostOf(source))},"source":${JSON.stringify(source)},` +
        `"sourcetype":${JSON.stringify(SPLUNK_SOURCETYPES[kind])},${index}`;
      this.fields = { source, kind, text };
    }
    return this.fields.text;
  }

  async send(body: Buffer, http: HttpClient): Promise<RequestResult> {
    const headers = { 'content-type': 'application/json', 'x-splunk-request-channel': this.channel };
    const response = await http.request({
      method: 'POST',
      path: '/services/collector/event',
      headers,
      body,
    });
    if (response.status !== 200) return failedRequestResult(response);
    if (!this.options.ack) return { status: 'delivered' };
    const ackId = (parseJsonBody(response.body) as { ackId?: unknown } | undefined)?.ackId;
    if (typeof ackId !== 'number') {
      return { status: 'rejected', reason: 'no ackId in the answer: enable indexer acknowledgement on the token' };
    }
    return this.awaitAck(ackId, http, headers);
  }

  private async awaitAck(ackId: number, http: HttpClient, headers: Record<string, string>): Promise<RequestResult> {
    const timeout = this.options.ackTimeoutMs ?? 60_000;
    const until = Date.now() + timeout;
    const body = Buffer.from(JSON.stringify({ acks: [ackId] }));
    for (;;) {
      const response = await http.request({
        method: 'POST',
        path: `/services/collector/ack?channel=${encodeURIComponent(this.channel)}`,
        headers,
        body,
      });
      if (response.status !== 200) return failedRequestResult(response);
      const acks = (parseJsonBody(response.body) as { acks?: Record<string, unknown> } | undefined)?.acks;
      if (acks?.[String(ackId)] === true) return { status: 'delivered' };
      if (Date.now() >= until) return { status: 'retry', reason: `not indexed within ${timeout} ms (ack ${ackId})` };
      await sleep(this.options.ackPollMs ?? 500);
    }
  }
}
